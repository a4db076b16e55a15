import "server-only";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import { createPool } from "mysql2/promise";
import path from "node:path";
import * as schema from "../schema/mysql";
import type { AppendOutcome, NewMessageRow } from "./sqlite";

export type MysqlDb = ReturnType<typeof drizzle<typeof schema>>;
export type MysqlTx = Parameters<Parameters<MysqlDb["transaction"]>[0]>[0];

export async function open(url: string) {
  // trace: false — mysql2 otherwise captures a stack trace on every query (for the call site
  // in a failed query's error): 6% of the server's CPU on the send path. Errors keep their
  // message, code and SQL.
  const pool = createPool({ uri: url, charset: "utf8mb4_bin", connectionLimit: 20, timezone: "Z", trace: false });
  // Korean text and emoji need utf8mb4. Binary collation compares like SQLite does: under
  // utf8mb4_unicode_ci many emoji are "equal" (a 🎉 reaction would match a 👍) and "AbC" = "abc"
  // for case-sensitive tokens. The app normalises what must match loosely (emails) itself.
  // Tables take the database default when they are created.
  await pool.query("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  const db = drizzle(pool, { schema, mode: "default" });
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "db/migrations/mysql") });
  return { db, schema, close: () => pool.end() };
}

/**
 * Stores a message under its channel's next seq, inside the caller's transaction, and (when
 * asked) moves the author's read cursor past it (db/dialect/sqlite.ts says the same for SQLite).
 * A duplicate (channel, author, clientId) throws a unique violation after the seq was taken, so
 * the caller rolls the transaction back, which gives the seq back (each append has its own).
 */
export async function appendMessage(tx: MysqlTx, row: NewMessageRow, moveAuthorCursor: boolean): Promise<AppendOutcome> {
  // LAST_INSERT_ID(expr) hands the new value back in the same round trip; the row lock
  // taken by the UPDATE orders concurrent senders until their transactions end.
  const [result] = await tx.execute(
    sql`UPDATE ${schema.channels} SET ${schema.channels.lastSeq} = LAST_INSERT_ID(${schema.channels.lastSeq} + 1) WHERE ${eq(schema.channels.id, row.channelId)}`,
  );
  const header = result as unknown as { affectedRows: number; insertId: number };
  if (header.affectedRows !== 1) return { seq: null };
  const seq = Number(header.insertId);
  await tx.insert(schema.messages).values({ ...row, seq, updatedAt: row.createdAt });
  if (moveAuthorCursor) await advanceReadCursor(tx as unknown as MysqlDb, row.channelId, row.authorId, seq);
  return { seq };
}

/** True when the error is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === "ER_DUP_ENTRY";
}

/** Moves a read cursor forward (never back), creating it on first read. */
export async function advanceReadCursor(db: MysqlDb, channelId: string, userId: string, seq: number): Promise<void> {
  const t = schema.channelReads;
  await db
    .insert(t)
    .values({ channelId, userId, lastReadSeq: seq })
    .onDuplicateKeyUpdate({ set: { lastReadSeq: sql`GREATEST(${t.lastReadSeq}, VALUES(${t.lastReadSeq}))` } });
}

/** How many rows an UPDATE or DELETE changed (for conditional writes such as taking an invite use). */
export function affectedRows(result: unknown): number {
  const [header] = result as [{ affectedRows?: number }];
  return Number(header?.affectedRows ?? 0);
}
