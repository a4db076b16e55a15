import "server-only";
import { TZDate } from "@date-fns/tz";
import { and, asc, eq, gt, gte, lte, or } from "drizzle-orm";
import type { StudyDay } from "@/lib/study-day";
import { getDatabase } from "../database";
import { getStudySettings } from "./settings";

/**
 * One's own study sessions as CSV (issue 13), for a spreadsheet: a UTF-8 byte-order mark first
 * (without it Excel reads the file as the system's legacy code page and Korean turns to
 * mojibake), a header row, then one row per recorded session (per study day, as stored), oldest
 * first, times as ISO 8601 in the user's zone with its offset. Read a page at a time, so a long
 * history is streamed, not held.
 */

export const CSV_BOM = "\uFEFF";
export const CSV_HEADER = ["study_day", "subject", "started_at", "ended_at", "studied_minutes", "pause_count", "source", "edited", "note"] as const;
const PAGE = 500;

/**
 * A field as CSV: quoted when it holds a comma, quote or line break (quotes doubled). Text a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP advises, so `=HYPERLINK(...)` stays text.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (fields: ReadonlyArray<string | number | boolean | null>) => `${fields.map(csvField).join(",")}\r\n`;

/** The CSV's text, a chunk at a time (the BOM and header first). `from`/`to`: study days, both included. */
export async function* sessionsCsv(userId: string, range: { from?: StudyDay; to?: StudyDay } = {}): AsyncGenerator<string> {
  const { timeZone } = await getStudySettings(userId);
  const { db, t } = await getDatabase();
  const s = t.studySessions;
  const iso = (d: Date) => new TZDate(d.getTime(), timeZone).toISOString();
  yield CSV_BOM + csvRow(CSV_HEADER);
  let after: { startedAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(s)
      .where(
        and(
          eq(s.userId, userId),
          range.from ? gte(s.studyDay, range.from) : undefined,
          range.to ? lte(s.studyDay, range.to) : undefined,
          after ? or(gt(s.startedAt, after.startedAt), and(eq(s.startedAt, after.startedAt), gt(s.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(s.startedAt), asc(s.id))
      .limit(PAGE);
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvRow([r.studyDay, r.subject, iso(r.startedAt), iso(r.endedAt), Math.round(r.studiedMs / 600) / 100, r.pauseCount, r.source, r.edited, r.note]),
      )
      .join("");
    if (rows.length < PAGE) return;
    const last: { startedAt: Date; id: string } = rows[rows.length - 1]!;
    after = { startedAt: last.startedAt, id: last.id };
  }
}
