"use client";
import { useNow, useTimeZone, useTranslations } from "next-intl";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { dayKey, relativeDay, startsNewDay } from "@/lib/time";

/** `startsNewDay` in the reader's zone: does this message open another calendar day? */
export function useStartsNewDay(): (prevIso: string | undefined, iso: string) => boolean {
  const timeZone = useTimeZone()!;
  return (prevIso, iso) => startsNewDay(prevIso, iso, timeZone);
}

/** The line between two days in a message list: "오늘", "어제", else "2026년 12월 1일 화요일". */
export function DaySeparator({ date }: { date: string }) {
  const format = useZonedFormat();
  const t = useTranslations("time");
  const timeZone = useTimeZone()!;
  // The server's `now` until the first minute passes, so server and client render the same label.
  const now = useNow({ updateInterval: 60_000 });
  const at = new Date(date);
  const full = format(at, { dateStyle: "full" });
  const day = relativeDay(at, now, timeZone);
  return (
    <div role="separator" className="my-3 flex items-center gap-3 text-xs font-medium text-stone-500" data-testid="day-separator">
      <span className="h-px flex-1 bg-stone-200" />
      <time dateTime={dayKey(at, timeZone)} title={full}>
        {day === "today" ? t("today") : day === "yesterday" ? t("yesterday") : full}
      </time>
      <span className="h-px flex-1 bg-stone-200" />
    </div>
  );
}
