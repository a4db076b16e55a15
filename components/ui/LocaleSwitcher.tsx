"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALES, isLocale } from "@/lib/i18n";

export function LocaleSwitcher({ className = "" }: { className?: string }) {
  const t = useTranslations("locale");
  const locale = useLocale();
  const router = useRouter();
  return (
    <select
      aria-label={t("label")}
      value={locale}
      onChange={(e) => {
        if (!isLocale(e.target.value)) return;
        document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
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
