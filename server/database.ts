import "server-only";
import { openDatabase, type Database } from "@/db/client";
import { getConfig } from "./config";

export type { Database, Db, Tables, Tx } from "@/db/client";

/**
 * The process-wide database, opened from the config on first use. Next bundles route handlers
 * separately from the custom server, so the handle lives on globalThis where both find the same
 * one. (db/ knows how to open a database; which one this process uses is the server's concern.)
 */
const registry = globalThis as unknown as { __moimDb?: Promise<Database> };

/** The process-wide database; the first caller opens (and migrates) it. */
export function getDatabase(): Promise<Database> {
  if (!registry.__moimDb) {
    registry.__moimDb = openDatabase(getConfig().database);
    registry.__moimDb.catch(() => {
      registry.__moimDb = undefined;
    });
  }
  return registry.__moimDb;
}

/** For tests and scripts: use this database as the process-wide one. */
export function setDatabase(database: Database | undefined): void {
  registry.__moimDb = database ? Promise.resolve(database) : undefined;
}
