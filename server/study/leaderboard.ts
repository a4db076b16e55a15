import "server-only";
import { eq } from "drizzle-orm";
import type { UserSummary } from "@/lib/realtime/contract";
import { monthStartOf, studyDayOf, weekStartOf, type StudyDay } from "@/lib/study-day";
import { getDatabase } from "../database";
import { requireSpaceMember } from "../services/spaces";
import { studySettingsOf, type StudySettings } from "./settings";
import { sumsByUser } from "./stats";

/**
 * A space's study leaderboard (issue 13), for its members only: who studied most today, this
 * week or this month. Each member's period is their own — their today, their Monday, their first
 * of the month, by their own zone and day start — since that is how their time was filed; so two
 * members in different zones are compared over different instants, as each of them sees the
 * day. Members who chose to be left out of rankings (`hideFromRankings`) are not listed, but
 * their time still counts in the group's total: the group did study those hours.
 */

export const LEADERBOARD_PERIODS = ["today", "week", "month"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];
/** At most this many rows are listed (the asker's own row is always given in `me`). */
export const LEADERBOARD_MAX_ROWS = 100;

export interface LeaderboardEntry {
  rank: number;
  user: UserSummary;
  ms: number;
}
export interface Leaderboard {
  period: LeaderboardPeriod;
  /** The asker's own period, for the heading. */
  from: StudyDay;
  to: StudyDay;
  entries: LeaderboardEntry[];
  /** Everyone's time, the hidden members' included. */
  totalMs: number;
  memberCount: number;
  me: { rank: number | null; ms: number; hidden: boolean };
}

export function periodRange(period: LeaderboardPeriod, settings: StudySettings, now: number): [StudyDay, StudyDay] {
  const today = studyDayOf(now, settings);
  if (period === "today") return [today, today];
  if (period === "week") return [weekStartOf(today), today];
  return [monthStartOf(today), today];
}

/** Ranks with ties sharing one (1, 1, 3): more time first, then by name. */
function ranked(rows: Array<{ user: UserSummary; ms: number }>): LeaderboardEntry[] {
  const sorted = [...rows].sort((a, b) => b.ms - a.ms || a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id));
  const entries: LeaderboardEntry[] = [];
  sorted.forEach((row, i) => entries.push({ ...row, rank: i > 0 && sorted[i - 1]!.ms === row.ms ? entries[i - 1]!.rank : i + 1 }));
  return entries;
}

export async function getLeaderboard(userId: string, spaceId: string, period: LeaderboardPeriod, now = Date.now()): Promise<Leaderboard> {
  await requireSpaceMember(userId, spaceId);
  const { db, t } = await getDatabase();
  const members = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.spaceMembers)
    .innerJoin(t.users, eq(t.users.id, t.spaceMembers.userId))
    .where(eq(t.spaceMembers.spaceId, spaceId));
  const settings = await studySettingsOf(members.map((m) => m.id));

  // Members sharing a period (the same zone and day start, mostly) are summed in one query.
  const byRange = new Map<string, string[]>();
  for (const m of members) {
    const key = periodRange(period, settings.get(m.id)!, now).join("/");
    byRange.set(key, [...(byRange.get(key) ?? []), m.id]);
  }
  const totals = new Map<string, number>();
  for (const [key, ids] of byRange) {
    const [from, to] = key.split("/") as [StudyDay, StudyDay];
    for (const [id, ms] of await sumsByUser(ids, from, to)) totals.set(id, ms);
  }

  const shown = members.filter((m) => !settings.get(m.id)!.hideFromRankings);
  const entries = ranked(shown.map((user) => ({ user, ms: totals.get(user.id) ?? 0 })));
  const mine = entries.find((e) => e.user.id === userId);
  const [from, to] = periodRange(period, settings.get(userId)!, now);
  return {
    period,
    from,
    to,
    entries: entries.slice(0, LEADERBOARD_MAX_ROWS),
    totalMs: [...totals.values()].reduce((a, b) => a + b, 0),
    memberCount: members.length,
    me: { rank: mine?.rank ?? null, ms: totals.get(userId) ?? 0, hidden: settings.get(userId)!.hideFromRankings },
  };
}
