import { TZDate } from "@date-fns/tz";
import type { CalendarOccurrence } from "./calendar";

/**
 * The calendar views' arithmetic, in the viewer's zone. A day is its "YYYY-MM-DD" key (dates
 * are the same everywhere; only where an instant falls depends on the zone), stepped in UTC so
 * no DST day is 23 or 25 hours long here. Timed occurrences land on the days of the viewer's
 * zone; all-day ones on their own dates (stored as UTC midnights), in every zone.
 */

const keyFormats = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in `zone`. */
export function dayKey(at: Date, zone: string): string {
  let f = keyFormats.get(zone);
  if (!f)
    keyFormats.set(zone, (f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(at);
}

const utc = (key: string) => new Date(`${key}T00:00:00Z`);
export const keyOf = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (key: string, n: number) => keyOf(new Date(utc(key).getTime() + n * 86_400_000));
export const weekdayOf = (key: string) => utc(key).getUTCDay();
export const addMonths = (key: string, n: number) => {
  const d = utc(key);
  return keyOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
};

/** 00:00 of a day in `zone`, as an instant. */
export function startOfDayIn(key: string, zone: string): Date {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, zone).getTime());
}

/** Minutes since the zone's midnight (a time view's vertical position). */
export function minutesIn(at: Date, zone: string): number {
  const z = new TZDate(at.getTime(), zone);
  return z.getHours() * 60 + z.getMinutes();
}

/** The Sunday starting the week of `key`. */
export const weekStart = (key: string) => addDays(key, -weekdayOf(key));

/** Six weeks from the Sunday before the 1st of the month of `key`. */
export function monthGrid(key: string): string[] {
  const first = weekStart(`${key.slice(0, 7)}-01`);
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

export const weekDays = (key: string) => Array.from({ length: 7 }, (_, i) => addDays(weekStart(key), i));

/** The days an occurrence covers, as the viewer sees them. */
export function daysOf(o: Pick<CalendarOccurrence, "start" | "end" | "allDay">, zone: string): string[] {
  const start = new Date(o.start);
  const end = new Date(o.end);
  const first = o.allDay ? keyOf(start) : dayKey(start, zone);
  const last = o.allDay ? keyOf(new Date(end.getTime() - 1)) : dayKey(new Date(Math.max(start.getTime(), end.getTime() - 1)), zone);
  const out = [first];
  while (out.length < 15 && out.at(-1)! < last) out.push(addDays(out.at(-1)!, 1));
  return out;
}

/** Whole days from today to `key` in the viewer's zone (D-day countdowns: 0 is today). */
export function daysUntil(key: string, todayKey: string): number {
  return Math.round((utc(key).getTime() - utc(todayKey).getTime()) / 86_400_000);
}

/** A steady hue per space, for the personal calendar's colours. */
export function spaceHue(spaceId: string): number {
  let h = 0;
  for (const c of spaceId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 360;
}

/**
 * Lanes for a day's timed occurrences: those that overlap share the width of their cluster
 * side by side; one that overlaps nothing keeps the whole width.
 */
export function lanes<T extends { start: string; end: string }>(items: T[]): Array<{ item: T; lane: number; of: number }> {
  const sorted = [...items].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const out: Array<{ item: T; lane: number; of: number }> = [];
  let cluster: Array<{ item: T; lane: number; of: number }> = [];
  let ends: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const c of cluster) c.of = ends.length;
    out.push(...cluster);
    cluster = [];
    ends = [];
  };
  for (const item of sorted) {
    const s = Date.parse(item.start);
    const e = Math.max(Date.parse(item.end), s + 30 * 60_000);
    if (s >= clusterEnd) {
      close();
      clusterEnd = e;
    } else clusterEnd = Math.max(clusterEnd, e);
    let lane = ends.findIndex((x) => x <= s);
    if (lane === -1) lane = ends.push(0) - 1;
    ends[lane] = e;
    cluster.push({ item, lane, of: 0 });
  }
  close();
  return out;
}
