import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { TZDate, tzOffset } from "@date-fns/tz";
import { eq } from "drizzle-orm";
import ical from "ical-generator";
import { AppError } from "@/lib/errors";
import { feedRule } from "../calendar/recurrence";
import { getDatabase } from "../database";
import { memberSpaces, seriesOfSpaces } from "./calendar";

/**
 * A user's private iCalendar feed (issue 13): one random token per user in the URL, only its
 * SHA-256 stored. Calendar apps fetch it without a session; it holds the events of the spaces
 * the token's owner is in at the time of the fetch. Regenerating replaces the token, revoking
 * removes it: the old URL then answers 404. A repeating event is one VEVENT with RRULE and
 * EXDATE (cancelled occurrences); each moved or edited occurrence its own VEVENT with the same
 * UID and a RECURRENCE-ID. Times are written in the event's zone with a VTIMEZONE for it.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function feedStatus(userId: string): Promise<{ active: boolean; createdAt: string | null }> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ createdAt: t.calendarFeeds.createdAt })
    .from(t.calendarFeeds)
    .where(eq(t.calendarFeeds.userId, userId))
    .limit(1);
  return { active: !!row, createdAt: row?.createdAt.toISOString() ?? null };
}

/** A new feed token (the old one, if any, stops working). The token is shown once. */
export async function regenerateFeed(userId: string): Promise<{ token: string; path: string }> {
  const token = randomBytes(32).toString("base64url");
  const { db, t } = await getDatabase();
  await db.transaction(async (tx) => {
    await tx.delete(t.calendarFeeds).where(eq(t.calendarFeeds.userId, userId));
    await tx.insert(t.calendarFeeds).values({ userId, tokenHash: hashOf(token), createdAt: new Date() });
  });
  return { token, path: feedPath(token) };
}

export const feedPath = (token: string) => `/api/calendar/feed/${token}`;

export async function revokeFeed(userId: string): Promise<{ revoked: boolean }> {
  const { db, t, dialect } = await getDatabase();
  return { revoked: dialect.affectedRows(await db.delete(t.calendarFeeds).where(eq(t.calendarFeeds.userId, userId))) > 0 };
}

/** The feed's text for a token; `not_found` for a malformed, unknown or revoked one (shape checked before any query). */
export async function renderFeed(token: string, appUrl: string): Promise<string> {
  if (!TOKEN.test(token)) throw new AppError("not_found", "No such feed");
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ userId: t.calendarFeeds.userId })
    .from(t.calendarFeeds)
    .where(eq(t.calendarFeeds.tokenHash, hashOf(token)))
    .limit(1);
  if (!row) throw new AppError("not_found", "No such feed");
  const spaces = await memberSpaces(row.userId);
  const spaceName = new Map(spaces.map((s) => [s.id, s.name]));
  const { rows, exceptions } = await seriesOfSpaces(spaces.map((s) => s.id));
  const cal = ical({ name: "Moim", prodId: "//Moim//Calendar//KO" });
  cal.timezone({ name: null, generator: vtimezone });
  const at = (d: Date, zone: string, allDay: boolean) => (allDay ? d : new TZDate(d.getTime(), zone));
  for (const ev of rows) {
    const own = exceptions.filter((x) => x.eventId === ev.id);
    const zone = ev.allDay ? null : ev.timeZone;
    const url = `${appUrl}/spaces/${ev.spaceId}/calendar`;
    const description = [ev.description, `— ${spaceName.get(ev.spaceId) ?? ""}`].filter(Boolean).join("\n\n");
    let repeating: string | null = null;
    if (ev.rrule) {
      repeating = `RRULE:${feedRule(ev)}`;
      const cancelled = own.filter((x) => x.cancelled).map((x) => x.occurrenceAt);
      if (cancelled.length)
        repeating += ev.allDay
          ? `\r\nEXDATE;VALUE=DATE:${cancelled.map((d) => d.toISOString().slice(0, 10).replaceAll("-", "")).join(",")}`
          : `\r\nEXDATE;TZID=${ev.timeZone}:${cancelled.map((d) => localStamp(d, ev.timeZone)).join(",")}`;
    }
    cal.createEvent({
      id: ev.id,
      start: at(ev.startAt, ev.timeZone, ev.allDay),
      end: at(ev.endAt, ev.timeZone, ev.allDay),
      allDay: ev.allDay,
      timezone: zone,
      summary: ev.title,
      description,
      location: ev.location || null,
      url,
      repeating,
      stamp: ev.updatedAt,
    });
    const duration = ev.endAt.getTime() - ev.startAt.getTime();
    for (const x of own) {
      if (x.cancelled) continue;
      cal.createEvent({
        id: ev.id,
        recurrenceId: at(x.occurrenceAt, ev.timeZone, ev.allDay),
        start: at(x.startAt ?? x.occurrenceAt, ev.timeZone, ev.allDay),
        end: at(x.endAt ?? new Date(x.occurrenceAt.getTime() + duration), ev.timeZone, ev.allDay),
        allDay: ev.allDay,
        timezone: zone,
        summary: x.title ?? ev.title,
        description: x.description ?? description,
        location: (x.location ?? ev.location) || null,
        url,
        stamp: ev.updatedAt,
      });
    }
  }
  return cal.toString();
}

/** "20260302T190000": an instant's wall clock in a zone, as iCalendar writes it beside TZID. */
function localStamp(at: Date, zone: string): string {
  const z = new TZDate(at.getTime(), zone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${z.getFullYear()}${p(z.getMonth() + 1)}${p(z.getDate())}T${p(z.getHours())}${p(z.getMinutes())}${p(z.getSeconds())}`;
}

const zones = new Map<string, string>();

/**
 * A VTIMEZONE for an IANA zone, from this server's Intl data: every offset change from 2000 to
 * 2040 as its own STANDARD or DAYLIGHT part (found by daily samples, then to the minute).
 */
function vtimezone(zone: string): string {
  const cached = zones.get(zone);
  if (cached) return cached;
  const offset = (ms: number) => tzOffset(zone, new Date(ms));
  const fmt = (m: number) =>
    `${m < 0 ? "-" : "+"}${String(Math.floor(Math.abs(m) / 60)).padStart(2, "0")}${String(Math.abs(m) % 60).padStart(2, "0")}`;
  const parts: string[] = [];
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2040, 0, 1);
  const first = offset(start);
  parts.push(part("STANDARD", "20000101T000000", first, first));
  let prev = first;
  for (let day = start; day < end; day += 86_400_000) {
    const next = offset(day + 86_400_000);
    if (next === prev) continue;
    let lo = day;
    let hi = day + 86_400_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offset(mid) === prev) lo = mid;
      else hi = mid;
    }
    // DTSTART is the local time of the change in the offset before it.
    const local = new Date(hi + prev * 60_000).toISOString();
    const stamp = local.slice(0, 19).replace(/[-:]/g, "");
    parts.push(part(next > prev ? "DAYLIGHT" : "STANDARD", stamp, prev, next));
    prev = next;
  }
  const text = ["BEGIN:VTIMEZONE", `TZID:${zone}`, ...parts, "END:VTIMEZONE"].join("\r\n");
  zones.set(zone, text);
  return text;

  function part(kind: string, dtstart: string, from: number, to: number) {
    return [`BEGIN:${kind}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${fmt(from)}`, `TZOFFSETTO:${fmt(to)}`, `END:${kind}`].join("\r\n");
  }
}
