import "server-only";
import { TZDate } from "@date-fns/tz";
import { RRule, Weekday as RRuleWeekday, type Options } from "rrule";
import { CALENDAR_LIMITS, WEEKDAYS, type RepeatInput } from "@/lib/calendar";
import { AppError } from "@/lib/errors";

/**
 * Repetition in the event's own zone. rrule runs on "floating" dates (a UTC Date whose fields
 * are the zone's wall clock), so a weekly 19:00 in Asia/Seoul is 19:00 on every date whatever
 * DST does in the viewer's zone or the event's; each floating occurrence is then turned into
 * its instant with @date-fns/tz. An all-day event repeats in UTC (its dates are UTC midnights).
 */

export interface Wall {
  y: number;
  m: number; // 1-12
  d: number;
  h: number;
  min: number;
}

export function parseWall(text: string): Wall {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) throw new AppError("calendar_time", "Not a date and time");
  const wall = { y: +m[1]!, m: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), min: +(m[5] ?? 0) };
  const check = new Date(Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.min));
  if (wall.y < 1970 || wall.y > 2200 || check.getUTCMonth() !== wall.m - 1 || check.getUTCDate() !== wall.d || wall.h > 23 || wall.min > 59)
    throw new AppError("calendar_time", "Not a real date and time");
  return wall;
}

/** The instant a wall-clock time in `zone` names (a time skipped by DST moves forward). */
export function wallToInstant(w: Wall, zone: string): Date {
  return new Date(new TZDate(w.y, w.m - 1, w.d, w.h, w.min, 0, zone).getTime());
}

/** The floating date (UTC fields = the wall clock of `zone`) of an instant. */
export function toFloating(at: Date, zone: string): Date {
  const z = new TZDate(at.getTime(), zone);
  return new Date(Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds()));
}

export function fromFloating(f: Date, zone: string): Date {
  return wallToInstant(
    { y: f.getUTCFullYear(), m: f.getUTCMonth() + 1, d: f.getUTCDate(), h: f.getUTCHours(), min: f.getUTCMinutes() },
    zone,
  );
}

const RRULE_DAYS: Record<string, RRuleWeekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};
const FREQ = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;

/** The stored RRULE (no DTSTART; UNTIL in floating time) for a repetition starting at `start` (floating). */
export function ruleText(repeat: RepeatInput, floatingStart: Date): string {
  const options: Partial<Options> = { freq: FREQ[repeat.freq], interval: repeat.interval };
  if (repeat.freq === "weekly" && repeat.weekdays?.length)
    options.byweekday = WEEKDAYS.filter((d) => repeat.weekdays!.includes(d)).map((d) => RRULE_DAYS[d]!);
  if (repeat.count !== undefined) options.count = repeat.count;
  if (repeat.until !== undefined) {
    const u = parseWall(repeat.until);
    const until = new Date(Date.UTC(u.y, u.m - 1, u.d, 23, 59, 59));
    if (until < floatingStart) throw new AppError("calendar_repeat", "The repetition ends before it starts");
    if (until.getTime() - floatingStart.getTime() > CALENDAR_LIMITS.maxUntilDays * 86_400_000)
      throw new AppError("calendar_repeat", "The repetition runs too far ahead");
    options.until = until;
  }
  return RRule.optionsToString(options).replace(/^RRULE:/, "");
}

/** The form's view of a stored rule. */
export function repeatOf(rule: string): RepeatInput {
  const o = RRule.parseString(rule);
  const freq = o.freq === RRule.DAILY ? "daily" : o.freq === RRule.MONTHLY ? "monthly" : "weekly";
  const out: RepeatInput = { freq, interval: o.interval ?? 1 };
  const days = o.byweekday ? (Array.isArray(o.byweekday) ? o.byweekday : [o.byweekday]) : [];
  if (days.length) out.weekdays = days.map((d) => WEEKDAYS[typeof d === "number" ? d : (d as RRuleWeekday).weekday]!);
  if (o.count) out.count = o.count;
  if (o.until) out.until = o.until.toISOString().slice(0, 10);
  return out;
}

export interface Series {
  startAt: Date;
  endAt: Date;
  allDay: boolean;
  timeZone: string;
  rrule: string | null;
}

const zoneOf = (s: Pick<Series, "allDay" | "timeZone">) => (s.allDay ? "UTC" : s.timeZone);

function ruleOf(s: Series): RRule {
  return new RRule({ ...RRule.parseString(s.rrule!), dtstart: toFloating(s.startAt, zoneOf(s)) });
}

/**
 * The original starts of the occurrences whose span meets [from, to), at most `cap` of them.
 * A one-off event is its own single occurrence.
 */
export function occurrenceStarts(s: Series, from: Date, to: Date, cap: number = CALENDAR_LIMITS.maxOccurrences): Date[] {
  const duration = s.endAt.getTime() - s.startAt.getTime();
  if (!s.rrule) return s.startAt < to && s.endAt > from ? [s.startAt] : [];
  const zone = zoneOf(s);
  // A day either side covers every zone offset between floating and real time.
  const fFrom = new Date(from.getTime() - duration - 2 * 86_400_000);
  const fTo = new Date(to.getTime() + 2 * 86_400_000);
  const out: Date[] = [];
  ruleOf(s).between(fFrom, fTo, true, (f) => {
    const at = fromFloating(f, zone);
    if (at < to && at.getTime() + duration > from.getTime()) out.push(at);
    return out.length < cap;
  });
  return out;
}

/** Whether `at` is one of the series' original starts. */
export function isOccurrence(s: Series, at: Date): boolean {
  if (!s.rrule) return at.getTime() === s.startAt.getTime();
  return occurrenceStarts(s, at, new Date(at.getTime() + 1), 5).some((o) => o.getTime() === at.getTime());
}

/** When the last occurrence ends, or null for a series without end. */
export function lastEnd(s: Series): Date | null {
  if (!s.rrule) return s.endAt;
  const rule = ruleOf(s);
  if (!rule.options.count && !rule.options.until) return null;
  let last: Date | null = null;
  rule.all((f, i) => {
    last = f;
    return i < CALENDAR_LIMITS.maxCount * 5;
  });
  if (!last) return s.endAt;
  return new Date(fromFloating(last, zoneOf(s)).getTime() + (s.endAt.getTime() - s.startAt.getTime()));
}

/** How many occurrences start before `at` (for "this and following": the first part keeps them). */
export function countBefore(s: Series, at: Date): number {
  const rule = ruleOf(s);
  const zone = zoneOf(s);
  let n = 0;
  rule.all((f) => {
    if (fromFloating(f, zone) >= at) return false;
    n++;
    return n < CALENDAR_LIMITS.maxCount * 5;
  });
  return n;
}

/** The same rule, ending (UNTIL, floating) just before the occurrence starting at `at`. */
export function ruleEndingBefore(s: Series, at: Date): string {
  const o = RRule.parseString(s.rrule!);
  delete o.count;
  o.until = new Date(toFloating(at, zoneOf(s)).getTime() - 1000);
  return RRule.optionsToString(o).replace(/^RRULE:/, "");
}

/** The rule with its COUNT replaced (the second part of a split keeps what was left). */
export function ruleWithCount(rule: string, count: number | null): string {
  const o = RRule.parseString(rule);
  if (count === null) delete o.count;
  else o.count = count;
  return RRule.optionsToString(o).replace(/^RRULE:/, "");
}

/** The rule as an iCalendar feed writes it beside DTSTART;TZID: UNTIL becomes UTC. */
export function feedRule(s: Series): string {
  const o = RRule.parseString(s.rrule!);
  if (o.until) o.until = fromFloating(o.until, zoneOf(s));
  return RRule.optionsToString(o).replace(/^RRULE:/, "");
}
