import "server-only";
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";

import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { spanMs, splitByStudyDay, type DayRule, type Span } from "@/lib/study-day";
import { getDatabase, type Tx } from "../database";
import { newId } from "../ids";
import { getStudySettings } from "./settings";

/**
 * Recording study (issue 13): the one place a session is written, whatever made it — the
 * personal timer when it stops, a person adding or fixing one by hand, a study room counting
 * the time someone sat in it. The rules hold for all three: a session ends after it starts,
 * lasts at most 24 hours, is not in the future, and overlaps no time already recorded by the
 * same person. It is filed under the study day(s) of the user's settings, split where a
 * day starts, one row per day.
 */

export type StudySource = "timer" | "manual" | "room";

export interface StudyRecord {
  subject: string;
  /** The stretches studied, in order; gaps between them were pauses (or breaks). */
  spans: readonly Span[];
  note?: string | null;
  source: StudySource;
  channelId?: string | null;
  edited?: boolean;
}

export interface StudySession {
  id: string;
  userId: string;
  subject: string;
  startedAt: Date;
  endedAt: Date;
  studiedMs: number;
  pauseCount: number;
  studyDay: string;
  source: StudySource;
  channelId: string | null;
  note: string | null;
  edited: boolean;
}


/** The checks every session passes, before anything is read. */
export function checkSpans(spans: readonly Span[], now = Date.now()): void {
  if (spans.length === 0 || spans.length > LIMITS.studyTimerSegments) throw new AppError("study_time", "A session needs between 1 and 200 stretches");
  let previousEnd = -Infinity;
  for (const [start, end] of spans) {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start || start < previousEnd)
      throw new AppError("study_time", "A session's stretches must each end after they start, in order");
    previousEnd = end;
  }
  const first = spans[0]![0];
  const last = spans[spans.length - 1]![1];
  if (last - first > LIMITS.studySessionMaxMs) throw new AppError("study_time", "A session lasts at most 24 hours");
  if (last > now + LIMITS.studyClockSkewMs) throw new AppError("study_time", "A session cannot end in the future");
}

/** Takes the user's row lock for the rest of the transaction: one person's sessions are written one at a time. */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  const { t } = await getDatabase();
  await tx
    .update(t.users)
    .set({ name: sql`${t.users.name}` })
    .where(eq(t.users.id, userId));
}

/** Whether [from, to) meets a recorded session of the user (other than `exceptIds`). */
export async function overlapsRecorded(tx: Tx, userId: string, from: number, to: number, exceptIds: readonly string[] = []): Promise<boolean> {
  const { t } = await getDatabase();
  const s = t.studySessions;
  const rows = await tx
    .select({ id: s.id })
    .from(s)
    .where(and(eq(s.userId, userId), lt(s.startedAt, new Date(to)), gt(s.endedAt, new Date(from))))
    .orderBy(asc(s.startedAt))
    .limit(exceptIds.length + 1);
  return rows.some((row) => !exceptIds.includes(row.id));
}

/** The rows a record becomes: one per study day it touches. */
function rowsOf(userId: string, record: StudyRecord, rule: DayRule): StudySession[] {
  const rows: StudySession[] = [];
  for (const [studyDay, spans] of splitByStudyDay(record.spans, rule)) {
    rows.push({
      id: newId(),
      userId,
      subject: record.subject,
      startedAt: new Date(spans[0]![0]),
      endedAt: new Date(spans[spans.length - 1]![1]),
      studiedMs: spanMs(spans),
      pauseCount: spans.length - 1,
      studyDay,
      source: record.source,
      channelId: record.channelId ?? null,
      note: record.note ?? null,
      edited: record.edited ?? false,
    });
  }
  return rows;
}

/**
 * Writes a session (split by study day) for a user, inside `tx` when given (the timer stops and
 * records in one transaction). Refuses `study_time` and `study_overlap` as the rules say.
 * `replacing`: ids of the user's sessions this one replaces (an edit), removed in the same step.
 */
export async function recordStudy(
  userId: string,
  record: StudyRecord,
  options: { tx?: Tx; replacing?: readonly string[]; now?: number; rule?: DayRule } = {},
): Promise<StudySession[]> {
  checkSpans(record.spans, options.now);
  // Inside a caller's transaction the settings come with it: on SQLite a read outside `tx`
  // would wait for that very transaction to end.
  const rule = options.rule ?? (await getStudySettings(userId));
  const rows = rowsOf(userId, record, rule);
  const { db, t } = await getDatabase();
  const write = async (tx: Tx) => {
    await lockUser(tx, userId);
    const from = record.spans[0]![0];
    const to = record.spans[record.spans.length - 1]![1];
    if (await overlapsRecorded(tx, userId, from, to, options.replacing))
      throw new AppError("study_overlap", "That overlaps study already recorded");
    for (const id of options.replacing ?? []) await tx.delete(t.studySessions).where(and(eq(t.studySessions.id, id), eq(t.studySessions.userId, userId)));
    const createdAt = new Date();
    for (const row of rows) await tx.insert(t.studySessions).values({ ...row, createdAt });
  };
  if (options.tx) await write(options.tx);
  else await db.transaction(write);
  return rows;
}
