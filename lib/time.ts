import type { Locale } from "./i18n";

/**
 * Times are the reader's: every date and time is shown in the viewer's time zone, whatever zone
 * the server runs in. The browser tells us its zone in this cookie (components/ui/TimeZoneSync
 * sets it from Intl.DateTimeFormat().resolvedOptions().timeZone); i18n/request.ts reads it (through
 * lib/time-zone.ts) so the server renders the same text the browser would, and hydration agrees.
 * This module stays free of zod: it is in every page's JavaScript.
 */
export const TIME_ZONE_COOKIE = "moim-tz";

/** The zone we assume until the browser has told us its own. */
export function defaultTimeZone(locale: Locale): string {
  return locale === "ko" ? "Asia/Seoul" : "UTC";
}

/** The canonical name of `zone` if it looks like an IANA name and this runtime's Intl knows it. */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day `at` falls on in `timeZone`, as a day number (days since 1970-01-01). */
export function civilDay(at: Date, timeZone: string): number {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part("year"), part("month") - 1, part("day")) / 86_400_000;
}

/** The calendar day as "YYYY-MM-DD" in `timeZone` (for `<time dateTime>` on a day). */
export function dayKey(at: Date, timeZone: string): string {
  return new Date(civilDay(at, timeZone) * 86_400_000).toISOString().slice(0, 10);
}

/** True when `iso` falls on another calendar day in `timeZone` than `prevIso` (or there is none). */
export function startsNewDay(prevIso: string | undefined, iso: string, timeZone: string): boolean {
  return prevIso === undefined || civilDay(new Date(prevIso), timeZone) !== civilDay(new Date(iso), timeZone);
}

/**
 * How far back `at` is from `now`, in the reader's calendar: a message from 23:59 yesterday is
 * "yesterday" one minute later. A time slightly ahead of `now` (clock skew) counts as today.
 */
export type RelativeDay = "today" | "yesterday" | "thisYear" | "older";

export function relativeDay(at: Date, now: Date, timeZone: string): RelativeDay {
  const days = civilDay(now, timeZone) - civilDay(at, timeZone);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  const year = (d: Date) => new Date(civilDay(d, timeZone) * 86_400_000).getUTCFullYear();
  return year(at) === year(now) ? "thisYear" : "older";
}

/** The words for before and after noon ("오전"/"오후", "AM"/"PM"), from the UI's messages. */
export interface DayPeriods {
  am: string;
  pm: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * `Intl.DateTimeFormat` in the reader's zone, made the same on the server and in every browser,
 * so what the server renders is what the client hydrates: ICU versions differ in small ways
 * (Node's ICU 78 writes Korean "AM 10:10" where browsers write "오전 10:10"; some put U+202F
 * before "PM", Chrome a plain space). The before/after-noon word comes from our messages and
 * every space is a plain one.
 */
export function formatInZone(
  at: Date,
  { locale, timeZone, dayPeriods }: { locale: string; timeZone: string; dayPeriods: DayPeriods },
  options: Intl.DateTimeFormatOptions,
): string {
  const parts = formatter(locale, { ...options, timeZone }).formatToParts(at);
  let afternoon: boolean | undefined;
  return parts
    .map((part) => {
      if (part.type === "dayPeriod") {
        afternoon ??= Number(formatter("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(at)) >= 12;
        return afternoon ? dayPeriods.pm : dayPeriods.am;
      }
      return part.value.replace(/\s/g, " ");
    })
    .join("");
}
