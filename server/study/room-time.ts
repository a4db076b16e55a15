import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import { isExpected } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { Span } from "@/lib/study-day";
import { subtractSpans } from "@/lib/study-room";
import { ranSpans } from "@/lib/study-timer";
import { getDatabase } from "../database";
import { areaLog } from "../ops/logger";
import { recordStudy, type StudySession } from "./record";

/**
 * Recording time counted in a study room (issue 13) through recordStudy, source "room". Before
 * writing, the stretches lose what the user's own timer ran (a room does not count time the
 * personal timer counts: one would refuse the other as an overlap) and what is already recorded
 * (another tab in the same room, on another node, got there first). recordStudy still refuses
 * a race it loses; then the cut is redone once on fresh reads, and what remains is written. Any
 * refusal here loses only room time, never the other record.
 */

const log = areaLog("study");

async function takenSpans(userId: string, from: number, to: number): Promise<Span[]> {
  const { db, t } = await getDatabase();
  const [timer] = await db
    .select({ segments: t.studyTimers.segments, runningSince: t.studyTimers.runningSince })
    .from(t.studyTimers)
    .where(eq(t.studyTimers.userId, userId))
    .limit(1);
  const s = t.studySessions;
  const recorded = await db
    .select({ startedAt: s.startedAt, endedAt: s.endedAt })
    .from(s)
    .where(and(eq(s.userId, userId), lt(s.startedAt, new Date(to)), gt(s.endedAt, new Date(from))))
    .limit(LIMITS.studyTimerSegments);
  const spans: Span[] = recorded.map((r) => [r.startedAt.getTime(), r.endedAt.getTime()]);
  // A running personal timer takes the whole of its time (its pomodoro breaks too: it was running).
  if (timer) spans.push(...ranSpans({ segments: JSON.parse(timer.segments) as Span[], runningSince: timer.runningSince?.getTime() ?? null }, to));
  return spans;
}

/** What of `spans` nobody else counts: each span cut by the taken ones, short pieces (under a second) dropped. */
function freeOf(spans: readonly Span[], taken: readonly Span[]): Span[] {
  return spans.flatMap((span) => subtractSpans(span, taken)).filter(([a, b]) => b - a >= 1000);
}

/** Records the counted stretches (in order) as room study; resolves with what was written (maybe nothing). */
export async function recordRoomTime(userId: string, channelId: string, subject: string, spans: readonly Span[], now = Date.now()): Promise<StudySession[]> {
  if (spans.length === 0) return [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const from = spans[0]![0];
    const to = spans[spans.length - 1]![1];
    const free = freeOf(spans, await takenSpans(userId, from, to)).slice(-LIMITS.studyTimerSegments);
    if (free.length === 0) return [];
    try {
      return await recordStudy(userId, { subject, spans: free, source: "room", channelId }, { now });
    } catch (err) {
      if (attempt === 0 && isExpected(err) && (err as { code?: string }).code === "study_overlap") continue;
      if (!isExpected(err)) log.error({ err, userId, channelId }, "could not record study room time");
      return [];
    }
  }
  return [];
}
