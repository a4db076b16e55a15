"use client";
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { formatInZone } from "@/lib/time";

/**
 * Dates and times as the reader reads them: their locale, their zone (i18n/request.ts), and the
 * same text on the server and in the browser (lib/time.ts `formatInZone`).
 */
export function useZonedFormat(): (at: Date, options: Intl.DateTimeFormatOptions) => string {
  const locale = useLocale();
  const timeZone = useTimeZone()!;
  const t = useTranslations("time");
  const dayPeriods = { am: t("am"), pm: t("pm") };
  return (at, options) => formatInZone(at, { locale, timeZone, dayPeriods }, options);
}
