import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { newId } from "@/server/ids";
import { createSqlMessageStore } from "@/server/messages/sql-store";

const dir = mkdtempSync(path.join(tmpdir(), "moim-search-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the search migration on SQLite", () => {
  it("indexes the messages stored before it, and keeps the index in step afterwards", async () => {
    // The database as it was before 0006_search: every migration up to it.
    const before = path.join(dir, "before");
    cpSync("db/migrations/sqlite", before, { recursive: true });
    const journalPath = path.join(before, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.filter((e) => e.tag < "0006_search");
    writeFileSync(journalPath, JSON.stringify(journal));
    const url = `file:${path.join(dir, "old.db")}`;
    const client = createClient({ url });
    await migrate(drizzle(client), { migrationsFolder: before });
    const channelId = newId();
    await client.execute({ sql: "INSERT INTO channels (id, space_id, name, kind, last_seq, created_at) VALUES (?, NULL, '', 'group', 1, ?)", args: [channelId, Date.now()] });
    await client.execute({
      sql: "INSERT INTO messages (id, channel_id, seq, author_id, client_id, body, kind, created_at, updated_at) VALUES (?, ?, 1, ?, 'old-1', '지난주과제 다 했어?', 'user', ?, ?)",
      args: [newId(), channelId, newId(), Date.now(), Date.now()],
    });
    client.close();

    const database = await openDatabase({ dialect: "sqlite", url }); // runs 0006_search
    try {
      const store = createSqlMessageStore(database);
      const find = async (text: string) => (await store.search({ channelIds: [channelId], text, limit: 10 })).messages.map((m) => m.body);
      expect(await find("주과제")).toEqual(["지난주과제 다 했어?"]);
      const { message } = await store.append({ channelId, authorId: newId(), clientId: "new-1", body: "새 과제물", kind: "user" });
      expect(await find("과제물")).toEqual(["새 과제물"]);
      await store.edit(channelId, message.id, "고친 글", new Date());
      expect(await find("과제물")).toEqual([]);
      expect(await find("고친 글")).toEqual(["고친 글"]);
    } finally {
      await database.close();
    }
  });
});
