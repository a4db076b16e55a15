import { TZDate } from "@date-fns/tz";

/**
 * The study day (issue 13). Korean study apps start the day at 05:00, not midnight: studying
 * from 23:00 to 01:30 is one evening's work, and it belongs to the day it began in. A day is
 * named `YYYY-MM-DD` and runs from `startHour`:00 on that date to `startHour`:00 the next, in
 * the user's own zone (so it is 23, 24 or 25 hours long across a DST change).
 * Pure and shared: the server files sessions with it, the browser labels charts with it.
 */

export type StudyDay = string;
export type Span = readonly [startMs: number, endMs: number];

export interface DayRule {
  timeZone: string;
  /** 0–23: the hour the study day starts at. */
  startHour: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const fromParts = (y: number, m: number, d: number): StudyDay => `${y}-${pad(m)}-${pad(d)}`;
function parts(day: StudyDay): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

/** The study day an instant falls in. */
export function studyDayOf(atMs: number, rule: DayRule): StudyDay {
  const local = new TZDate(atMs, rule.timeZone);
  // Before the day's start hour it is still the previous study day. Date arithmetic on the
  // civil date (not on the instant) so a DST change cannot shift it.
  const date = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
  if (local.getHours() < rule.startHour) date.setUTCDate(date.getUTCDate() - 1);
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The day `n` days after (or before) `day`. */
export function addStudyDays(day: StudyDay, n: number): StudyDay {
  const [y, m, d] = parts(day);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The instant a study day starts. */
export function studyDayStart(day: StudyDay, rule: DayRule): number {
  const [y, m, d] = parts(day);
  return new TZDate(y, m - 1, d, rule.startHour, 0, 0, rule.timeZone).getTime();
}

/** A study day as `[start, end)` instants. */
export function studyDaySpan(day: StudyDay, rule: DayRule): Span {
  return [studyDayStart(day, rule), studyDayStart(addStudyDays(day, 1), rule)];
}

/** Days from `from` to `to`, both included (at most `limit`, for safety). */
export function studyDaysBetween(from: StudyDay, to: StudyDay, limit = 400): StudyDay[] {
  const days: StudyDay[] = [];
  for (let day = from; day <= to && days.length < limit; day = addStudyDays(day, 1)) days.push(day);
  return days;
}

/** ISO weekday of a study day: 1 Monday … 7 Sunday. */
export function weekdayOf(day: StudyDay): number {
  const [y, m, d] = parts(day);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday that starts the week of `day`. */
export const weekStartOf = (day: StudyDay): StudyDay => addStudyDays(day, 1 - weekdayOf(day));
/** The first day of the month of `day`. */
export const monthStartOf = (day: StudyDay): StudyDay => `${day.slice(0, 8)}01`;

/**
 * Cuts spans at each study day's start: what fell in each day, in order. A span that ran from
 * 23:00 to 06:00 with the day starting at 05:00 comes back as two pieces.
 */
export function splitByStudyDay(spans: readonly Span[], rule: DayRule): Map<StudyDay, Span[]> {
  const byDay = new Map<StudyDay, Span[]>();
  for (const [start, end] of spans) {
    let from = start;
    while (from < end) {
      const day = studyDayOf(from, rule);
      const dayEnd = studyDaySpan(day, rule)[1];
      const to = Math.min(end, dayEnd);
      if (to > from) {
        const list = byDay.get(day) ?? [];
        list.push([from, to]);
        byDay.set(day, list);
      }
      from = to;
    }
  }
  return byDay;
}

/** Total length of spans, in ms. */
export const spanMs = (spans: readonly Span[]) => spans.reduce((sum, [a, b]) => sum + (b - a), 0);
