import "server-only";
import { createClient, type Client, type Transaction, type TransactionMode } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
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

/** Takes the next seq of a channel. Call inside the transaction that stores the message. */
export async function nextSeq(tx: SqliteTx, channelId: string): Promise<number> {
  const [row] = await tx
    .update(schema.channels)
    .set({ lastSeq: sql`${schema.channels.lastSeq} + 1` })
    .where(eq(schema.channels.id, channelId))
    .returning({ lastSeq: schema.channels.lastSeq });
  if (!row) throw new Error(`channel ${channelId} does not exist`);
  return row.lastSeq;
}

/** True when the error is a unique-constraint (or primary-key) violation, not any other constraint. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; extendedCode?: string; cause?: { code?: string; extendedCode?: string }; message?: string };
  const codes = [e?.code, e?.extendedCode, e?.cause?.code, e?.cause?.extendedCode];
  if (codes.some((c) => c === "SQLITE_CONSTRAINT_UNIQUE" || c === "SQLITE_CONSTRAINT_PRIMARYKEY")) return true;
  return /UNIQUE constraint failed/.test(String(e?.message ?? "") + String(e?.cause ?? ""));
}

/** Moves a read cursor forward (never back), creating it on first read. */
export async function advanceReadCursor(db: SqliteDb, channelId: string, userId: string, seq: number): Promise<void> {
  const t = schema.channelReads;
  await db
    .insert(t)
    .values({ channelId, userId, lastReadSeq: seq })
    .onConflictDoUpdate({ target: [t.channelId, t.userId], set: { lastReadSeq: sql`max(${t.lastReadSeq}, excluded.last_read_seq)` } });
}

/** How many rows an UPDATE or DELETE changed (for conditional writes such as taking an invite use). */
export function affectedRows(result: unknown): number {
  return Number((result as { rowsAffected?: number }).rowsAffected ?? 0);
}
