"use client";
import { useTranslations } from "next-intl";
import { THEMES, isTheme, type Theme } from "@/lib/theme";
import { chooseTheme, useTheme } from "./theme-choice";

/** A compact select for pages without the account menu (sign-in, sign-up, invite). */
export function ThemeSelect({ serverTheme, className = "" }: { serverTheme: Theme; className?: string }) {
  const t = useTranslations("theme");
  const theme = useTheme(serverTheme);
  return (
    <select
      aria-label={t("label")}
      value={theme}
      onChange={(e) => isTheme(e.target.value) && chooseTheme(e.target.value)}
      className={`h-8 rounded-md border border-stone-300 bg-white px-2 text-xs text-stone-700 ${className}`}
    >
      {THEMES.map((value) => (
        <option key={value} value={value}>
          {t(value)}
        </option>
      ))}
    </select>
  );
}
