/** The reader's colour theme: follow the system, or a fixed choice. Kept in a cookie. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "moim-theme";

/**
 * One of THEMES exactly (what `z.enum(THEMES)` would accept). A plain check, not a schema:
 * the theme switcher imports this in the browser, where zod would cost ~30 KB of first load.
 */
export function isTheme(value: unknown): value is Theme {
  return (THEMES as readonly unknown[]).includes(value);
}

/** A cookie's value as a theme; anything else (absent, stale, hostile) follows the system. */
export function parseTheme(value: unknown): Theme {
  return isTheme(value) ? value : "system";
}

/**
 * The class <html> carries: none when following the system (the CSS asks the browser), else the
 * choice. app/globals.css keys every colour token on it.
 */
export function themeClass(theme: Theme): string | undefined {
  return theme === "system" ? undefined : theme;
}
