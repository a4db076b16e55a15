import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { SearchQuery } from "./store";

/** The trigram index matches only queries of this many characters or more. */
export const TRIGRAM = 3;

/** `text` as a LIKE pattern matching it anywhere, with LIKE's own characters escaped (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause of a search, for the SQL store on either dialect.
 *
 * - SQLite, 3+ characters: the FTS5 trigram index (migration 0006_search) finds the rows whose
 *   text holds the query as a phrase of consecutive trigrams, which is exactly "contains it"
 *   (case folded); the rest of the clause narrows those rows to the allowed channels.
 * - SQLite, 1–2 characters (과제, 밥): a trigram index cannot hold them, so a LIKE over the
 *   allowed channels' rows, newest first through messages_channel_created. Its cost grows with
 *   the messages of those channels until `limit` matches are found; LIKE folds ASCII case only.
 * - MySQL/MariaDB: MariaDB's FULLTEXT has no ngram parser (InnoDB's word parser would not find
 *   과제 inside 지난주과제), so every length is the LIKE over the allowed channels, on
 *   LOWER(body) (the column is utf8mb4_bin). The same cost as above: linear in the searched
 *   channels' messages when matches are rare. Narrowing by channel, person or date bounds it.
 */
export function searchWhere({ kind, t }: Pick<Database, "kind" | "t">, q: SearchQuery, plan: SearchPlan): SQL | undefined {
  const m = t.messages;
  const text = q.text.toLowerCase();
  const match =
    // Walking newest first, each row is checked as it comes (LIKE): materialising every
    // trigram match of a common word first would cost what the walk saves.
    kind === "sqlite" && plan === "matches" && [...text].length >= TRIGRAM
      ? sql`${m}.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${ftsPhrase(text)})`
      : kind === "sqlite"
        ? sql`${m.body} LIKE ${containsPattern(text)} ESCAPE '\\'`
        : sql`LOWER(${m.body}) LIKE ${containsPattern(text)} ESCAPE '\\\\'`;
  const below = q.below;
  return and(
    // On SQLite, `+channel_id` keeps the planner off the channel index, so it walks
    // messages_created newest first and stops at the page's end: for many channels, or a
    // common word, that beats reading every match of every channel and sorting them.
    plan === "newest-first" ? inArray(sql`+${m.channelId}`, q.channelIds) : inArray(m.channelId, q.channelIds),
    eq(m.kind, "user"),
    isNull(m.deletedAt),
    match,
    q.authorId !== undefined ? eq(m.authorId, q.authorId) : undefined,
    q.excludeAuthorIds?.length ? notInArray(m.authorId, q.excludeAuthorIds) : undefined,
    q.after ? gt(m.createdAt, q.after) : undefined,
    q.before ? lt(m.createdAt, q.before) : undefined,
    q.hasLink ? hasLinkWhere(t) : undefined,
    below ? or(lt(m.createdAt, below.createdAt), and(eq(m.createdAt, below.createdAt), lt(m.id, below.id))) : undefined,
  );
}

/** A message whose text contains an http(s) URL: search's "has a link" and the drawer's links. */
export const hasLinkWhere = ({ messages: m }: Database["t"]) => or(sql`${m.body} LIKE '%http://%'`, sql`${m.body} LIKE '%https://%'`);

/** The query as one FTS5 string: double quotes doubled, so it is a phrase, never syntax. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * How SQLite should run a search: from the matches (few matches: read them all, sort, done),
 * or newest first over every message (many matches, or a LIKE over many channels: the page
 * fills long before the end). MySQL/MariaDB choose for themselves.
 */
export type SearchPlan = "matches" | "newest-first";
/** Past this many trigram matches, walking newest first is cheaper than sorting them all. */
const DENSE_MATCHES = 2000;

export async function searchPlan(database: Pick<Database, "kind" | "db">, q: SearchQuery): Promise<SearchPlan> {
  if (database.kind !== "sqlite") return "matches";
  if ([...q.text].length < TRIGRAM) return q.channelIds.length > 1 ? "newest-first" : "matches";
  const rows = await database.db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${ftsPhrase(q.text.toLowerCase())} LIMIT ${DENSE_MATCHES})`,
  );
  return Number(rows[0]?.n ?? 0) >= DENSE_MATCHES ? "newest-first" : "matches";
}

/** Newest first, and the id breaks ties so paging by (createdAt, id) is exact. */
export const searchOrder = ({ t }: Pick<Database, "t">) => [desc(t.messages.createdAt), desc(t.messages.id)];
