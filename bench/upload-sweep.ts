/**
 * Upload sweep benchmark: what one sweep costs with many referenced uploads (every user has an
 * avatar, which the sweep must check and keep every time), with and without the indexes on the
 * columns that can show an upload. SQLite in a temporary directory; no files (a missing file is
 * fine for the sweep).
 *
 *   node --require ./server/preload.cjs --import tsx bench/upload-sweep.ts [users=20000] [orphans=1000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { setDatabase } from "../server/database";
import { LIMITS } from "../lib/limits";
import { uploadUrl } from "../lib/schemas";
import { newId } from "../server/ids";
import { sweepUnreferencedUploads } from "../server/services/uploads";

async function main() {
  const users = Number(process.argv[2] ?? 20_000);
  const orphans = Number(process.argv[3] ?? 1000);
  const dir = mkdtempSync(path.join(tmpdir(), "moim-sweep-bench-"));
  process.env.DATA_DIR = dir;
  const database = await openDatabase({ dialect: "sqlite", url: `file:${path.join(dir, "bench.db")}` });
  setDatabase(database);
  const { db, t } = database;
  const old = new Date(Date.now() - LIMITS.uploadGraceMs - 60_000);

  async function addOrphans() {
    const rows = Array.from({ length: orphans }, () => ({ id: newId(), ownerId: newId(), mime: "image/png", bytes: 100, createdAt: old }));
    for (let i = 0; i < rows.length; i += 500) await db.insert(t.uploads).values(rows.slice(i, i + 500));
  }

  for (let i = 0; i < users; i += 500) {
    const batch = Array.from({ length: Math.min(500, users - i) }, () => ({ userId: newId(), uploadId: newId() }));
    await db
      .insert(t.uploads)
      .values(batch.map((b) => ({ id: b.uploadId, ownerId: b.userId, mime: "image/png", bytes: 100, createdAt: old })));
    await db.insert(t.users).values(batch.map((b) => ({ id: b.userId, name: "u", image: uploadUrl(b.uploadId), createdAt: old })));
  }

  async function timed(label: string) {
    await addOrphans();
    const start = performance.now();
    const { removed } = await sweepUnreferencedUploads();
    console.log(`${label}: ${users} referenced + ${orphans} orphans, removed ${removed} in ${(performance.now() - start).toFixed(0)} ms`);
  }

  await timed("with indexes   ");
  for (const name of ["users_image", "users_background_image", "spaces_icon", "channels_image"])
    await db.run(sql.raw(`DROP INDEX ${name}`));
  await timed("without indexes");
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
