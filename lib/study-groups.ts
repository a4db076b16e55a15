import { z } from "zod";
import "./schemas"; // first: zod without `new Function` in the browser (see there)
import { JOIN_MODES, normalizeTag, STUDY_LIMITS, STUDY_STATUSES } from "./study-group-types";

export * from "./study-group-types";

/** Inputs of the study-group routes (server/services/study-*.ts), bounded before any work. */

const tag = z
  .string()
  .max(STUDY_LIMITS.tagMaxChars * 3, { abort: true })
  .transform(normalizeTag)
  .pipe(z.string().min(1).max(STUDY_LIMITS.tagMaxChars));

export const studySettingsInput = z
  .object({
    /** false: the space stops being a study group (its card, tags and pending requests go). */
    enabled: z.boolean(),
    description: z
      .string()
      .max(STUDY_LIMITS.descriptionMaxChars * 2, { abort: true })
      .trim()
      .max(STUDY_LIMITS.descriptionMaxChars)
      .default(""),
    target: z
      .string()
      .max(STUDY_LIMITS.targetMaxChars * 2, { abort: true })
      .trim()
      .max(STUDY_LIMITS.targetMaxChars)
      .default(""),
    capacity: z.number().int().min(STUDY_LIMITS.capacityMin).max(STUDY_LIMITS.capacityMax).nullable().default(null),
    status: z.enum(STUDY_STATUSES).default("recruiting"),
    listed: z.boolean().default(false),
    joinMode: z.enum(JOIN_MODES).default("request"),
    tags: z
      .array(tag)
      .max(STUDY_LIMITS.tagsMax)
      .default([])
      .transform((tags) => [...new Set(tags)]),
  })
  .strict();
export type StudySettingsInput = z.input<typeof studySettingsInput>;

export const joinRequestInput = z
  .object({
    message: z
      .string()
      .max(STUDY_LIMITS.requestMessageMaxChars * 2, { abort: true })
      .trim()
      .max(STUDY_LIMITS.requestMessageMaxChars)
      .default(""),
  })
  .strict();

export const decideRequestInput = z.object({ approve: z.boolean() }).strict();

const pageParam = z
  .string()
  .max(3, { abort: true })
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(z.number().int().min(1).max(STUDY_LIMITS.directoryPagesMax));

/** The directory's query string: free text (name, tags, target), one exact tag, a status, a page. */
export const directoryQuery = z
  .object({
    q: z
      .string()
      .max(STUDY_LIMITS.searchMaxChars, { abort: true })
      .optional()
      .describe("Part of a name, tag or target (정보 finds 정보처리기사)"),
    tag: tag.optional().describe("One tag, exactly (normalized like stored tags)"),
    status: z.enum(STUDY_STATUSES).optional(),
    page: pageParam.optional().describe(`Page, 1–${STUDY_LIMITS.directoryPagesMax} (${STUDY_LIMITS.directoryPageSize} groups each)`),
  })
  .strict();
export type DirectoryQuery = z.output<typeof directoryQuery>;
