"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALES, isLocale } from "@/lib/i18n";

/** Remembers the language (a cookie the server reads) and renders the page again in it. */
export function useChooseLocale() {
  const router = useRouter();
  return (value: string) => {
    if (!isLocale(value)) return;
    document.cookie = `${LOCALE_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };
}

export function LocaleSwitcher({ className = "" }: { className?: string }) {
  const t = useTranslations("locale");
  const locale = useLocale();
  const choose = useChooseLocale();
  return (
    <select
      aria-label={t("label")}
      value={locale}
      onChange={(e) => choose(e.target.value)}
      className={`h-8 rounded-md border border-stone-300 bg-white px-2 text-xs text-stone-700 ${className}`}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(l)}
        </option>
      ))}
    </select>
  );
}
