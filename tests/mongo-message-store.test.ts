import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/server/ids";
import {
  ABANDONED_AFTER_MS,
  abandonedSeqs,
  claimKey,
  gapPlaceholder,
  groupReactions,
  literalPattern,
  missingSeqs,
  searchFilter,
} from "@/server/messages/mongo/documents";
import { createMongoMessageStore, ensureMongoIndexes, mongoCollections, type MongoMessageCollections } from "@/server/messages/mongo/store";
import type { MessageStore } from "@/server/messages/store";

/**
 * The MongoDB store's parts that need no server (always run), and its crash paths against a
 * real server (only with MONGODB_URL; without it they are reported skipped, and the MongoDB
 * store stays unverified). The interface itself is in tests/message-store.contract.test.ts.
 */

describe("MongoDB store, without a server: finding gaps", () => {
  it("lists the seqs a page lacks within its range", () => {
    expect(missingSeqs([2, 3, 5], 1, 6)).toEqual([1, 4, 6]);
    expect(missingSeqs([1, 2, 3], 1, 3)).toEqual([]);
    expect(missingSeqs([], 4, 3)).toEqual([]);
  });

  const now = new Date("2026-01-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const counter = (seq: number, atMsAgo: number) => ({ _id: "c", seq, at: ago(atMsAgo) });

  it("leaves a gap alone while its appender may still be at work", () => {
    // Seq 3 was handed out a moment ago (the counter's last hand-out is recent, nothing above is old).
    expect(abandonedSeqs([3], { counter: counter(4, 10), later: [{ seq: 4, createdAt: ago(5) }] }, now)).toEqual([]);
  });

  it("takes a gap for abandoned once the counter's last hand-out is old enough", () => {
    expect(abandonedSeqs([3, 4], { counter: counter(4, ABANDONED_AFTER_MS + 1), later: [] }, now)).toEqual([3, 4]);
    // A seq above the counter was never handed out: not a gap.
    expect(abandonedSeqs([5], { counter: counter(4, ABANDONED_AFTER_MS + 1), later: [] }, now)).toEqual([]);
  });

  it("takes a gap for abandoned when a message above it is old enough, though the channel is busy", () => {
    const later = [
      { seq: 5, createdAt: ago(ABANDONED_AFTER_MS + 100) },
      { seq: 8, createdAt: ago(10) },
    ];
    // 3 lies below an old message (its seq was taken before 5's); 7 lies only below a new one.
    expect(abandonedSeqs([3, 7], { counter: counter(9, 1), later }, now)).toEqual([3]);
  });
});

describe("MongoDB store, without a server: documents and filters", () => {
  it("keys a claim so that no two (channel, author, clientId) share one", () => {
    expect(claimKey("a", "b:c", "d")).not.toBe(claimKey("a:b", "c", "d"));
    expect(claimKey("a", "b", "c")).toBe(claimKey("a", "b", "c"));
  });

  it("makes a gap's placeholder a deleted system message with a clientId of its seq", () => {
    const at = new Date();
    expect(gapPlaceholder("id", "ch", 7, at)).toMatchObject({ seq: 7, kind: "system", body: "", deletedAt: at, clientId: "gap:7", reactions: [] });
  });

  it("groups reactions by emoji in order of each one's earliest, users in the order they reacted", () => {
    const at = new Date();
    expect(
      groupReactions([
        { emoji: "🎉", userId: "bob", at },
        { emoji: "👍", userId: "bob", at },
        { emoji: "🎉", userId: "alice", at },
      ]),
    ).toEqual([
      { emoji: "🎉", userIds: ["bob", "alice"] },
      { emoji: "👍", userIds: ["bob"] },
    ]);
  });

  it("escapes search text so that every character matches itself", () => {
    // JavaScript's RegExp escapes as PCRE does for these; MongoDB's $regex is PCRE.
    for (const text of ["a.b*c", "(과제)?", "[x]{2}", "^$|\\", "1+1=2", "a/b-c"]) {
      const re = new RegExp(literalPattern(text), "i");
      expect(re.test(`before ${text} after`)).toBe(true);
    }
    expect(new RegExp(literalPattern("a.c"), "i").test("abc")).toBe(false);
    expect(new RegExp(literalPattern("HOMEWORK"), "i").test("homework 과제")).toBe(true);
  });

  it("builds a search filter that keeps to the channels given and continues strictly below a cursor", () => {
    const below = { createdAt: new Date(1000), id: "m5" };
    const filter = searchFilter({ channelIds: ["a", "b"], text: "x.y", excludeAuthorIds: ["bob"], below, limit: 10 });
    expect(filter.$and).toEqual(
      expect.arrayContaining([
        { channelId: { $in: ["a", "b"] } },
        { kind: "user" },
        { deletedAt: null },
        { body: { $regex: "x\\.y", $options: "i" } },
        { authorId: { $nin: ["bob"] } },
        { $or: [{ createdAt: { $lt: below.createdAt } }, { createdAt: below.createdAt, _id: { $lt: "m5" } }] },
      ]),
    );
  });
});

const mongoUrl = process.env.MONGODB_URL;
if (!mongoUrl) console.warn("MongoDB crash paths: NOT run (MONGODB_URL is not set); the MongoDB store is unverified by this run.");

describe.runIf(mongoUrl)("MongoDB store on a real server: crashes leave no gap for good", () => {
  let client: MongoClient;
  let c: MongoMessageCollections;
  let store: MessageStore;
  const alice = newId();
  const draft = (channelId: string, clientId = newId()) => ({ channelId, authorId: alice, clientId, body: "hi", kind: "user" as const });
  const old = () => new Date(Date.now() - ABANDONED_AFTER_MS - 1000);

  beforeAll(async () => {
    client = new MongoClient(mongoUrl!);
    c = mongoCollections(client.db(`moim_crash_${newId().replace(/-/g, "")}`));
    await ensureMongoIndexes(c);
    store = createMongoMessageStore(c);
  });
  afterAll(async () => {
    await client?.db(c.messages.dbName).dropDatabase();
    await client?.close();
  });

  it("fills a seq taken by an appender killed before its insert, once that is old enough, and goes on after it", async () => {
    const channelId = newId();
    await store.append(draft(channelId));
    // What a process killed between the counter and the insert leaves: seq 2 taken, no message.
    await c.counters.updateOne({ _id: channelId }, { $inc: { seq: 1 }, $set: { at: new Date() } });
    expect((await store.page(channelId, {}, 10)).messages.map((m) => m.seq)).toEqual([1]); // maybe still in flight
    await c.counters.updateOne({ _id: channelId }, { $set: { at: old() } });
    const page = await store.page(channelId, { afterSeq: 0 }, 10);
    expect(page.messages.map((m) => [m.seq, m.kind, m.body, m.deletedAt !== null])).toEqual([
      [1, "user", "hi", false],
      [2, "system", "", true],
    ]);
    expect((await store.append(draft(channelId))).message.seq).toBe(3);
  });

  it("lets the retry of an append whose process died holding its claim take the claim over and land once", async () => {
    const channelId = newId();
    const retried = draft(channelId, "retried");
    await c.claims.insertOne({ _id: claimKey(channelId, alice, "retried"), channelId, owner: "dead", at: old() });
    const [one, two] = await Promise.all([store.append(retried), store.append(retried)]);
    expect([one!.created, two!.created].sort()).toEqual([false, true]);
    expect(one!.message.id).toBe(two!.message.id);
    expect((await store.page(channelId, {}, 10)).messages.map((m) => m.seq)).toEqual([1]);
    expect(await c.claims.countDocuments({ channelId })).toBe(0);
  });

  it("refuses a stalled appender the seq a filler took, and its retry lands at the next seq", async () => {
    const channelId = newId();
    await c.counters.insertOne({ _id: channelId, seq: 1, at: old() }); // seq 1 taken long ago, never stored
    expect((await store.page(channelId, {}, 10)).messages.map((m) => [m.seq, m.kind])).toEqual([[1, "system"]]);
    // The stalled appender's insert at seq 1, when it finally comes, collides with the placeholder.
    const late = { ...gapPlaceholder(newId(), channelId, 1, new Date()), kind: "user" as const, clientId: "stalled", authorId: alice, deletedAt: null };
    await expect(c.messages.insertOne(late)).rejects.toMatchObject({ code: 11000 });
    expect(await store.append(draft(channelId, "stalled"))).toMatchObject({ created: true, message: { seq: 2 } });
  });
});
