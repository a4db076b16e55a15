import "server-only";
import { createClient, type Client, type Transaction, type TransactionMode } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import path from "node:path";
import * as schema from "../schema/sqlite";
import { keepPreparedStatements } from "./sqlite-statements";

export type SqliteDb = ReturnType<typeof drizzle<typeof schema>>;
export type SqliteTx = Parameters<Parameters<SqliteDb["transaction"]>[0]>[0];

/**
 * SQLite has one writer. libsql runs each statement synchronously, and an interactive
 * transaction holds the write lock on its own connection while it awaits, so any other
 * statement issued meanwhile would fail with SQLITE_BUSY (waiting would block the very
 * thread the transaction needs). So every statement and transaction takes turns here.
 */
function serialized(client: Client): Client {
  let tail: Promise<unknown> = Promise.resolve();
  const turn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple" || prop === "migrate") {
        return (...args: unknown[]) => turn(() => (target[prop] as (...a: unknown[]) => Promise<unknown>)(...args));
      }
      if (prop === "transaction") {
        return (mode?: TransactionMode) =>
          new Promise<Transaction>((resolveTx, rejectTx) => {
            // The turn lasts until the transaction commits, rolls back or is closed.
            void turn(async () => {
              let tx: Transaction;
              try {
                tx = await target.transaction(mode);
              } catch (err) {
                rejectTx(err);
                return;
              }
              await new Promise<void>((released) => {
                const release = <F extends (...a: never[]) => unknown>(fn: F) =>
                  (async (...a: Parameters<F>) => {
                    try {
                      return await fn.apply(tx, a);
                    } finally {
                      released();
                    }
                  }) as F;
                const close = tx.close.bind(tx);
                resolveTx(
                  Object.assign(tx, {
                    commit: release(tx.commit),
                    rollback: release(tx.rollback),
                    close: () => {
                      close();
                      released();
                    },
                  }),
                );
              });
            });
          });
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function open(url: string) {
  keepPreparedStatements();
  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  const db = drizzle(serialized(client), { schema });
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "db/migrations/sqlite") });
  return { db, schema, close: () => client.close() };
}

/** A message row as the store writes it; its seq is the channel's next, taken by appendMessage. */
export interface NewMessageRow {
  id: string;
  channelId: string;
  authorId: string;
  clientId: string;
  body: string;
  kind: "user" | "system";
  replyToId: string | null;
  createdAt: Date;
}

/**
 * What an append did: stored the message under `seq`; or wrote nothing (`seq: null`) because
 * the (channel, author, clientId) is stored already or the channel does not exist; or wrote
 * nothing because a constraint refused the row (`refused`), which leaves the transaction usable.
 */
export type AppendOutcome = { seq: number } | { seq: null; refused?: unknown };

/**
 * Stores a message under its channel's next seq, inside the caller's transaction, and (when
 * asked) moves the author's read cursor past it. Throws only when the transaction can no longer
 * be trusted (the caller then rolls it back whole).
 *
 * The send path's hottest statements, so they are written out: one INSERT … SELECT takes the
 * seq from the channel row and stores the message, or stores nothing on a duplicate clientId
 * (DO NOTHING), so a duplicate never takes a seq and needs no savepoint to give one back; only
 * then is the channel's counter moved. One writer (`serialized` above) means no other
 * transaction runs between the two statements. A constraint that refuses the INSERT changes
 * nothing (SQLite aborts that statement alone); any failure after it, or of another kind, is
 * thrown.
 */
export async function appendMessage(tx: SqliteTx, row: NewMessageRow, moveAuthorCursor: boolean): Promise<AppendOutcome> {
  const at = row.createdAt.getTime();
  let stored: { seq: number } | undefined;
  try {
    [stored] = await tx.all<{ seq: number }>(sql`
      INSERT INTO messages (id, channel_id, seq, author_id, client_id, body, kind, reply_to_id, created_at, updated_at)
      SELECT ${row.id}, id, last_seq + 1, ${row.authorId}, ${row.clientId}, ${row.body}, ${row.kind}, ${row.replyToId}, ${at}, ${at}
      FROM channels WHERE id = ${row.channelId}
      ON CONFLICT (channel_id, author_id, client_id) DO NOTHING
      RETURNING seq`);
  } catch (err) {
    if (isConstraintViolation(err)) return { seq: null, refused: err };
    throw err;
  }
  if (!stored) return { seq: null };
  const seq = Number(stored.seq);
  await tx.run(sql`UPDATE channels SET last_seq = ${seq} WHERE id = ${row.channelId}`);
  if (moveAuthorCursor) await upsertReadCursor(tx, row.channelId, row.authorId, seq);
  return { seq };
}

/** Moves a read cursor forward (never back), creating it on first read. */
export async function advanceReadCursor(db: SqliteDb, channelId: string, userId: string, seq: number): Promise<void> {
  await upsertReadCursor(db, channelId, userId, seq);
}

async function upsertReadCursor(db: SqliteDb | SqliteTx, channelId: string, userId: string, seq: number): Promise<void> {
  await db.run(sql`
    INSERT INTO channel_reads (channel_id, user_id, last_read_seq) VALUES (${channelId}, ${userId}, ${seq})
    ON CONFLICT (channel_id, user_id) DO UPDATE SET last_read_seq = max(last_read_seq, excluded.last_read_seq)`);
}

/** True when a constraint refused the statement (which then changed nothing). */
function isConstraintViolation(err: unknown): boolean {
  const e = err as { code?: string; extendedCode?: string; cause?: { code?: string; extendedCode?: string } };
  return [e?.code, e?.extendedCode, e?.cause?.code, e?.cause?.extendedCode].some((c) => typeof c === "string" && c.startsWith("SQLITE_CONSTRAINT"));
}

/** True when the error is a unique-constraint (or primary-key) violation, not any other constraint. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; extendedCode?: string; cause?: { code?: string; extendedCode?: string }; message?: string };
  const codes = [e?.code, e?.extendedCode, e?.cause?.code, e?.cause?.extendedCode];
  if (codes.some((c) => c === "SQLITE_CONSTRAINT_UNIQUE" || c === "SQLITE_CONSTRAINT_PRIMARYKEY")) return true;
  return /UNIQUE constraint failed/.test(String(e?.message ?? "") + String(e?.cause ?? ""));
}

/** How many rows an UPDATE or DELETE changed (for conditional writes such as taking an invite use). */
export function affectedRows(result: unknown): number {
  return Number((result as { rowsAffected?: number }).rowsAffected ?? 0);
}
