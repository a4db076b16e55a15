import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import type { UserSummary } from "@/lib/realtime/contract";
import { getDatabase } from "../database";
import { listSpaceCalendar } from "../services/calendar";
import { studySettingsOf } from "./settings";

/**
 * Attendance at a space's scheduled sessions (issue 13), for its members only: over the last
 * 30 days, the occurrences of the space's calendar events of kind "event" that have ended
 * (expanded by the calendar itself, so cancelled occurrences are left out and moved ones are
 * at their new times; all-day events are not sessions and are left out), at most the 60 latest.
 *
 * A member attended an occurrence when the study time they recorded overlapping it — any
 * source: the timer, by hand, or a study room (for an event linked to a video channel, room
 * time in that channel counts like any other study) — reaches the threshold:
 * min(10 minutes, half the occurrence). The overlap is the wall-clock overlap of their
 * sessions with the occurrence (overlapping sessions counted once), at most the studied share
 * of it (a session's paused minutes are assumed spread evenly over it). Beside it the RSVP
 * "going" count, which is a promise, not a presence.
 *
 * An occurrence counts for a member only if it started after they joined the space; a
 * member's rate is attended / those occurrences. Members who opted out of rankings count in
 * every total but are not listed by name (as on the leaderboard).
 */

export const ATTENDANCE_DAYS = 30;
export const ATTENDANCE_MAX_OCCURRENCES = 60;
export const ATTENDANCE_THRESHOLD_MS = 10 * 60_000;
const DAY = 86_400_000;

export interface AttendanceOccurrence {
  eventId: string;
  occurrence: number;
  title: string;
  start: string;
  end: string;
  /** Members who attended, hidden ones included. */
  attended: number;
  /** Members of the space when it started. */
  members: number;
  going: number;
}
export interface AttendanceMember {
  user: UserSummary;
  attended: number;
  /** Occurrences since they joined. */
  occurrences: number;
  /** attended / occurrences, or null with none. */
  rate: number | null;
}
export interface Attendance {
  from: string;
  to: string;
  thresholdMinutes: number;
  /** Oldest first. */
  occurrences: AttendanceOccurrence[];
  /** Members who did not opt out, best rate first. */
  members: AttendanceMember[];
  memberCount: number;
  me: { attended: number; occurrences: number; hidden: boolean };
}

/** The threshold for an occurrence of `lengthMs`. */
export const thresholdOf = (lengthMs: number) => Math.min(ATTENDANCE_THRESHOLD_MS, lengthMs / 2);

interface SessionSpan {
  startedAt: number;
  endedAt: number;
  studiedMs: number;
}

/** The study within [start, end): the union of the wall-clock overlaps, at most the studied share of them. */
export function studiedWithin(sessions: readonly SessionSpan[], start: number, end: number): number {
  const clipped = sessions
    .map((s) => ({ a: Math.max(s.startedAt, start), b: Math.min(s.endedAt, end), s }))
    .filter((c) => c.b > c.a)
    .sort((x, y) => x.a - y.a);
  let union = 0;
  let share = 0;
  let reach = -Infinity;
  for (const { a, b, s } of clipped) {
    if (b > reach) union += b - Math.max(a, reach);
    reach = Math.max(reach, b);
    const span = s.endedAt - s.startedAt;
    share += span > 0 ? ((b - a) * Math.min(s.studiedMs, span)) / span : 0;
  }
  return Math.min(union, share);
}

export async function getAttendance(userId: string, spaceId: string, now = Date.now()): Promise<Attendance> {
  const from = new Date(now - ATTENDANCE_DAYS * DAY);
  const to = new Date(now);
  // Checks membership (a stranger gets `forbidden`) and expands the calendar.
  const { occurrences: all } = await listSpaceCalendar(userId, spaceId, from, to);
  const past = all
    .filter((o) => o.kind === "event" && !o.allDay && Date.parse(o.end) <= now && Date.parse(o.start) >= from.getTime())
    .slice(-ATTENDANCE_MAX_OCCURRENCES);

  const { db, t } = await getDatabase();
  const members = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, joinedAt: t.spaceMembers.joinedAt })
    .from(t.spaceMembers)
    .innerJoin(t.users, eq(t.users.id, t.spaceMembers.userId))
    .where(eq(t.spaceMembers.spaceId, spaceId));
  const settings = await studySettingsOf(members.map((m) => m.id));

  // One query: every member's sessions meeting the window of these occurrences.
  const byUser = new Map<string, SessionSpan[]>();
  if (past.length) {
    const s = t.studySessions;
    const rows = await db
      .select({ userId: s.userId, startedAt: s.startedAt, endedAt: s.endedAt, studiedMs: s.studiedMs })
      .from(s)
      .innerJoin(t.spaceMembers, and(eq(t.spaceMembers.userId, s.userId), eq(t.spaceMembers.spaceId, spaceId)))
      .where(and(lt(s.startedAt, new Date(Date.parse(past.at(-1)!.end) + 1)), gt(s.endedAt, new Date(Date.parse(past[0]!.start)))))
      .limit(50_000);
    for (const r of rows)
      byUser.set(r.userId, [
        ...(byUser.get(r.userId) ?? []),
        { startedAt: r.startedAt.getTime(), endedAt: r.endedAt.getTime(), studiedMs: r.studiedMs },
      ]);
  }

  const tally = new Map(members.map((m) => [m.id, { attended: 0, occurrences: 0 }]));
  const occurrences = past.map((o): AttendanceOccurrence => {
    const start = Date.parse(o.start);
    const end = Date.parse(o.end);
    const need = thresholdOf(end - start);
    let attended = 0;
    let eligible = 0;
    for (const m of members) {
      if (m.joinedAt.getTime() > start) continue;
      eligible++;
      const mine = tally.get(m.id)!;
      mine.occurrences++;
      if (studiedWithin(byUser.get(m.id) ?? [], start, end) >= need) {
        attended++;
        mine.attended++;
      }
    }
    return {
      eventId: o.eventId,
      occurrence: o.occurrence,
      title: o.title,
      start: o.start,
      end: o.end,
      attended,
      members: eligible,
      going: o.rsvp.going,
    };
  });

  const listed = members
    .filter((m) => !settings.get(m.id)!.hideFromRankings)
    .map((m): AttendanceMember => {
      const { attended, occurrences: n } = tally.get(m.id)!;
      return { user: { id: m.id, name: m.name, image: m.image }, attended, occurrences: n, rate: n ? attended / n : null };
    })
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.attended - a.attended || a.user.name.localeCompare(b.user.name));
  const mine = tally.get(userId) ?? { attended: 0, occurrences: 0 };
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    thresholdMinutes: ATTENDANCE_THRESHOLD_MS / 60_000,
    occurrences,
    members: listed.slice(0, 100),
    memberCount: members.length,
    me: { ...mine, hidden: settings.get(userId)?.hideFromRankings ?? false },
  };
}
