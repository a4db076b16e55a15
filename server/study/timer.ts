import "server-only";
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { StudyTimer, StudyTimerCommand, StudyTimerSnapshot } from "@/lib/realtime/contract";
import type { Span } from "@/lib/study-day";
import { viewTimer } from "@/lib/study-timer";
import { getDatabase, type Tx } from "../database";
import { lockUser, recordStudy } from "./record";
import { studyChanged } from "./publish";
import { getStudySettings } from "./settings";

/**
 * The personal study timer (issue 13): one per user, kept in study_timers so a reload, another
 * tab, another device or a server restart shows the same timer. Every command runs in one
 * transaction under the user's row lock (the lock recordStudy and manual sessions take too),
 * and every change but `start` names the `version` it was based on: a tab that missed a change
 * is refused with timer_stale instead of pausing what another tab already stopped. The clock is
 * the server's; pomodoro phases are lib/study-timer.ts over it. Changes are told after commit
 * (./publish.ts): the user's sockets redraw, watchers of their presence see the new status.
 */

type TimerRow = {
  mode: StudyTimer["mode"];
  subject: string;
  startedAt: Date;
  runningSince: Date | null;
  segments: string;
  focusMinutes: number | null;
  breakMinutes: number | null;
  version: number;
};

function timerOf(row: TimerRow): StudyTimer {
  return {
    mode: row.mode,
    subject: row.subject,
    startedAt: row.startedAt.getTime(),
    runningSince: row.runningSince ? row.runningSince.getTime() : null,
    segments: JSON.parse(row.segments) as [number, number][],
    focusMinutes: row.focusMinutes,
    breakMinutes: row.breakMinutes,
    version: row.version,
  };
}

const columnsOf = (timer: StudyTimer) => ({
  mode: timer.mode,
  subject: timer.subject,
  startedAt: new Date(timer.startedAt),
  runningSince: timer.runningSince === null ? null : new Date(timer.runningSince),
  segments: JSON.stringify(timer.segments),
  focusMinutes: timer.focusMinutes,
  breakMinutes: timer.breakMinutes,
  version: timer.version,
  updatedAt: new Date(),
});

async function timerRow(tx: Tx | Awaited<ReturnType<typeof getDatabase>>["db"], userId: string): Promise<StudyTimer | null> {
  const { t } = await getDatabase();
  const [row] = await tx.select().from(t.studyTimers).where(eq(t.studyTimers.userId, userId)).limit(1);
  return row ? timerOf(row) : null;
}

/** The user's timer as it is now (null: none). */
export async function readTimer(userId: string, now = Date.now()): Promise<StudyTimerSnapshot> {
  const { db } = await getDatabase();
  return { timer: await timerRow(db, userId), serverNow: now };
}

/** The running or paused timer's span so far, for the manual-session rule (inside the caller's lock). */
export async function timerSpan(tx: Tx, userId: string, now: number): Promise<Span | null> {
  const timer = await timerRow(tx, userId);
  return timer ? [timer.startedAt, Math.max(timer.startedAt, now)] : null;
}

/** The stretches a stopped timer counts, cut where it reaches the longest a session may be. */
function countedSpans(timer: StudyTimer, now: number): Span[] {
  const limit = timer.startedAt + LIMITS.studySessionMaxMs;
  return viewTimer(timer, Math.min(now, limit)).studied.filter(([a, b]) => b > a);
}

export type TimerAnswer = StudyTimerSnapshot & { recorded?: number };

/** Runs one command on the user's timer; the answer is the timer afterwards. */
export async function commandTimer(userId: string, command: StudyTimerCommand, now = Date.now()): Promise<TimerAnswer> {
  if (command.action === "get") return readTimer(userId, now);
  // Read before the transaction: on SQLite a read outside it would wait for it to end.
  const rule = command.action === "stop" ? await getStudySettings(userId) : undefined;
  const { db, t, dialect } = await getDatabase();
  let recorded: number | undefined;
  let changed = true;
  const timer = await db.transaction(async (tx): Promise<StudyTimer | null> => {
    await lockUser(tx, userId);
    const current = await timerRow(tx, userId);
    if (command.action === "start") {
      if (current) throw new AppError("timer_running", "A timer is already running: stop it first");
      const pomodoro = command.mode === "pomodoro";
      const started: StudyTimer = {
        mode: command.mode,
        subject: command.subject,
        startedAt: now,
        runningSince: now,
        segments: [],
        focusMinutes: pomodoro ? (command.focusMinutes ?? LIMITS.pomodoroFocusMinutes.default) : null,
        breakMinutes: pomodoro ? (command.breakMinutes ?? LIMITS.pomodoroBreakMinutes.default) : null,
        // Random, not 1: a tab still holding the last timer's version cannot command this one.
        version: randomInt(1, 2 ** 30),
      };
      try {
        await tx.insert(t.studyTimers).values({ userId, ...columnsOf(started) });
      } catch (err) {
        if (dialect.isUniqueViolation(err)) throw new AppError("timer_running", "A timer is already running: stop it first");
        throw err;
      }
      return started;
    }
    if (!current || current.version !== command.version) throw new AppError("timer_stale", "The timer changed in another tab");
    const bumped = (change: Partial<StudyTimer>): StudyTimer => ({ ...current, ...change, version: current.version + 1 });
    const save = async (next: StudyTimer) => {
      await tx.update(t.studyTimers).set(columnsOf(next)).where(eq(t.studyTimers.userId, userId));
      return next;
    };
    switch (command.action) {
      case "pause": {
        if (current.runningSince === null) return ((changed = false), current);
        const segments =
          now > current.runningSince ? [...current.segments, [current.runningSince, now] as [number, number]] : current.segments;
        return save(bumped({ segments, runningSince: null }));
      }
      case "resume": {
        if (current.runningSince !== null) return ((changed = false), current);
        if (current.segments.length >= LIMITS.studyTimerSegments)
          throw new AppError("study_time", `A timer keeps at most ${LIMITS.studyTimerSegments} stretches: stop it and start a new one`);
        if (now - current.startedAt >= LIMITS.studySessionMaxMs)
          throw new AppError("study_time", "A session lasts at most 24 hours: stop this timer");
        return save(bumped({ runningSince: now }));
      }
      case "stop": {
        const spans = countedSpans(current, now);
        await tx.delete(t.studyTimers).where(eq(t.studyTimers.userId, userId));
        if (spans.length === 0) {
          recorded = 0;
          return null;
        }
        const rows = await recordStudy(
          userId,
          { subject: current.subject, spans, note: command.note || null, source: "timer" },
          { tx, rule, now },
        );
        recorded = rows.length;
        return null;
      }
      case "discard":
        await tx.delete(t.studyTimers).where(eq(t.studyTimers.userId, userId));
        return null;
    }
  });
  const snapshot: StudyTimerSnapshot = { timer, serverNow: now };
  if (changed) await studyChanged(userId, { timer: snapshot, sessions: (recorded ?? 0) > 0 });
  return recorded === undefined ? snapshot : { ...snapshot, recorded };
}
