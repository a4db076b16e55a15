import { z } from "zod";

/** The reader's colour theme: follow the system, or a fixed choice. Kept in a cookie. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "moim-theme";

const themeSchema = z.enum(THEMES);

export function isTheme(value: unknown): value is Theme {
  return themeSchema.safeParse(value).success;
}

/** A cookie's value as a theme; anything else (absent, stale, hostile) follows the system. */
export function parseTheme(value: unknown): Theme {
  const parsed = themeSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}

/**
 * The class <html> carries: none when following the system (the CSS asks the browser), else the
 * choice. app/globals.css keys every colour token on it.
 */
export function themeClass(theme: Theme): string | undefined {
  return theme === "system" ? undefined : theme;
}
