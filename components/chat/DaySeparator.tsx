"use client";
import { useFormatter } from "next-intl";

/** True when `iso` falls on another calendar day than `prevIso` (or there is no previous message). */
export function startsNewDay(prevIso: string | undefined, iso: string): boolean {
  return prevIso === undefined || new Date(prevIso).toDateString() !== new Date(iso).toDateString();
}

/** The line between two days in a message list. */
export function DaySeparator({ date }: { date: string }) {
  const format = useFormatter();
  return (
    <div role="separator" className="my-3 flex items-center gap-3 text-xs font-medium text-stone-500" data-testid="day-separator">
      <span className="h-px flex-1 bg-stone-200" />
      {format.dateTime(new Date(date), { dateStyle: "full" })}
      <span className="h-px flex-1 bg-stone-200" />
    </div>
  );
}
