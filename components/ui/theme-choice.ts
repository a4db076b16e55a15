"use client";
import { useSyncExternalStore } from "react";
import { THEME_COOKIE, parseTheme, themeClass, type Theme } from "@/lib/theme";

// The theme lives in two places: the cookie (so the server renders the right class on the next
// page) and <html>'s class (what the CSS reads now). Switching writes both; no reload, no flash.

const listeners = new Set<() => void>();

function current(): Theme {
  const { classList } = document.documentElement;
  return classList.contains("dark") ? "dark" : classList.contains("light") ? "light" : "system";
}

export function chooseTheme(theme: Theme) {
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  const cls = themeClass(theme);
  if (cls) root.classList.add(cls);
  for (const listener of listeners) listener();
}

/** The theme in force; `serverTheme` is what the server rendered with (from the cookie). */
export function useTheme(serverTheme: Theme = "system"): Theme {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current,
    () => parseTheme(serverTheme),
  );
}
