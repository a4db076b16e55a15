/**
 * Search and history benchmark on SQLite: 1,000,000 messages in 100 channels (bodies of 4–12
 * made-up Korean words and some English), then
 * - searches of words of 3+ characters (the FTS5 trigram index) over all 100 channels,
 * - searches of 2-character words (the bounded LIKE) over all 100 channels and in one channel,
 * - history pages of 50 before a random seq of a 10,000-message channel,
 * each timed at the store (server/messages/sql-store.ts), one at a time.
 *
 *   node --require ./server/preload.cjs --import tsx bench/search.ts [messages=1000000] [queries=200] [db file]
 *
 * With a database file that exists, the messages it holds are searched as they are (no storing):
 * store once on any machine, time the queries later on an idle one. A file that does not exist
 * yet is stored into and kept.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, desc, max } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { newId } from "../server/ids";
import { createSqlMessageStore } from "../server/messages/sql-store";
import { distribution, fmtDist, nowMs } from "./support/stats";

const CHANNELS = 100;
const BATCH = 1000;

/** A seeded generator, so every run stores the same text. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

async function main() {
  const total = Number(process.argv[2] ?? 1_000_000);
  const queries = Number(process.argv[3] ?? 200);
  const kept = process.argv[4] ? path.resolve(process.argv[4]) : null;
  const reuse = kept !== null && existsSync(kept);
  const dir = kept ? null : mkdtempSync(path.join(tmpdir(), "moim-search-bench-"));
  const database = await openDatabase({ dialect: "sqlite", url: `file:${kept ?? path.join(dir!, "bench.db")}` });
  const { db, t } = database;
  const store = createSqlMessageStore(database);
  const random = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const syllables = [..."가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추과제물지난주숙제시험공부모임발표자료정리회의"];
  const word = (n: number) => Array.from({ length: n }, () => pick(syllables)).join("");
  // A vocabulary with a long tail: some words are in many messages, most in few.
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => word(2 + (i % 3)));
  const english = ["meeting", "homework", "slides", "deadline", "https://moim.test/doc", "review", "lunch", "exam"];
  const zipf = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;

  let channels: string[];
  let authors: string[];
  const seqs = new Map<string, number>();
  if (reuse) {
    // The channel with the most messages first (the history page's), as stored.
    const m = t.messages;
    const rows = await db.select({ channelId: m.channelId, last: max(m.seq), n: count() }).from(m).groupBy(m.channelId).orderBy(desc(count()));
    channels = rows.map((r) => r.channelId);
    for (const r of rows) seqs.set(r.channelId, Number(r.last));
    authors = (await db.selectDistinct({ authorId: m.authorId }).from(m).limit(50)).map((r) => r.authorId);
    console.log(`searching ${rows.reduce((sum, r) => sum + r.n, 0).toLocaleString()} messages stored in ${kept}`);
  } else {
    channels = Array.from({ length: CHANNELS }, () => newId());
    await db.insert(t.channels).values(channels.map((id) => ({ id, spaceId: null, name: "", kind: "group" as const, createdAt: new Date() })));
    authors = Array.from({ length: 50 }, () => newId());
    for (const c of channels) seqs.set(c, 0);
    const started = nowMs();
    const start = Date.now() - total * 1000;
    // The first channel holds 10,000 messages (the history page's channel), the rest share the others.
    for (let done = 0; done < total; done += BATCH) {
      const rows: Array<typeof t.messages.$inferInsert> = [];
      for (let i = done; i < Math.min(total, done + BATCH); i++) {
        const channelId = i % 100 === 0 && i / 100 < 10_000 ? channels[0]! : channels[1 + (i % (CHANNELS - 1))]!;
        const seq = seqs.get(channelId)! + 1;
        seqs.set(channelId, seq);
        const words = Array.from({ length: 4 + Math.floor(random() * 9) }, () => (random() < 0.1 ? pick(english) : zipf()));
        const at = new Date(start + i * 1000);
        rows.push({ id: newId(), channelId, seq, authorId: pick(authors), clientId: `b-${i}`, body: words.join(" "), kind: "user" as const, createdAt: at, updatedAt: at });
      }
      await db.transaction(async (tx) => {
        await tx.insert(t.messages).values(rows);
      });
      if (done % 100_000 === 0) process.stdout.write(`\rstored ${done.toLocaleString()} messages`);
    }
    console.log(`\rstored ${total.toLocaleString()} messages in ${((nowMs() - started) / 1000).toFixed(0)} s (FTS5 index kept by the triggers)`);
  }

  async function time(label: string, n: number, run: () => Promise<unknown>) {
    for (let i = 0; i < 5; i++) await run(); // warm the page cache
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = nowMs();
      await run();
      ms.push(nowMs() - t0);
    }
    console.log(`${label.padEnd(58)} ${fmtDist(distribution(ms))}`);
  }
  const threeOrMore = vocabulary.filter((w) => w.length >= 3);
  const two = vocabulary.filter((w) => w.length === 2);
  console.log(`\nms, one at a time (${queries} queries each; page size 20):`);
  await time("search, 3+ characters (trigram index), all 100 channels", queries, () =>
    store.search({ channelIds: channels, text: pick(threeOrMore), limit: 20 }),
  );
  await time("search, English word (trigram index), all 100 channels", queries, () =>
    store.search({ channelIds: channels, text: pick(english), limit: 20 }),
  );
  await time("search, 3+ characters, by one author, has a link", queries, () =>
    store.search({ channelIds: channels, text: pick(threeOrMore), authorId: pick(authors), hasLink: true, limit: 20 }),
  );
  await time("search, 2 characters (LIKE), all 100 channels", queries, () => store.search({ channelIds: channels, text: pick(two), limit: 20 }));
  await time("search, 2 characters (LIKE), one channel", queries, () => store.search({ channelIds: [pick(channels)], text: pick(two), limit: 20 }));
  const historySeqs = seqs.get(channels[0]!)!;
  await time(`history page of 50 (channel of ${historySeqs.toLocaleString()}, ${total.toLocaleString()} stored)`, queries * 5, () =>
    store.page(channels[0]!, { beforeSeq: 51 + Math.floor(random() * (historySeqs - 50)) }, 50),
  );
  await time("newest page of 50", queries * 5, () => store.page(pick(channels), {}, 50));
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

void main();
