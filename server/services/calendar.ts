import "server-only";
import { and, eq, gt, gte, inArray, isNull, lt, or } from "drizzle-orm";
import {
  CALENDAR_LIMITS,
  eventFields,
  type CalendarOccurrence,
  type EditScope,
  type RsvpAnswer,
  type RsvpCounts,
  type RsvpPerson,
  updateEventBody,
} from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { rooms } from "@/lib/realtime/contract";
import { canonicalTimeZone } from "@/lib/time";
import { z } from "zod";
import {
  countBefore,
  isOccurrence,
  lastEnd,
  occurrenceStarts,
  parseWall,
  repeatOf,
  ruleEndingBefore,
  ruleText,
  ruleWithCount,
  toFloating,
  wallToInstant,
  type Series,
} from "../calendar/recurrence";
import { getDatabase, type Tx } from "../database";
import { events } from "../events/sink";
import { newId } from "../ids";
import { requireChannelAccess } from "./access";
import { requireSpaceMember, type SpaceRole } from "./spaces";

/**
 * A space's shared calendar (issue 13). Any member may add an event; its creator and the
 * space's owner and admins may change or cancel it; members read and RSVP; a non-member learns
 * nothing (an event of another space is `not_found`, like one that does not exist). Repetition
 * and zones: ../calendar/recurrence.ts. Every change is told to the space's room
 * (`calendar:changed`) once written; the views re-read their range.
 */

type EventRow = typeof import("@/db/schema/sqlite").calendarEvents.$inferSelect;
type ExceptionRow = typeof import("@/db/schema/sqlite").calendarExceptions.$inferSelect;

const DAY = 86_400_000;
const mayEdit = (userId: string, role: SpaceRole, event: Pick<EventRow, "creatorId">) => role !== "member" || event.creatorId === userId;

/** The stored form of the fields: instants, the zone, the rule, when the series ends. */
async function resolve(input: z.output<typeof eventFields>, spaceId: string, userId: string) {
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) throw new AppError("time_zone", "Unknown time zone");
  const startWall = parseWall(input.start);
  const endWall = parseWall(input.end);
  let startAt: Date, endAt: Date;
  if (input.allDay) {
    if (input.start.includes("T") || input.end.includes("T")) throw new AppError("calendar_time", "An all-day event takes dates");
    startAt = new Date(Date.UTC(startWall.y, startWall.m - 1, startWall.d));
    endAt = new Date(Date.UTC(endWall.y, endWall.m - 1, endWall.d) + DAY);
  } else {
    if (!input.start.includes("T") || !input.end.includes("T")) throw new AppError("calendar_time", "Give a time, or make it all day");
    startAt = wallToInstant(startWall, timeZone);
    endAt = wallToInstant(endWall, timeZone);
  }
  checkSpan(startAt, endAt);
  if (input.videoChannelId) {
    const channel = await requireChannelAccess(userId, input.videoChannelId).catch(() => null);
    if (!channel || channel.spaceId !== spaceId || channel.kind !== "video")
      throw new AppError("validation", "videoChannelId: not a video channel of this space");
  }
  const series: Series = { startAt, endAt, allDay: input.allDay, timeZone, rrule: null };
  if (input.repeat) series.rrule = ruleText(input.repeat, toFloating(startAt, input.allDay ? "UTC" : timeZone));
  return { ...series, lastEndAt: lastEnd(series) };
}

function checkSpan(startAt: Date, endAt: Date) {
  if (endAt < startAt) throw new AppError("calendar_time", "The end is before the start");
  if (endAt.getTime() - startAt.getTime() > CALENDAR_LIMITS.maxDurationMs)
    throw new AppError("calendar_time", "One occurrence lasts at most 14 days");
}

/** The form's wall-clock text for an instant of this event. */
function wallText(at: Date, ev: Pick<EventRow, "allDay" | "timeZone">, isEnd = false): string {
  if (ev.allDay) return new Date(at.getTime() - (isEnd ? DAY : 0)).toISOString().slice(0, 10);
  return toFloating(at, ev.timeZone).toISOString().slice(0, 16);
}

function formOf(ev: EventRow): z.output<typeof eventFields> {
  return {
    title: ev.title,
    description: ev.description,
    location: ev.location,
    videoChannelId: ev.videoChannelId,
    kind: ev.kind,
    allDay: ev.allDay,
    start: wallText(ev.startAt, ev),
    end: wallText(ev.endAt, ev, true),
    timeZone: ev.timeZone,
    repeat: ev.rrule ? repeatOf(ev.rrule) : null,
    reminderMinutes: ev.reminderMinutes,
  };
}

function published(spaceId: string, eventId: string) {
  events().publish(rooms.space(spaceId), "calendar:changed", { spaceId, eventId });
}

export async function createEvent(userId: string, spaceId: string, body: unknown): Promise<{ eventId: string }> {
  await requireSpaceMember(userId, spaceId);
  const input = eventFields.parse(body);
  const stored = await resolve(input, spaceId, userId);
  const { db, t } = await getDatabase();
  const id = newId();
  const now = new Date();
  await db.insert(t.calendarEvents).values({
    id,
    spaceId,
    creatorId: userId,
    ...fieldsOf(input),
    ...stored,
    createdAt: now,
    updatedAt: now,
  });
  published(spaceId, id);
  return { eventId: id };
}

/** The event, and the asker's role in its space; `not_found` for non-members too. */
async function eventFor(userId: string, eventId: string): Promise<{ ev: EventRow; role: SpaceRole }> {
  const { db, t } = await getDatabase();
  const [ev] = await db.select().from(t.calendarEvents).where(eq(t.calendarEvents.id, eventId)).limit(1);
  if (!ev) throw new AppError("not_found", "No such event");
  const role = await requireSpaceMember(userId, ev.spaceId).catch(() => {
    throw new AppError("not_found", "No such event");
  });
  return { ev, role };
}

async function editableEvent(userId: string, eventId: string) {
  const found = await eventFor(userId, eventId);
  if (!mayEdit(userId, found.role, found.ev))
    throw new AppError("forbidden", "Only the event's creator or the space's owner or admins may change it");
  return found;
}

function requireOccurrence(ev: EventRow, occurrence: number | undefined): Date {
  if (occurrence === undefined) throw new AppError("validation", "occurrence: required for one occurrence");
  const at = new Date(occurrence);
  if (!isOccurrence(ev, at)) throw new AppError("not_found", "No such occurrence");
  return at;
}

export async function updateEvent(userId: string, eventId: string, body: unknown): Promise<{ eventId: string }> {
  const { ev } = await editableEvent(userId, eventId);
  const { scope, occurrence, ...changes } = updateEventBody.parse(body);
  const { db, t } = await getDatabase();
  const e = t.calendarEvents;
  if (!ev.rrule || scope === "all" || (scope === "following" && occurrence === ev.startAt.getTime())) {
    const input = eventFields.parse({ ...formOf(ev), ...changes });
    const stored = await resolve(input, ev.spaceId, userId);
    await db.transaction(async (tx) => {
      await tx
        .update(e)
        .set({ ...fieldsOf(input), ...stored, updatedAt: new Date() })
        .where(eq(e.id, ev.id));
      if (ev.rrule) await followSeries(tx, ev, { ...ev, ...stored });
    });
    published(ev.spaceId, ev.id);
    return { eventId: ev.id };
  }
  const at = requireOccurrence(ev, occurrence);
  if (scope === "one") {
    await overrideOne(ev, at, changes);
    published(ev.spaceId, ev.id);
    return { eventId: ev.id };
  }
  // This and following: the series ends before `at`, and a new one carries on from there.
  const duration = ev.endAt.getTime() - ev.startAt.getTime();
  const base = formOf({ ...ev, startAt: at, endAt: new Date(at.getTime() + duration) });
  const input = eventFields.parse({ ...base, ...changes });
  const stored = await resolve(input, ev.spaceId, userId);
  const oldCount = ev.rrule.includes("COUNT=") ? repeatOf(ev.rrule).count : undefined;
  if (stored.rrule && oldCount !== undefined && changes.repeat === undefined) {
    stored.rrule = ruleWithCount(stored.rrule, Math.max(1, oldCount - countBefore(ev, at)));
    stored.lastEndAt = lastEnd(stored);
  }
  const id = newId();
  const now = new Date();
  const firstPart: Series = { ...ev, rrule: ruleEndingBefore(ev, at) };
  await db.transaction(async (tx) => {
    await tx
      .update(e)
      .set({ rrule: firstPart.rrule, lastEndAt: lastEnd(firstPart), updatedAt: now })
      .where(eq(e.id, ev.id));
    await tx.delete(t.calendarExceptions).where(and(eq(t.calendarExceptions.eventId, ev.id), gte(t.calendarExceptions.occurrenceAt, at)));
    await tx.delete(t.calendarRsvps).where(and(eq(t.calendarRsvps.eventId, ev.id), gte(t.calendarRsvps.occurrenceAt, at)));
    await tx
      .insert(e)
      .values({ id, spaceId: ev.spaceId, creatorId: ev.creatorId, ...fieldsOf(input), ...stored, createdAt: now, updatedAt: now });
  });
  published(ev.spaceId, ev.id);
  return { eventId: id };
}


/**
 * A whole series was edited: its one-occurrence changes (cancels, moves) and RSVPs are keyed by
 * an occurrence's original start, so they follow their occurrence by the same shift (19:00 →
 * 20:00 moves each key an hour). Those that no longer fall on an occurrence of the new series
 * (a new weekday, a shorter repetition) go, rather than stay behind unmatched. A moved
 * occurrence keeps the time it was moved to.
 */
async function followSeries(tx: Tx, before: Series & { id: string }, after: Series): Promise<void> {
  const shift = after.startAt.getTime() - before.startAt.getTime();
  if (shift === 0 && after.rrule === before.rrule && after.timeZone === before.timeZone && after.allDay === before.allDay) return;
  const { t } = await getDatabase();
  const follows = (at: Date) => {
    const moved = new Date(at.getTime() + shift);
    return after.rrule && isOccurrence(after, moved) ? moved : null;
  };
  for (const table of [t.calendarExceptions, t.calendarRsvps] as const) {
    const rows = await tx.select().from(table).where(eq(table.eventId, before.id));
    if (rows.length === 0) continue;
    await tx.delete(table).where(eq(table.eventId, before.id));
    const kept = rows.flatMap((row) => {
      const at = follows(row.occurrenceAt);
      return at ? [{ ...row, occurrenceAt: at }] : [];
    });
    for (let i = 0; i < kept.length; i += 200) await tx.insert(table).values(kept.slice(i, i + 200) as never);
  }
}

const fieldsOf = (input: z.output<typeof eventFields>) => ({
  kind: input.kind,
  title: input.title,
  description: input.description,
  location: input.location,
  videoChannelId: input.videoChannelId,
  reminderMinutes: input.reminderMinutes,
});

/** Moves or edits one occurrence: its times (in the event's zone), title, description, location. */
async function overrideOne(ev: EventRow, at: Date, changes: Omit<z.output<typeof updateEventBody>, "scope" | "occurrence">) {
  const { db, t } = await getDatabase();
  const x = t.calendarExceptions;
  const [prior] = await db
    .select()
    .from(x)
    .where(and(eq(x.eventId, ev.id), eq(x.occurrenceAt, at)))
    .limit(1);
  const duration = ev.endAt.getTime() - ev.startAt.getTime();
  const startAt = changes.start ? instantOf(changes.start, ev, false) : (prior?.startAt ?? at);
  const endAt = changes.end
    ? instantOf(changes.end, ev, true)
    : changes.start
      ? new Date(startAt.getTime() + duration)
      : (prior?.endAt ?? new Date(at.getTime() + duration));
  checkSpan(startAt, endAt);
  const row = {
    eventId: ev.id,
    occurrenceAt: at,
    cancelled: false,
    startAt,
    endAt,
    title: changes.title ?? prior?.title ?? null,
    description: changes.description ?? prior?.description ?? null,
    location: changes.location ?? prior?.location ?? null,
  };
  await db.transaction(async (tx) => {
    await tx.delete(x).where(and(eq(x.eventId, ev.id), eq(x.occurrenceAt, at)));
    await tx.insert(x).values(row);
  });
}

function instantOf(text: string, ev: Pick<EventRow, "allDay" | "timeZone">, isEnd: boolean): Date {
  const w = parseWall(text);
  if (ev.allDay) return new Date(Date.UTC(w.y, w.m - 1, w.d) + (isEnd ? DAY : 0));
  if (!text.includes("T")) throw new AppError("calendar_time", "Give a time");
  return wallToInstant(w, ev.timeZone);
}

export async function cancelEvent(userId: string, eventId: string, scope: EditScope, occurrence?: number): Promise<object> {
  const { ev } = await editableEvent(userId, eventId);
  const { db, t } = await getDatabase();
  const whole = !ev.rrule || scope === "all" || (scope === "following" && occurrence === ev.startAt.getTime());
  if (whole) {
    await db.transaction(async (tx) => {
      await tx.delete(t.calendarEvents).where(eq(t.calendarEvents.id, ev.id));
      await tx.delete(t.calendarExceptions).where(eq(t.calendarExceptions.eventId, ev.id));
      await tx.delete(t.calendarRsvps).where(eq(t.calendarRsvps.eventId, ev.id));
      await tx.delete(t.calendarRemindersSent).where(eq(t.calendarRemindersSent.eventId, ev.id));
    });
  } else {
    const at = requireOccurrence(ev, occurrence);
    const x = t.calendarExceptions;
    if (scope === "one") {
      await db.transaction(async (tx) => {
        await tx.delete(x).where(and(eq(x.eventId, ev.id), eq(x.occurrenceAt, at)));
        await tx.insert(x).values({ eventId: ev.id, occurrenceAt: at, cancelled: true });
      });
    } else {
      const rest: Series = { ...ev, rrule: ruleEndingBefore(ev, at) };
      await db.transaction(async (tx) => {
        await tx
          .update(t.calendarEvents)
          .set({ rrule: rest.rrule, lastEndAt: lastEnd(rest), updatedAt: new Date() })
          .where(eq(t.calendarEvents.id, ev.id));
        await tx.delete(x).where(and(eq(x.eventId, ev.id), gte(x.occurrenceAt, at)));
      });
    }
  }
  published(ev.spaceId, ev.id);
  return {};
}

export async function setRsvp(
  userId: string,
  eventId: string,
  occurrence: number,
  answer: RsvpAnswer | null,
): Promise<{ rsvp: RsvpCounts }> {
  const { ev } = await eventFor(userId, eventId);
  const at = new Date(occurrence);
  const { db, t } = await getDatabase();
  const r = t.calendarRsvps;
  const x = t.calendarExceptions;
  const [exception] = await db
    .select()
    .from(x)
    .where(and(eq(x.eventId, ev.id), eq(x.occurrenceAt, at)))
    .limit(1);
  if (exception?.cancelled || !isOccurrence(ev, at)) throw new AppError("not_found", "No such occurrence");
  const key = and(eq(r.eventId, ev.id), eq(r.occurrenceAt, at), eq(r.userId, userId));
  await db.transaction(async (tx) => {
    await tx.delete(r).where(key);
    if (answer) await tx.insert(r).values({ eventId: ev.id, occurrenceAt: at, userId, answer, answeredAt: new Date() });
  });
  published(ev.spaceId, ev.id);
  const counts = await rsvpCounts(userId, [ev.id], [at]);
  return { rsvp: counts.get(`${ev.id}:${occurrence}`) ?? emptyCounts() };
}

/** Who answered for one occurrence, going first. */
export async function listRsvps(userId: string, eventId: string, occurrence: number): Promise<{ people: RsvpPerson[] }> {
  const { ev } = await eventFor(userId, eventId);
  const { db, t } = await getDatabase();
  const r = t.calendarRsvps;
  const rows = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, answer: r.answer })
    .from(r)
    .innerJoin(t.users, eq(t.users.id, r.userId))
    .innerJoin(t.spaceMembers, and(eq(t.spaceMembers.userId, r.userId), eq(t.spaceMembers.spaceId, ev.spaceId)))
    .where(and(eq(r.eventId, ev.id), eq(r.occurrenceAt, new Date(occurrence))))
    .limit(1000);
  const order = { going: 0, maybe: 1, no: 2 };
  return { people: rows.sort((a, b) => order[a.answer] - order[b.answer] || a.name.localeCompare(b.name)) };
}

const emptyCounts = (): RsvpCounts => ({ going: 0, maybe: 0, no: 0, mine: null });

async function rsvpCounts(viewerId: string, eventIds: string[], keys: Date[]): Promise<Map<string, RsvpCounts>> {
  const out = new Map<string, RsvpCounts>();
  if (eventIds.length === 0 || keys.length === 0) return out;
  const { db, t } = await getDatabase();
  const r = t.calendarRsvps;
  const rows = await db
    .select({ eventId: r.eventId, occurrenceAt: r.occurrenceAt, userId: r.userId, answer: r.answer })
    .from(r)
    .where(and(inArray(r.eventId, eventIds), inArray(r.occurrenceAt, keys)));
  for (const row of rows) {
    const k = `${row.eventId}:${row.occurrenceAt.getTime()}`;
    const c = out.get(k) ?? emptyCounts();
    c[row.answer]++;
    if (row.userId === viewerId) c.mine = row.answer;
    out.set(k, c);
  }
  return out;
}

/** The occurrences of these spaces' events meeting [from, to), by start. */
async function occurrencesIn(
  viewerId: string,
  spaces: Array<{ id: string; name: string; role: SpaceRole }>,
  from: Date,
  to: Date,
): Promise<CalendarOccurrence[]> {
  if (to <= from) throw new AppError("validation", "to: must be after from");
  if (to.getTime() - from.getTime() > CALENDAR_LIMITS.maxRangeDays * DAY) throw new AppError("validation", "The range is too long");
  if (spaces.length === 0) return [];
  const { db, t } = await getDatabase();
  const e = t.calendarEvents;
  const x = t.calendarExceptions;
  const spaceIds = spaces.map((s) => s.id);
  // Series that may meet the range, and those with an occurrence moved into it.
  const [rows, moved] = await Promise.all([
    db
      .select()
      .from(e)
      .where(and(inArray(e.spaceId, spaceIds), lt(e.startAt, to), or(isNull(e.lastEndAt), gt(e.lastEndAt, from))))
      .limit(CALENDAR_LIMITS.maxOccurrences),
    db
      .select({ eventId: x.eventId })
      .from(x)
      .innerJoin(e, eq(e.id, x.eventId))
      .where(and(inArray(e.spaceId, spaceIds), lt(x.startAt, to), gt(x.endAt, from)))
      .limit(CALENDAR_LIMITS.maxOccurrences),
  ]);
  const have = new Set(rows.map((r) => r.id));
  const extra = [...new Set(moved.map((m) => m.eventId))].filter((id) => !have.has(id));
  if (extra.length) rows.push(...(await db.select().from(e).where(inArray(e.id, extra))));
  const ids = rows.map((r) => r.id);
  const exceptions = ids.length ? await db.select().from(x).where(inArray(x.eventId, ids)).limit(20_000) : [];
  const byEvent = new Map<string, Map<number, ExceptionRow>>();
  for (const ex of exceptions) {
    const m = byEvent.get(ex.eventId) ?? new Map<number, ExceptionRow>();
    m.set(ex.occurrenceAt.getTime(), ex);
    byEvent.set(ex.eventId, m);
  }
  const channelIds = [...new Set(rows.map((r) => r.videoChannelId).filter((c): c is string => !!c))];
  const channels = channelIds.length
    ? new Map(
        (await db.select({ id: t.channels.id, name: t.channels.name }).from(t.channels).where(inArray(t.channels.id, channelIds))).map(
          (c) => [c.id, c],
        ),
      )
    : new Map<string, { id: string; name: string }>();
  const spaceOf = new Map(spaces.map((s) => [s.id, s]));

  const found: Array<{ ev: EventRow; at: Date; startAt: Date; endAt: Date; ex?: ExceptionRow }> = [];
  for (const ev of rows) {
    const own = byEvent.get(ev.id);
    const duration = ev.endAt.getTime() - ev.startAt.getTime();
    const seen = new Set<number>();
    for (const at of occurrenceStarts(ev, from, to)) {
      seen.add(at.getTime());
      const ex = own?.get(at.getTime());
      if (ex?.cancelled) continue;
      const startAt = ex?.startAt ?? at;
      const endAt = ex?.endAt ?? new Date(at.getTime() + duration);
      if (startAt < to && endAt > from) found.push({ ev, at, startAt, endAt, ex });
    }
    // Moved here from outside the range.
    for (const ex of own?.values() ?? []) {
      if (ex.cancelled || !ex.startAt || !ex.endAt || seen.has(ex.occurrenceAt.getTime())) continue;
      if (ex.startAt < to && ex.endAt > from && isOccurrence(ev, ex.occurrenceAt))
        found.push({ ev, at: ex.occurrenceAt, startAt: ex.startAt, endAt: ex.endAt, ex });
    }
    if (found.length >= CALENDAR_LIMITS.maxOccurrences) break;
  }
  found.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const kept = found.slice(0, CALENDAR_LIMITS.maxOccurrences);
  const counts = await rsvpCounts(
    viewerId,
    [...new Set(kept.map((f) => f.ev.id))],
    [...new Set(kept.map((f) => f.at.getTime()))].map((n) => new Date(n)),
  );
  return kept.map(({ ev, at, startAt, endAt, ex }) => {
    const space = spaceOf.get(ev.spaceId)!;
    return {
      eventId: ev.id,
      spaceId: ev.spaceId,
      spaceName: space.name,
      occurrence: at.getTime(),
      start: startAt.toISOString(),
      end: endAt.toISOString(),
      allDay: ev.allDay,
      kind: ev.kind,
      title: ex?.title ?? ev.title,
      description: ex?.description ?? ev.description,
      location: ex?.location ?? ev.location,
      videoChannel: ev.videoChannelId ? (channels.get(ev.videoChannelId) ?? null) : null,
      timeZone: ev.timeZone,
      repeat: ev.rrule ? repeatOf(ev.rrule) : null,
      changed: !!ex,
      reminderMinutes: ev.reminderMinutes,
      creatorId: ev.creatorId,
      canEdit: mayEdit(viewerId, space.role, ev),
      rsvp: counts.get(`${ev.id}:${at.getTime()}`) ?? emptyCounts(),
    };
  });
}

export async function listSpaceCalendar(
  userId: string,
  spaceId: string,
  from: Date,
  to: Date,
): Promise<{ occurrences: CalendarOccurrence[] }> {
  const role = await requireSpaceMember(userId, spaceId);
  const { db, t } = await getDatabase();
  const [space] = await db.select({ id: t.spaces.id, name: t.spaces.name }).from(t.spaces).where(eq(t.spaces.id, spaceId)).limit(1);
  if (!space) throw new AppError("forbidden", "You are not a member of this space");
  return { occurrences: await occurrencesIn(userId, [{ ...space, role }], from, to) };
}

/** The spaces a user is in, with their role (the personal calendar, the feed, reminders). */
export async function memberSpaces(userId: string): Promise<Array<{ id: string; name: string; role: SpaceRole }>> {
  const { db, t } = await getDatabase();
  return db
    .select({ id: t.spaces.id, name: t.spaces.name, role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .innerJoin(t.spaces, eq(t.spaces.id, t.spaceMembers.spaceId))
    .where(eq(t.spaceMembers.userId, userId));
}

/** Every space of the user's, in one calendar. */
export async function listMyCalendar(userId: string, from: Date, to: Date): Promise<{ occurrences: CalendarOccurrence[] }> {
  return { occurrences: await occurrencesIn(userId, await memberSpaces(userId), from, to) };
}

/** The next deadlines and exams of a space (the D-day strip on the space's top), at most `max`. */
export async function upcomingDeadlines(userId: string, spaceId: string, now = new Date(), max = 3): Promise<CalendarOccurrence[]> {
  const { occurrences } = await listSpaceCalendar(userId, spaceId, now, new Date(now.getTime() + 90 * DAY));
  return occurrences.filter((o) => o.kind !== "event" && Date.parse(o.start) >= now.getTime() - DAY).slice(0, max);
}

/** The rows the feed writes: every event of these spaces, with its exceptions. */
export async function seriesOfSpaces(spaceIds: string[]): Promise<{ rows: EventRow[]; exceptions: ExceptionRow[] }> {
  if (spaceIds.length === 0) return { rows: [], exceptions: [] };
  const { db, t } = await getDatabase();
  const rows = await db.select().from(t.calendarEvents).where(inArray(t.calendarEvents.spaceId, spaceIds)).limit(5000);
  const ids = rows.map((r) => r.id);
  const exceptions = ids.length
    ? await db.select().from(t.calendarExceptions).where(inArray(t.calendarExceptions.eventId, ids)).limit(20_000)
    : [];
  return { rows, exceptions };
}
