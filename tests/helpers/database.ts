import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import { openDatabase } from "@/db/client";
import { setDatabase, type Database } from "@/server/database";

export const mysqlUrl = process.env.DATABASE_URL;

/**
 * Which databases a suite runs on: SQLite always, MariaDB/MySQL too when DATABASE_URL is set.
 * TEST_DIALECTS=mysql leaves SQLite out (CI's second pass: its first pass ran them on SQLite).
 */
export const dialects = pickDialects(process.env.TEST_DIALECTS);

function pickDialects(wanted: string | undefined): Array<"sqlite" | "mysql"> {
  const available: Array<"sqlite" | "mysql"> = mysqlUrl ? ["sqlite", "mysql"] : ["sqlite"];
  if (!wanted) return available;
  const picked = available.filter((d) => wanted.split(",").includes(d));
  if (picked.length === 0) throw new Error(`TEST_DIALECTS=${wanted} names no database this run has (${available.join(", ")})`);
  return picked;
}

/**
 * A fresh, migrated database of its own for one suite: a temporary SQLite file, or a new
 * database on the DATABASE_URL server. It becomes the process-wide database.
 */
export async function freshDatabase(dialect: "sqlite" | "mysql"): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "moim-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const database = await openDatabase({ dialect, url });
    setDatabase(database);
    return {
      database,
      url,
      drop: async () => {
        setDatabase(undefined);
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!mysqlUrl) throw new Error("DATABASE_URL is not set");
  const name = `moim_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createConnection({ uri: mysqlUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dialect, url: url.toString() });
  setDatabase(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      setDatabase(undefined);
      await database.close();
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}
