import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { studyDayOf, splitByStudyDay, spanMs, type Span } from "@/lib/study-day";
import { viewTimer, type TimerState } from "@/lib/study-timer";
import { getDatabase } from "../database";
import { studySettingsOf } from "./settings";

/**
 * What someone is doing with their study timer right now (issue 13), for "who is studying now"
 * and a study room's member list: studying (a subject, since when), on a pomodoro break, or
 * paused; and how long they studied today, recorded sessions plus the running timer's part of
 * today, by their own study day. Users with no timer are left out. Who may see whom is the
 * caller's rule (the presence rule), not this module's.
 */

export interface StudyStatus {
  state: "studying" | "break" | "paused";
  subject: string;
  mode: TimerState["mode"];
  /** When the running stretch started (null while paused). */
  since: number | null;
  /** Studied today so far, ms (recorded + the timer's part of today). */
  todayMs: number;
}

type TimerRow = {
  userId: string;
  mode: TimerState["mode"];
  subject: string;
  runningSince: Date | null;
  segments: string;
  focusMinutes: number | null;
  breakMinutes: number | null;
};

/** The stored timer as the pure model sees it. */
export function timerStateOf(row: Omit<TimerRow, "userId">): TimerState {
  return {
    mode: row.mode,
    subject: row.subject,
    segments: JSON.parse(row.segments) as Span[],
    runningSince: row.runningSince ? row.runningSince.getTime() : null,
    focusMinutes: row.focusMinutes,
    breakMinutes: row.breakMinutes,
  };
}

export async function studyStatuses(userIds: readonly string[], now = Date.now()): Promise<Map<string, StudyStatus>> {
  const result = new Map<string, StudyStatus>();
  if (userIds.length === 0) return result;
  const { db, t } = await getDatabase();
  const timers = await db
    .select({
      userId: t.studyTimers.userId,
      mode: t.studyTimers.mode,
      subject: t.studyTimers.subject,
      runningSince: t.studyTimers.runningSince,
      segments: t.studyTimers.segments,
      focusMinutes: t.studyTimers.focusMinutes,
      breakMinutes: t.studyTimers.breakMinutes,
    })
    .from(t.studyTimers)
    .where(inArray(t.studyTimers.userId, [...userIds]));
  if (timers.length === 0) return result;
  const settings = await studySettingsOf(timers.map((row) => row.userId));
  const today = await studiedTodayMs(timers.map((row) => row.userId), settings, now);
  for (const row of timers) {
    const rule = settings.get(row.userId)!;
    const state = timerStateOf(row);
    const view = viewTimer(state, now);
    const day = studyDayOf(now, rule);
    const timerToday = spanMs(splitByStudyDay(view.studied, rule).get(day) ?? []);
    result.set(row.userId, {
      state: state.runningSince === null ? "paused" : view.phase === "break" ? "break" : "studying",
      subject: state.subject,
      mode: state.mode,
      since: state.runningSince,
      todayMs: (today.get(row.userId) ?? 0) + timerToday,
    });
  }
  return result;
}

/** Recorded study of each user's own today, ms. */
export async function studiedTodayMs(
  userIds: readonly string[],
  settings: Map<string, { timeZone: string; startHour: number }>,
  now = Date.now(),
): Promise<Map<string, number>> {
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const totals = new Map<string, number>();
  // Users share a study day mostly (one zone, one start hour): one query per distinct day.
  const byDay = new Map<string, string[]>();
  for (const id of userIds) {
    const day = studyDayOf(now, settings.get(id)!);
    byDay.set(day, [...(byDay.get(day) ?? []), id]);
  }
  for (const [day, ids] of byDay) {
    const rows = await db
      .select({ userId: s.userId, ms: sql<number>`sum(${s.studiedMs})` })
      .from(s)
      .where(and(inArray(s.userId, ids), eq(s.studyDay, day)))
      .groupBy(s.userId);
    for (const row of rows) totals.set(row.userId, Number(row.ms));
  }
  return totals;
}
