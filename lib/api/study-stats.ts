/**
 * The study statistics routes (issue 13): one's own stats, a space's leaderboard, one's
 * sessions as CSV (adding sessions and the settings are the timer's routes, lib/api/contract.ts). Part of the one route table
 * (./contract.ts spreads them into API_ROUTES, so docs/openapi.json covers them).
 */
import { z } from "zod";
import { LIMITS } from "../limits";
import type { ApiRoute } from "./contract";
import { ok, studySettings, userSummary } from "./schemas";

const route = <const R extends ApiRoute>(r: R): R => r;

/** A study day in a query: `YYYY-MM-DD`, a real date (checked before anything is read). */
export const studyDayParam = z
  .string()
  .max(10, { abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((d) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, day));
    return y >= 2000 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
  }, "is not a date");

export const statsQuery = z
  .object({
    days: z
      .string()
      .max(3, { abort: true })
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().int().min(7).max(366))
      .optional()
      .describe("How many study days the heatmap covers, ending today: 7–366 (default 365)"),
    chart: z.enum(["week", "last7"]).optional().describe("The chart's days: this week, Monday to Sunday (default), or the last 7 days"),
  })
  .strict();

export const leaderboardQuery = z
  .object({ period: z.enum(["today", "week", "month"]).default("today").describe("Each member's own today, week (from Monday) or month") })
  .strict();

export const exportQuery = z
  .object({
    from: studyDayParam.optional().describe("First study day, included"),
    to: studyDayParam.optional().describe("Last study day, included"),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, "from must not be after to");

const subjectTotal = z.object({ subject: z.string(), ms: z.number() });
const periodTotal = z.object({ from: z.string(), to: z.string(), totalMs: z.number(), bySubject: z.array(subjectTotal).describe("Largest first") });
export const studyStats = z
  .object({
    today: z.string().describe("The user's study day now, YYYY-MM-DD"),
    settings: studySettings,
    totals: z.object({ today: periodTotal, week: periodTotal, month: periodTotal }),
    heatmap: z.object({ from: z.string(), to: z.string(), days: z.array(z.object({ day: z.string(), ms: z.number() })).describe("Every day, oldest first") }),
    streak: z.object({
      current: z.number().int().describe("Consecutive days meeting the goal, up to today (today counts once met)"),
      best: z.number().int(),
      todayMet: z.boolean(),
      goalMinutes: z.number().int().describe("0: any study counts for the day"),
    }),
    chart: z.object({
      kind: z.enum(["week", "last7"]),
      days: z.array(z.object({ day: z.string(), totalMs: z.number(), bySubject: z.record(z.string(), z.number()) })),
      subjects: z.array(z.string()),
    }),
  })
  .meta({ id: "StudyStats" });

export const leaderboard = z
  .object({
    period: z.enum(["today", "week", "month"]),
    from: z.string().describe("The asker's own period"),
    to: z.string(),
    entries: z.array(z.object({ rank: z.number().int(), user: userSummary, ms: z.number() })).describe("Members who did not opt out, most time first; ties share a rank"),
    totalMs: z.number().describe("The whole group's time, members who opted out of rankings included"),
    memberCount: z.number().int(),
    me: z.object({ rank: z.number().int().nullable(), ms: z.number(), hidden: z.boolean() }),
  })
  .meta({ id: "StudyLeaderboard" });

export const attendance = z
  .object({
    from: z.string().describe("The window's start, ISO (30 days before now)"),
    to: z.string(),
    thresholdMinutes: z.number().int().describe("At most this many minutes of study overlapping an occurrence (or half of it, if shorter) counts as attending"),
    occurrences: z
      .array(
        z.object({
          eventId: z.string(),
          occurrence: z.number().describe("The original start (ms), as the calendar names it"),
          title: z.string(),
          start: z.string(),
          end: z.string(),
          attended: z.number().int().describe("Members who attended, those who opted out of rankings included"),
          members: z.number().int().describe("Members of the space when it started"),
          going: z.number().int().describe("RSVP going"),
        }),
      )
      .describe("Ended occurrences of the space's events (kind event), oldest first, at most 60"),
    members: z
      .array(z.object({ user: userSummary, attended: z.number().int(), occurrences: z.number().int(), rate: z.number().nullable() }))
      .describe("Members who did not opt out, best rate first; occurrences since each joined"),
    memberCount: z.number().int(),
    me: z.object({ attended: z.number().int(), occurrences: z.number().int(), hidden: z.boolean() }),
  })
  .meta({ id: "StudyAttendance" });

export const STUDY_STATS_ROUTES = {
  getStats: route({
    method: "GET",
    path: "/api/study/stats",
    tag: "study",
    summary: "One's study stats: today, this week and this month by subject, a heatmap, streaks and a week's chart",
    description:
      "Counted in the user's own study days (the day starts at their hour, 05:00 by default, in their zone; weeks start on Monday). The streak counts consecutive days meeting the daily goal as set now; with no goal, any study counts.",
    auth: "session",
    query: statsQuery,
    response: ok({ stats: studyStats }),
  }),
  getLeaderboard: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/leaderboard",
    tag: "study",
    summary: "A space's study leaderboard for today, this week or this month (members only)",
    description:
      "Each member's time over their own period (their zone and day start). Members who opted out of rankings are not listed; their time counts in `totalMs`.",
    auth: "session",
    query: leaderboardQuery,
    response: ok({ leaderboard }),
    errors: ["forbidden"],
  }),
  getAttendance: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/attendance",
    tag: "study",
    summary: "Attendance at a space's scheduled sessions over the last 30 days (members only)",
    description:
      "A member attended an occurrence when study they recorded (timer, by hand or a study room) overlaps it for at least min(10 minutes, half the occurrence). Cancelled occurrences are left out, moved ones are at their new times. Members who opted out of rankings count in the totals but are not listed.",
    auth: "session",
    response: ok({ attendance }),
    errors: ["forbidden"],
  }),
  exportSessions: route({
    method: "GET",
    path: "/api/study/sessions/export",
    tag: "study",
    summary: "One's study sessions as CSV (UTF-8 with a BOM; times in one's zone with the offset)",
    description:
      "Columns: study_day, subject, started_at, ended_at, studied_minutes, pause_count, source, edited, note. Text that a spreadsheet would run as a formula starts with an apostrophe.",
    auth: "session",
    query: exportQuery,
    produces: "text/csv",
  }),
};

export type StudyStatsView = z.infer<typeof studyStats>;
export type LeaderboardView = z.infer<typeof leaderboard>;
export type AttendanceView = z.infer<typeof attendance>;
