"use client";
import { useLocale, useTranslations } from "next-intl";
import type { StudyDay } from "@/lib/study-day";

/**
 * Study time and study days as the reader reads them: "2시간 30분" / "2h 30m", and a study day
 * (a calendar date, not an instant) in their locale.
 */
export function useStudyFormat() {
  const t = useTranslations("studyStats");
  const locale = useLocale();
  const duration = (ms: number) => {
    const minutes = Math.round(ms / 60_000);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return t("durationM", { m });
    return m === 0 ? t("durationH", { h }) : t("duration", { h, m });
  };
  const day = (d: StudyDay, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));
  return { duration, day };
}

/**
 * Subject colours: mid tones that read on white and on the dark theme's surface alike (fills,
 * never text). The 8th and later subjects share the last.
 */
export const SUBJECT_COLOURS = ["#f97316", "#0ea5e9", "#10b981", "#8b5cf6", "#eab308", "#ec4899", "#14b8a6", "#a8a29e"];
export const subjectColour = (index: number) => SUBJECT_COLOURS[Math.min(index, SUBJECT_COLOURS.length - 1)]!;
