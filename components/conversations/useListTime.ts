"use client";
import { useFormatter, useTranslations } from "next-intl";

/** When a chat last moved, as the chat list shows it: 14:05 today, "Yesterday", else the date. */
export function useListTime() {
  const format = useFormatter();
  const t = useTranslations("conversations");
  return (iso: string, now: Date = new Date()): string => {
    const at = new Date(iso);
    const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const days = Math.round((day(now) - day(at)) / 86_400_000);
    if (days <= 0) return format.dateTime(at, { hour: "numeric", minute: "2-digit" });
    if (days === 1) return t("yesterday");
    if (at.getFullYear() === now.getFullYear()) return format.dateTime(at, { month: "short", day: "numeric" });
    return format.dateTime(at, { year: "numeric", month: "numeric", day: "numeric" });
  };
}
