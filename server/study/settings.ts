import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { studySettingsPatch } from "@/lib/study-settings";
import type { DayRule } from "@/lib/study-day";
import { getDatabase } from "../database";

/**
 * A user's study settings (issue 13): their zone and the hour their study day starts (05:00 by
 * default, as Korean study apps do), the daily goal, and whether they are left out of group
 * rankings. A user who never set them has the defaults; the browser sends its zone the first
 * time its owner studies (see updateStudySettings).
 */

export interface StudySettings extends DayRule {
  dailyGoalMinutes: number;
  hideFromRankings: boolean;
}

export const STUDY_DEFAULTS: StudySettings = { timeZone: "Asia/Seoul", startHour: 5, dailyGoalMinutes: 0, hideFromRankings: false };

export { studySettingsPatch };
export type StudySettingsPatch = z.infer<typeof studySettingsPatch>;

type SettingsRow = { timeZone: string; dayStartHour: number; dailyGoalMinutes: number; hideFromRankings: boolean };
const fromRow = (row: SettingsRow): StudySettings => ({
  timeZone: row.timeZone,
  startHour: row.dayStartHour,
  dailyGoalMinutes: row.dailyGoalMinutes,
  hideFromRankings: row.hideFromRankings,
});

export async function getStudySettings(userId: string): Promise<StudySettings> {
  return (await studySettingsOf([userId])).get(userId) ?? STUDY_DEFAULTS;
}

/** Settings of many users at once (leaderboards, statuses); those without a row get the defaults. */
export async function studySettingsOf(userIds: readonly string[]): Promise<Map<string, StudySettings>> {
  const result = new Map<string, StudySettings>();
  if (userIds.length === 0) return result;
  const { db, t } = await getDatabase();
  const rows = await db
    .select({
      userId: t.studySettings.userId,
      timeZone: t.studySettings.timeZone,
      dayStartHour: t.studySettings.dayStartHour,
      dailyGoalMinutes: t.studySettings.dailyGoalMinutes,
      hideFromRankings: t.studySettings.hideFromRankings,
    })
    .from(t.studySettings)
    .where(inArray(t.studySettings.userId, [...userIds]));
  for (const id of userIds) result.set(id, STUDY_DEFAULTS);
  for (const row of rows) result.set(row.userId, fromRow(row));
  return result;
}

/** Changes some settings (the rest stay as they were, or the defaults). */
export async function updateStudySettings(userId: string, patch: StudySettingsPatch): Promise<StudySettings> {
  const next = { ...(await getStudySettings(userId)), ...patch };
  const { db, t, dialect } = await getDatabase();
  const row = {
    timeZone: next.timeZone,
    dayStartHour: next.startHour,
    dailyGoalMinutes: next.dailyGoalMinutes,
    hideFromRankings: next.hideFromRankings,
    updatedAt: new Date(),
  };
  const updated = await db.update(t.studySettings).set(row).where(eq(t.studySettings.userId, userId));
  if (dialect.affectedRows(updated) === 0) {
    try {
      await db.insert(t.studySettings).values({ userId, ...row });
    } catch (err) {
      if (!dialect.isUniqueViolation(err)) throw err;
      await db.update(t.studySettings).set(row).where(eq(t.studySettings.userId, userId)); // a concurrent first write
    }
  }
  return next;
}

/** Whether the user ever saved settings (the browser then leaves their zone alone). */
export async function hasStudySettings(userId: string): Promise<boolean> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ id: t.studySettings.userId }).from(t.studySettings).where(eq(t.studySettings.userId, userId)).limit(1);
  return !!row;
}
