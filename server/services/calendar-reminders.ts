import "server-only";
import { and, eq, gt, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { CalendarReminder } from "@/lib/calendar";
import { rooms } from "@/lib/realtime/contract";
import { occurrenceStarts } from "../calendar/recurrence";
import { getDatabase } from "../database";
import { events } from "../events/sink";
import { areaLog } from "../ops/logger";

/**
 * In-app reminders (issue 13): at `reminderMinutes` before an occurrence, each member of the
 * space who did not answer "no" gets `calendar:reminder` on all their sockets. What is due is
 * read from the database, so a restart loses nothing that fell due within LOOKBACK_MS of it;
 * a row in calendar_reminders_sent is written first (its key is unique), so each occurrence is
 * reminded once, whichever node or tick gets there. Push and email wait for notifications.
 */

/** A reminder that fell due up to this long ago still goes (a restart, a slow tick); older ones are dropped. */
export const REMINDER_LOOKBACK_MS = 15 * 60_000;
const MAX_REMINDER_MS = 1440 * 60_000;
/** Series looked at per tick: bounded work, whatever the number of events. */
const SERIES_PER_TICK = 500;

export interface DeliveredReminder {
  eventId: string;
  occurrence: number;
  userIds: string[];
}

/** Sends the reminders due at `now` that have not gone yet. Tests call it with the time they choose. */
export async function deliverDueReminders(now: Date): Promise<DeliveredReminder[]> {
  const { db, t, dialect } = await getDatabase();
  const e = t.calendarEvents;
  const x = t.calendarExceptions;
  const since = new Date(now.getTime() - REMINDER_LOOKBACK_MS);
  // A reminder due in (since, now] is for an occurrence starting before now + the longest offset.
  const horizon = new Date(now.getTime() + MAX_REMINDER_MS);
  const series = await db
    .select()
    .from(e)
    .where(and(isNotNull(e.reminderMinutes), lte(e.startAt, horizon), or(isNull(e.lastEndAt), gt(e.lastEndAt, since))))
    .limit(SERIES_PER_TICK);
  if (series.length === 0) return [];
  const exceptions = await db
    .select()
    .from(x)
    .where(
      inArray(
        x.eventId,
        series.map((s) => s.id),
      ),
    );
  const due: Array<{ ev: (typeof series)[number]; at: Date; startAt: Date; title: string }> = [];
  for (const ev of series) {
    const offset = ev.reminderMinutes! * 60_000;
    const own = new Map(exceptions.filter((ex) => ex.eventId === ev.id).map((ex) => [ex.occurrenceAt.getTime(), ex]));
    const isDue = (startAt: Date) =>
      startAt.getTime() - offset <= now.getTime() &&
      startAt.getTime() - offset > since.getTime() &&
      startAt.getTime() >= now.getTime() - 60_000;
    const seen = new Set<number>();
    for (const at of occurrenceStarts(ev, new Date(since.getTime() + offset), new Date(now.getTime() + offset + 1), 50)) {
      seen.add(at.getTime());
      const ex = own.get(at.getTime());
      if (ex?.cancelled) continue;
      const startAt = ex?.startAt ?? at;
      if (isDue(startAt)) due.push({ ev, at, startAt, title: ex?.title ?? ev.title });
    }
    for (const ex of own.values())
      if (!ex.cancelled && ex.startAt && !seen.has(ex.occurrenceAt.getTime()) && isDue(ex.startAt))
        due.push({ ev, at: ex.occurrenceAt, startAt: ex.startAt, title: ex.title ?? ev.title });
  }
  const delivered: DeliveredReminder[] = [];
  for (const { ev, at, startAt, title } of due) {
    try {
      await db.insert(t.calendarRemindersSent).values({ eventId: ev.id, occurrenceAt: at, sentAt: now });
    } catch (err) {
      if (dialect.isUniqueViolation(err)) continue; // sent already (another tick, another node, before a restart)
      throw err;
    }
    const [members, declined, space] = await Promise.all([
      db.select({ userId: t.spaceMembers.userId }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, ev.spaceId)),
      db
        .select({ userId: t.calendarRsvps.userId })
        .from(t.calendarRsvps)
        .where(and(eq(t.calendarRsvps.eventId, ev.id), eq(t.calendarRsvps.occurrenceAt, at), eq(t.calendarRsvps.answer, "no"))),
      db.select({ name: t.spaces.name }).from(t.spaces).where(eq(t.spaces.id, ev.spaceId)).limit(1),
    ]);
    const no = new Set(declined.map((d) => d.userId));
    const userIds = members.map((m) => m.userId).filter((id) => !no.has(id));
    const reminder: CalendarReminder = {
      eventId: ev.id,
      spaceId: ev.spaceId,
      spaceName: space[0]?.name ?? "",
      occurrence: at.getTime(),
      title,
      start: startAt.toISOString(),
      allDay: ev.allDay,
      videoChannelId: ev.videoChannelId,
    };
    if (userIds.length) events().publish(userIds.map(rooms.user), "calendar:reminder", reminder);
    delivered.push({ eventId: ev.id, occurrence: at.getTime(), userIds });
  }
  return delivered;
}

/** Scans for due reminders every `everyMs` on this node (several nodes agree through the sent-marker table). */
export function startReminderTimer(everyMs = 15_000): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    deliverDueReminders(new Date())
      .catch((err: unknown) => areaLog("calendar").error({ err }, "reminder tick failed"))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
