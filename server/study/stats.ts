import "server-only";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { StudyDay } from "@/lib/study-day";
import { addStudyDays, monthStartOf, studyDayOf, studyDaysBetween, weekStartOf } from "@/lib/study-day";
import { getDatabase } from "../database";
import { getStudySettings, type StudySettings } from "./settings";

/**
 * A user's study statistics (issue 13): totals for today, this week and this month by subject,
 * a heatmap of the last year, the streak and the best streak, and a week's chart. Every range
 * is counted in study days of the user's own settings (the day starts at `startHour` in their
 * zone, the week on Monday): a session is already filed under its day (server/study/record.ts),
 * so everything here is a GROUP BY on `study_day` over a bounded range, served by the
 * (user_id, study_day) index.
 *
 * The streak: consecutive study days, up to today, on which the user met their daily goal (as
 * it is set now). Today counts once it is met; until then the streak runs to yesterday and is
 * not broken. With no goal (0 minutes) any study on a day counts.
 */

export const HEATMAP_MAX_DAYS = 366;
/** How far back the streaks look (a row per study day, so at most this many rows). */
export const STREAK_WINDOW_DAYS = 3660;

export type WeekChart = "week" | "last7";

export interface SubjectTotal {
  subject: string;
  ms: number;
}
export interface PeriodTotal {
  from: StudyDay;
  to: StudyDay;
  totalMs: number;
  /** Largest first. */
  bySubject: SubjectTotal[];
}
export interface ChartDay {
  day: StudyDay;
  totalMs: number;
  bySubject: Record<string, number>;
}
export interface StudyStats {
  today: StudyDay;
  settings: StudySettings;
  totals: { today: PeriodTotal; week: PeriodTotal; month: PeriodTotal };
  /** Every day from `from` to today, oldest first (0 where nothing was studied). */
  heatmap: { from: StudyDay; to: StudyDay; days: Array<{ day: StudyDay; ms: number }> };
  streak: { current: number; best: number; todayMet: boolean; goalMinutes: number };
  chart: { kind: WeekChart; days: ChartDay[]; subjects: string[] };
}

const msOf = (value: unknown) => Number(value ?? 0); // MySQL's SUM answers a decimal string

/** Per-(day, subject) sums of one user over [from, to]. */
async function sumsByDaySubject(userId: string, from: StudyDay, to: StudyDay) {
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const rows = await db
    .select({ day: s.studyDay, subject: s.subject, ms: sql<string>`sum(${s.studiedMs})` })
    .from(s)
    .where(and(eq(s.userId, userId), gte(s.studyDay, from), lte(s.studyDay, to)))
    .groupBy(s.studyDay, s.subject);
  return rows.map((r) => ({ day: r.day, subject: r.subject, ms: msOf(r.ms) }));
}

/** Per-day sums of one user over [from, to], optionally only days reaching `atLeastMs`. */
async function sumsByDay(userId: string, from: StudyDay, to: StudyDay, atLeastMs = 0) {
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const total = sql<string>`sum(${s.studiedMs})`;
  const rows = await db
    .select({ day: s.studyDay, ms: total })
    .from(s)
    .where(and(eq(s.userId, userId), gte(s.studyDay, from), lte(s.studyDay, to)))
    .groupBy(s.studyDay)
    .having(atLeastMs > 0 ? sql`sum(${s.studiedMs}) >= ${atLeastMs}` : undefined)
    .orderBy(asc(s.studyDay));
  return rows.map((r) => ({ day: r.day, ms: msOf(r.ms) }));
}

function periodOf(rows: ReadonlyArray<{ day: string; subject: string; ms: number }>, from: StudyDay, to: StudyDay): PeriodTotal {
  const bySubject = new Map<string, number>();
  for (const r of rows) if (r.day >= from && r.day <= to) bySubject.set(r.subject, (bySubject.get(r.subject) ?? 0) + r.ms);
  const list = [...bySubject].map(([subject, ms]) => ({ subject, ms })).sort((a, b) => b.ms - a.ms || a.subject.localeCompare(b.subject));
  return { from, to, totalMs: list.reduce((sum, x) => sum + x.ms, 0), bySubject: list };
}

/**
 * The current and best runs of consecutive days among `metDays` (ascending). The current run
 * ends today, or yesterday while today is not met yet.
 */
export function streaksOf(metDays: readonly StudyDay[], today: StudyDay): { current: number; best: number; todayMet: boolean } {
  let best = 0;
  let run = 0;
  let previous: StudyDay | null = null;
  for (const day of metDays) {
    run = previous !== null && addStudyDays(previous, 1) === day ? run + 1 : 1;
    best = Math.max(best, run);
    previous = day;
  }
  const todayMet = previous === today;
  const current = previous !== null && (previous === today || previous === addStudyDays(today, -1)) ? run : 0;
  return { current, best, todayMet };
}

/** The user's statistics, as of `now`. `heatmapDays`: how many days the heatmap shows (1–366). */
export async function getStudyStats(
  userId: string,
  options: { heatmapDays?: number; chart?: WeekChart; now?: number } = {},
): Promise<StudyStats> {
  const settings = await getStudySettings(userId);
  const today = studyDayOf(options.now ?? Date.now(), settings);
  const heatmapDays = Math.min(Math.max(Math.trunc(options.heatmapDays ?? 365), 1), HEATMAP_MAX_DAYS);
  const chartKind = options.chart ?? "week";

  const weekFrom = weekStartOf(today);
  const monthFrom = monthStartOf(today);
  const chartFrom = chartKind === "week" ? weekFrom : addStudyDays(today, -6);
  const chartTo = chartKind === "week" ? addStudyDays(weekFrom, 6) : today;
  const heatFrom = addStudyDays(today, 1 - heatmapDays);
  // One read covers the month, the week (which may begin in the month before) and the chart.
  const detailFrom = [weekFrom, monthFrom, chartFrom].sort()[0]!;
  const goalMs = settings.dailyGoalMinutes * 60_000;

  const [detail, heat, met] = await Promise.all([
    sumsByDaySubject(userId, detailFrom, today),
    sumsByDay(userId, heatFrom, today),
    sumsByDay(userId, addStudyDays(today, 1 - STREAK_WINDOW_DAYS), today, Math.max(goalMs, 1)),
  ]);

  const heatByDay = new Map(heat.map((r) => [r.day, r.ms]));
  const chartDays = studyDaysBetween(chartFrom, chartTo).map((day): ChartDay => {
    const bySubject: Record<string, number> = {};
    for (const r of detail) if (r.day === day) bySubject[r.subject] = (bySubject[r.subject] ?? 0) + r.ms;
    return { day, bySubject, totalMs: Object.values(bySubject).reduce((a, b) => a + b, 0) };
  });
  const week = periodOf(detail, weekFrom, today);

  return {
    today,
    settings,
    totals: { today: periodOf(detail, today, today), week, month: periodOf(detail, monthFrom, today) },
    heatmap: { from: heatFrom, to: today, days: studyDaysBetween(heatFrom, today, HEATMAP_MAX_DAYS).map((day) => ({ day, ms: heatByDay.get(day) ?? 0 })) },
    streak: { ...streaksOf(met.map((r) => r.day), today), goalMinutes: settings.dailyGoalMinutes },
    chart: {
      kind: chartKind,
      days: chartDays,
      subjects: [...new Set(chartDays.flatMap((d) => Object.keys(d.bySubject)))].sort(
        (a, b) => (week.bySubject.find((x) => x.subject === b)?.ms ?? 0) - (week.bySubject.find((x) => x.subject === a)?.ms ?? 0) || a.localeCompare(b),
      ),
    },
  };
}

/** Per-user sums over [from, to] for users sharing one range (one GROUP BY user_id, in chunks). */
export async function sumsByUser(userIds: readonly string[], from: StudyDay, to: StudyDay): Promise<Map<string, number>> {
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const out = new Map<string, number>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .select({ userId: s.userId, ms: sql<string>`sum(${s.studiedMs})` })
      .from(s)
      .where(and(inArray(s.userId, userIds.slice(i, i + 500)), gte(s.studyDay, from), lte(s.studyDay, to)))
      .groupBy(s.userId);
    for (const r of rows) out.set(r.userId, msOf(r.ms));
  }
  return out;
}
