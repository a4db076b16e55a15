import { z } from "zod";
import "./schemas"; // first: zod without `new Function` in the browser (see there)
import { LIMITS } from "./limits";
import { canonicalTimeZone } from "./time";

/** A change to some study settings (server/study/settings.ts), as the HTTP API takes it. */
export const studySettingsPatch = z
  .object({
    timeZone: z
      .string()
      .max(64)
      .transform((zone, ctx) => canonicalTimeZone(zone) ?? (ctx.addIssue({ code: "custom", message: "unknown time zone" }), z.NEVER)),
    startHour: z.number().int().min(0).max(23),
    dailyGoalMinutes: z.number().int().min(0).max(LIMITS.studyDailyGoalMaxMinutes),
    hideFromRankings: z.boolean(),
  })
  .partial()
  .strict();
