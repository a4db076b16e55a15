import "server-only";
import type { SqliteDb } from "./dialect/sqlite";
import type * as sqliteSchema from "./schema/sqlite";

/**
 * The database, opened once per process. Next bundles route handlers separately from the
 * custom server, so the handle lives on globalThis where both find the same one.
 *
 * Both dialect schemas export the same tables; repositories are written once against the
 * SQLite types, and the MySQL tables and database stand in for them at run time (the query
 * builders share their API). What differs lives in ./dialect/*, which export the same names.
 */
export type Db = SqliteDb;
export type Tables = typeof sqliteSchema;
/** The handle a `db.transaction` callback gets. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Dialect = typeof import("./dialect/sqlite");

export interface Database {
  kind: "sqlite" | "mysql";
  db: Db;
  t: Tables;
  dialect: Pick<Dialect, "appendMessage" | "isUniqueViolation" | "advanceReadCursor" | "affectedRows">;
  close(): Promise<void>;
}

export async function openDatabase(config: { dialect: "sqlite" | "mysql"; url: string }): Promise<Database> {
  if (config.dialect === "mysql") {
    const dialect = await import("./dialect/mysql");
    const { db, schema, close } = await dialect.open(config.url);
    return {
      kind: "mysql",
      db: db as unknown as Db,
      t: schema as unknown as Tables,
      dialect: dialect as unknown as Dialect,
      close: async () => close(),
    };
  }
  const dialect = await import("./dialect/sqlite");
  const { db, schema, close } = await dialect.open(config.url);
  return { kind: "sqlite", db, t: schema, dialect, close: async () => close() };
}
