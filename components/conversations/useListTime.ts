"use client";
import { useTimeZone, useTranslations } from "next-intl";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { relativeDay } from "@/lib/time";

/**
 * When a chat last moved, as KakaoTalk's list shows it, in the reader's zone: "오후 5:54" today,
 * "어제", "11월 24일" this year, "2025. 11. 24." before.
 */
export function useListTime() {
  const format = useZonedFormat();
  const t = useTranslations("time");
  const timeZone = useTimeZone()!;
  return (iso: string, now: Date): string => {
    const at = new Date(iso);
    switch (relativeDay(at, now, timeZone)) {
      case "today":
        return format(at, { hour: "numeric", minute: "2-digit" });
      case "yesterday":
        return t("yesterday");
      case "thisYear":
        return format(at, { month: "short", day: "numeric" });
      case "older":
        return format(at, { year: "numeric", month: "numeric", day: "numeric" });
    }
  };
}
