import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { studySessionBody, studySessionPatch } from "@/lib/api/contract";
import type { StudySessionView } from "@/lib/realtime/contract";
import { id } from "@/lib/schemas";
import { studyDayOf, type Span } from "@/lib/study-day";
import { getDatabase } from "../database";
import { studyChanged } from "./publish";
import { lockUser, recordStudy, type StudySession } from "./record";
import { getStudySettings, type StudySettings } from "./settings";
import { timerSpan } from "./timer";

/**
 * A user's own recorded sessions (issue 13): listed newest first a page at a time, added by
 * hand, fixed by hand (both marked edited) and deleted. Every write goes through recordStudy's
 * rules (after start, at most 24 h, not in the future, no overlap), plus one of this module: a
 * session by hand may not cover time the running or paused timer has been going (from its
 * start to now), since that time will be recorded when it stops.
 */

export type ManualSessionInput = z.output<typeof studySessionBody>;

export const viewOf = (row: StudySession): StudySessionView => ({
  id: row.id,
  subject: row.subject,
  startedAt: row.startedAt.getTime(),
  endedAt: row.endedAt.getTime(),
  studiedMs: row.studiedMs,
  pauseCount: row.pauseCount,
  studyDay: row.studyDay,
  source: row.source,
  note: row.note,
  edited: row.edited,
});

export interface SessionPage {
  sessions: StudySessionView[];
  /** `before` for the next page; null: no more. */
  next: number | null;
  /** The user's study day now and what is recorded in it (the running timer not included). */
  today: { day: string; recordedMs: number };
}

/** The user's sessions that started before `before` (ms), newest first. */
export async function listSessions(userId: string, options: { before?: number; limit: number }, now = Date.now()): Promise<SessionPage> {
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const rows = await db
    .select()
    .from(s)
    .where(and(eq(s.userId, userId), options.before === undefined ? undefined : lt(s.startedAt, new Date(options.before))))
    .orderBy(desc(s.startedAt))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const rule = await getStudySettings(userId);
  const day = studyDayOf(now, rule);
  const [total] = await db
    .select({ ms: sql<number>`coalesce(sum(${s.studiedMs}), 0)` })
    .from(s)
    .where(and(eq(s.userId, userId), eq(s.studyDay, day)));
  return {
    sessions: page.map(viewOf),
    next: rows.length > options.limit ? page[page.length - 1]!.startedAt.getTime() : null,
    today: { day, recordedMs: Number(total?.ms ?? 0) },
  };
}

async function ownSession(userId: string, sessionId: string): Promise<StudySession> {
  if (!id.safeParse(sessionId).success) throw new AppError("not_found", "No such session");
  const { db, t } = await getDatabase();
  const [row] = await db
    .select()
    .from(t.studySessions)
    .where(and(eq(t.studySessions.id, sessionId), eq(t.studySessions.userId, userId)))
    .limit(1);
  // Someone else's session is as absent as a missing one.
  if (!row) throw new AppError("not_found", "No such session");
  return row;
}

/** Writes a session by hand under the user's lock, refusing time the timer is counting. */
async function writeByHand(
  userId: string,
  record: { subject: string; spans: Span[]; note: string | null; source: StudySession["source"]; channelId?: string | null },
  replacing: string[],
  now: number,
): Promise<StudySession[]> {
  const rule: StudySettings = await getStudySettings(userId);
  const { db } = await getDatabase();
  const rows = await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const running = await timerSpan(tx, userId, now);
    const [from, to] = [record.spans[0]![0], record.spans[record.spans.length - 1]![1]];
    if (running && from < running[1] && to > running[0]) throw new AppError("study_overlap", "That overlaps the timer that is running");
    return recordStudy(userId, { ...record, edited: true }, { tx, rule, now, replacing });
  });
  await studyChanged(userId, { sessions: true });
  return rows;
}

export async function addSession(userId: string, input: ManualSessionInput, now = Date.now()): Promise<{ sessions: StudySessionView[] }> {
  const rows = await writeByHand(
    userId,
    { subject: input.subject, spans: [[input.startedAt, input.endedAt]], note: input.note ?? null, source: "manual" },
    [],
    now,
  );
  return { sessions: rows.map(viewOf) };
}

/**
 * Fixes one session. Its subject or note alone changes in place (its counted time stays); new
 * times make it one stretch from start to end, replacing the old row (split again by day).
 */
export async function editSession(
  userId: string,
  sessionId: string,
  patch: z.output<typeof studySessionPatch>,
  now = Date.now(),
): Promise<{ sessions: StudySessionView[] }> {
  const old = await ownSession(userId, sessionId);
  const startedAt = patch.startedAt ?? old.startedAt.getTime();
  const endedAt = patch.endedAt ?? old.endedAt.getTime();
  const subject = patch.subject ?? old.subject;
  const note = patch.note === undefined ? old.note : patch.note || null;
  if (startedAt === old.startedAt.getTime() && endedAt === old.endedAt.getTime()) {
    const { db, t } = await getDatabase();
    await db
      .update(t.studySessions)
      .set({ subject, note, edited: true })
      .where(and(eq(t.studySessions.id, sessionId), eq(t.studySessions.userId, userId)));
    await studyChanged(userId, { sessions: true });
    return { sessions: [viewOf({ ...old, subject, note, edited: true })] };
  }
  const rows = await writeByHand(
    userId,
    { subject, spans: [[startedAt, endedAt]], note, source: old.source, channelId: old.channelId },
    [sessionId],
    now,
  );
  return { sessions: rows.map(viewOf) };
}

export async function deleteSession(userId: string, sessionId: string): Promise<{ deleted: true }> {
  await ownSession(userId, sessionId);
  const { db, t } = await getDatabase();
  await db.delete(t.studySessions).where(and(eq(t.studySessions.id, sessionId), eq(t.studySessions.userId, userId)));
  await studyChanged(userId, { sessions: true });
  return { deleted: true };
}
