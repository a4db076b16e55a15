import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/server/ids";
import { createMongoMessageStore, ensureMongoIndexes, mongoCollections } from "@/server/messages/mongo/store";
import { createSqlMessageStore } from "@/server/messages/sql-store";
import type { MessageDraft, MessageStore } from "@/server/messages/store";
import { dialects, freshDatabase } from "./helpers/database";

/**
 * What every MessageStore must do, run against each one: the SQL store on SQLite always and on
 * MySQL/MariaDB when DATABASE_URL is set, the MongoDB store when MONGODB_URL is set (a fresh
 * database of its own on that server, dropped after). Without MONGODB_URL the MongoDB run is
 * not done, and this file says so: the MongoDB store is then unverified.
 * Each entry opens an empty store and makes channels in it the way that store needs them.
 */
const mongoUrl = process.env.MONGODB_URL;
interface StoreUnderTest {
  store: MessageStore;
  newChannel(): Promise<string>;
  close(): Promise<void>;
}

const entries: Array<[string, () => Promise<StoreUnderTest>]> = dialects.map((dialect) => [
  `sql store on ${dialect}`,
  async () => {
    const { database, drop } = await freshDatabase(dialect);
    return {
      store: createSqlMessageStore(database),
      // The SQL store counts seqs on the channel's row.
      async newChannel() {
        const id = newId();
        await database.db.insert(database.t.channels).values({ id, spaceId: null, name: "", kind: "group", createdAt: new Date() });
        return id;
      },
      close: drop,
    };
  },
]);
if (mongoUrl) {
  entries.push([
    "mongodb store",
    async () => {
      const client = new MongoClient(mongoUrl);
      const db = client.db(`moim_contract_${newId().replace(/-/g, "")}`);
      const collections = mongoCollections(db);
      await ensureMongoIndexes(collections);
      return {
        store: createMongoMessageStore(collections),
        // The MongoDB store's counter is made by the first append: a channel is just an id.
        newChannel: async () => newId(),
        close: async () => {
          await db.dropDatabase();
          await client.close();
        },
      };
    },
  ]);
} else {
  console.warn("MessageStore contract: the MongoDB run was NOT done (MONGODB_URL is not set), so the MongoDB store is unverified by this run.");
}

describe.each(entries)("MessageStore contract: %s", (_name, open) => {
  let subject: StoreUnderTest;
  let store: MessageStore;
  const alice = newId();
  const bob = newId();
  let n = 0;
  const draft = (channelId: string, over: Partial<MessageDraft> = {}): MessageDraft => ({
    channelId,
    authorId: alice,
    clientId: `c-${n++}`,
    body: `message ${n}`,
    kind: "user",
    ...over,
  });
  /** Appends bodies one after another; returns the messages. */
  const appendAll = async (channelId: string, bodies: string[], over: Partial<MessageDraft> = {}) => {
    const out = [];
    for (const body of bodies) out.push((await store.append(draft(channelId, { body, ...over }))).message);
    return out;
  };
  const tick = () => new Promise((r) => setTimeout(r, 5));

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it("numbers each channel's messages 1, 2, 3 … on its own and returns what it stored", async () => {
    const [a, b] = [await subject.newChannel(), await subject.newChannel()];
    const first = await store.append(draft(a, { body: "안녕 🎉", replyToId: null }));
    expect(first.created).toBe(true);
    expect(first.message).toMatchObject({ channelId: a, seq: 1, authorId: alice, body: "안녕 🎉", kind: "user", replyToId: null });
    expect(first.message).toMatchObject({ editedAt: null, deletedAt: null, reactions: [] });
    await appendAll(a, ["two", "three"]);
    await appendAll(b, ["elsewhere"]);
    const { messages } = await store.page(a, {}, 10);
    expect(messages.map((m) => [m.seq, m.body])).toEqual([
      [1, "안녕 🎉"],
      [2, "two"],
      [3, "three"],
    ]);
    expect(messages[0]).toEqual(first.message);
    expect((await store.page(b, {}, 10)).messages.map((m) => m.seq)).toEqual([1]);
  });

  it("appends (channel, author, clientId) once: a repeat returns the original and takes no seq", async () => {
    const channelId = await subject.newChannel();
    const original = await store.append(draft(channelId, { clientId: "same", body: "first" }));
    const repeat = await store.append(draft(channelId, { clientId: "same", body: "a different body" }));
    expect(repeat.created).toBe(false);
    expect(repeat.message).toEqual(original.message);
    // The same clientId from another author, or in another channel, is another message.
    const fromBob = await store.append(draft(channelId, { clientId: "same", authorId: bob }));
    expect(fromBob).toMatchObject({ created: true, message: { seq: 2, authorId: bob } });
    const other = await subject.newChannel();
    expect((await store.append(draft(other, { clientId: "same" }))).created).toBe(true);
    expect((await store.append(draft(channelId))).message.seq).toBe(3);
  });

  it("stores five simultaneous copies of one append once, and all five get the original", async () => {
    const channelId = await subject.newChannel();
    const copy = draft(channelId, { clientId: "doubled" });
    const results = await Promise.all(Array.from({ length: 5 }, () => store.append(copy)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect((await store.page(channelId, {}, 10)).messages.map((m) => m.seq)).toEqual([1]);
    expect((await store.append(draft(channelId))).message.seq).toBe(2);
  });

  it("gives concurrent appends distinct, gap-free seqs, each told to onSeq before the append returns", async () => {
    const channelId = await subject.newChannel();
    const told: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        store.append(draft(channelId, { body: `m${i}` }), {
          onSeq: (seq) => told.push(seq),
        }),
      ),
    );
    const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect([...told].sort((x, y) => x - y)).toEqual(seqs);
    expect((await store.page(channelId, { afterSeq: 0 }, 100)).messages.map((m) => m.seq)).toEqual(seqs);
  });

  it("in one burst, a repeat gets its original and an append to a missing channel fails alone; the rest get gap-free seqs", async () => {
    const channelId = await subject.newChannel();
    const original = await store.append(draft(channelId, { clientId: "stored-before" }));
    const burst = [
      store.append(draft(channelId, { body: "a" })),
      store.append(draft(channelId, { clientId: "stored-before", body: "a copy" })),
      store.append(draft(newId(), { body: "nowhere" })),
      store.append(draft(channelId, { body: "b" })),
    ];
    const settled = await Promise.allSettled(burst);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const [a, copy, , b] = settled.map((s) => (s.status === "fulfilled" ? s.value : null));
    expect(copy).toEqual({ message: original.message, created: false });
    expect([a!.message.seq, b!.message.seq].sort()).toEqual([2, 3]);
    expect((await store.page(channelId, { afterSeq: 0 }, 10)).messages.map((m) => m.body)).toEqual([original.message.body, "a", "b"]);
    expect((await store.append(draft(channelId))).message.seq).toBe(4);
  });

  it("pages by seq: the newest page, before a seq and after one, with hasMore exactly when cut short", async () => {
    const channelId = await subject.newChannel();
    await appendAll(
      channelId,
      Array.from({ length: 7 }, (_, i) => `p${i + 1}`),
    );
    const seqs = (page: { messages: { seq: number }[]; hasMore: boolean }) => [page.messages.map((m) => m.seq), page.hasMore];
    expect(seqs(await store.page(channelId, {}, 3))).toEqual([[5, 6, 7], true]);
    expect(seqs(await store.page(channelId, {}, 7))).toEqual([[1, 2, 3, 4, 5, 6, 7], false]);
    expect(seqs(await store.page(channelId, { beforeSeq: 5 }, 3))).toEqual([[2, 3, 4], true]);
    expect(seqs(await store.page(channelId, { beforeSeq: 4 }, 3))).toEqual([[1, 2, 3], false]);
    expect(seqs(await store.page(channelId, { beforeSeq: 1 }, 3))).toEqual([[], false]);
    expect(seqs(await store.page(channelId, { afterSeq: 0 }, 3))).toEqual([[1, 2, 3], true]);
    expect(seqs(await store.page(channelId, { afterSeq: 4 }, 3))).toEqual([[5, 6, 7], false]);
    expect(seqs(await store.page(channelId, { afterSeq: 7 }, 3))).toEqual([[], false]);
    expect(seqs(await store.page(await subject.newChannel(), {}, 3))).toEqual([[], false]);
  });

  it("gets messages by id and by clientId within their channel only", async () => {
    const [a, b] = [await subject.newChannel(), await subject.newChannel()];
    const [one, two] = await appendAll(a, ["one", "two"]);
    const [there] = await appendAll(b, ["there"]);
    const got = await store.get(a, [one!.id, two!.id, there!.id, "no-such-id"]);
    expect(got.map((m) => m.body).sort()).toEqual(["one", "two"]);
    expect(await store.get(a, [])).toEqual([]);
    expect(await store.findByClientId(a, alice, one!.clientId)).toEqual(one);
    expect(await store.findByClientId(b, alice, one!.clientId)).toBeNull();
    expect(await store.findByClientId(a, bob, one!.clientId)).toBeNull();
  });

  it("edits a standing message, and not a deleted one or one of another channel", async () => {
    const channelId = await subject.newChannel();
    const [message] = await appendAll(channelId, ["draft"]);
    const at = new Date(Date.now() + 1000);
    const edited = await store.edit(channelId, message!.id, "final", at);
    expect(edited).toMatchObject({ id: message!.id, seq: 1, body: "final", editedAt: at, updatedAt: at, deletedAt: null });
    expect(await store.edit(await subject.newChannel(), message!.id, "hijack", at)).toBeNull();
    expect(await store.edit(channelId, "no-such-id", "x", at)).toBeNull();
    await store.softDelete(channelId, message!.id, at);
    expect(await store.edit(channelId, message!.id, "after delete", at)).toBeNull();
    expect((await store.get(channelId, [message!.id]))[0]!.body).toBe("");
  });

  it("soft-deletes: the text and reactions go, the seq stays as a placeholder, a second delete finds nothing", async () => {
    const channelId = await subject.newChannel();
    const [message] = await appendAll(channelId, ["secret", "after"]);
    await store.toggleReaction(channelId, message!.id, bob, "👍", 20);
    const at = new Date();
    const deleted = await store.softDelete(channelId, message!.id, at);
    expect(deleted).toMatchObject({ seq: 1, body: "", deletedAt: at, updatedAt: at, reactions: [] });
    expect(await store.softDelete(channelId, message!.id, new Date())).toBeNull();
    expect((await store.page(channelId, {}, 10)).messages.map((m) => [m.seq, m.body])).toEqual([
      [1, ""],
      [2, "after"],
    ]);
  });

  it("toggles reactions per user and emoji, grouped by emoji in order of their earliest reaction, at most maxDistinct emoji", async () => {
    const channelId = await subject.newChannel();
    const [message] = await appendAll(channelId, ["react to me"]);
    const id = message!.id;
    expect(await store.toggleReaction(channelId, id, alice, "👍", 2)).toMatchObject({ ok: true, added: true });
    await tick();
    await store.toggleReaction(channelId, id, bob, "🎉", 2);
    await tick();
    const third = await store.toggleReaction(channelId, id, bob, "👍", 2);
    expect(third).toMatchObject({ ok: true, added: true });
    expect(third.ok && third.message.reactions).toEqual([
      { emoji: "👍", userIds: [alice, bob] },
      { emoji: "🎉", userIds: [bob] },
    ]);
    // A third different emoji is one too many; one already there is not.
    expect(await store.toggleReaction(channelId, id, alice, "❤️", 2)).toEqual({ ok: false, reason: "too_many" });
    const removed = await store.toggleReaction(channelId, id, alice, "👍", 2);
    expect(removed).toMatchObject({ ok: true, added: false });
    // Ordered by the earliest reaction still there: Bob's 🎉 came before his 👍.
    expect(removed.ok && removed.message.reactions).toEqual([
      { emoji: "🎉", userIds: [bob] },
      { emoji: "👍", userIds: [bob] },
    ]);
    // Reactions are told apart exactly (no collation folds one emoji into another).
    expect(await store.toggleReaction(channelId, id, alice, "🎉", 2)).toMatchObject({ ok: true, added: true });
    expect(await store.toggleReaction(channelId, "no-such-id", alice, "👍", 2)).toEqual({ ok: false, reason: "gone" });
    await store.softDelete(channelId, id, new Date());
    expect(await store.toggleReaction(channelId, id, alice, "👍", 2)).toEqual({ ok: false, reason: "gone" });
  });

  it("lists what changed since a time, up to a seq, oldest change first, the newest `limit` of them", async () => {
    const channelId = await subject.newChannel();
    const [m1, m2, m3, m4] = await appendAll(channelId, ["1", "2", "3", "4"]);
    await tick();
    const since = new Date();
    await tick();
    await store.edit(channelId, m3!.id, "3 edited", new Date());
    await tick();
    await store.toggleReaction(channelId, m1!.id, bob, "👍", 20);
    await tick();
    await store.softDelete(channelId, m2!.id, new Date());
    await tick();
    await store.edit(channelId, m4!.id, "4 edited", new Date());
    const changed = await store.changesSince(channelId, 3, since, 10);
    expect(changed.map((m) => m.seq)).toEqual([3, 1, 2]);
    expect(changed[1]!.reactions).toEqual([{ emoji: "👍", userIds: [bob] }]);
    expect((await store.changesSince(channelId, 4, since, 2)).map((m) => m.seq)).toEqual([2, 4]);
    expect(await store.changesSince(channelId, 4, new Date(Date.now() + 60_000), 10)).toEqual([]);
  });

  it("gives the last message of many channels at once, leaving out channels without one", async () => {
    const [a, b, empty] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
    await appendAll(a, ["a1", "a2"]);
    await appendAll(b, ["b1"], { kind: "system", authorId: bob });
    const last = await store.lastOfChannels([a, b, empty]);
    expect([...last.keys()].sort()).toEqual([a, b].sort());
    expect(last.get(a)).toMatchObject({ seq: 2, body: "a2" });
    expect(last.get(b)).toMatchObject({ seq: 1, body: "b1", kind: "system", authorId: bob });
    expect((await store.lastOfChannels([])).size).toBe(0);
  });

  it("counts unread messages past each cursor, and with authorIds only those authors' user messages", async () => {
    const [a, b, quiet] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
    await appendAll(a, ["1", "2"]);
    await appendAll(a, ["3", "4", "5"], { authorId: bob });
    await appendAll(a, ["bob joined"], { authorId: bob, kind: "system" });
    await appendAll(b, ["1", "2", "3"], { authorId: bob });
    await appendAll(quiet, ["1"]);
    const cursors = [
      { channelId: a, lastReadSeq: 1 },
      { channelId: b, lastReadSeq: 0 },
      { channelId: quiet, lastReadSeq: 1 },
    ];
    const all = await store.unreadCounts(cursors);
    expect(Object.fromEntries(all)).toEqual({ [a]: 5, [b]: 3 });
    expect(Object.fromEntries(await store.unreadCounts(cursors, { authorIds: [bob] }))).toEqual({ [a]: 3, [b]: 3 });
    expect((await store.unreadCounts(cursors, { authorIds: [] })).size).toBe(0);
    expect((await store.unreadCounts([])).size).toBe(0);
  });

  it("says which of the (channel, author) pairs asked have a user message, a deleted one too, and no system message", async () => {
    const [a, b, c] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
    const carol = newId();
    await appendAll(a, ["hi"]);
    await appendAll(a, ["hello"], { authorId: bob });
    const [deleted] = await appendAll(b, ["oops"], { authorId: bob });
    await store.softDelete(b, deleted!.id, new Date());
    await appendAll(b, ["carol joined"], { authorId: carol, kind: "system" });
    await appendAll(c, ["only here"], { authorId: carol });
    const pairs = [
      { channelId: a, authorId: alice },
      { channelId: a, authorId: bob },
      { channelId: a, authorId: carol }, // wrote, but elsewhere
      { channelId: b, authorId: alice }, // wrote, but elsewhere
      { channelId: b, authorId: bob }, // deleted: still spoke
      { channelId: b, authorId: carol }, // only a system message
    ];
    const key = (p: { channelId: string; authorId: string }) => `${p.channelId} ${p.authorId}`;
    expect((await store.wroteIn(pairs)).map(key).sort()).toEqual([pairs[0]!, pairs[1]!, pairs[4]!].map(key).sort());
    expect(await store.wroteIn([])).toEqual([]);
  });

  it("deletes a channel's messages and reactions, and only that channel's", async () => {
    const [gone, kept] = [await subject.newChannel(), await subject.newChannel()];
    const [doomed] = await appendAll(gone, ["1", "2"]);
    await store.toggleReaction(gone, doomed!.id, bob, "👍", 20);
    const [stays] = await appendAll(kept, ["stays"]);
    await store.toggleReaction(kept, stays!.id, bob, "👍", 20);
    await store.deleteChannels([gone]);
    expect((await store.page(gone, {}, 10)).messages).toEqual([]);
    expect(await store.get(gone, [doomed!.id])).toEqual([]);
    expect(await store.findByClientId(gone, alice, doomed!.clientId)).toBeNull();
    const [after] = (await store.page(kept, {}, 10)).messages;
    expect(after).toMatchObject({ body: "stays", reactions: [{ emoji: "👍", userIds: [bob] }] });
    await store.deleteChannels([]);
  });
  it("gives the last seq of each channel asked for, 0 for one without messages", async () => {
    const [a, b, empty] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
    await appendAll(a, ["1", "2", "3"]);
    await appendAll(b, ["1"]);
    await store.append(draft(a, { clientId: "again" }));
    await store.append(draft(a, { clientId: "again" })); // a repeat takes no seq
    expect(Object.fromEntries(await store.lastSeqs([a, b, empty]))).toEqual({ [a]: 4, [b]: 1, [empty]: 0 });
    expect((await store.lastSeqs([])).size).toBe(0);
  });

  it("searches standing user messages (regex and LIKE characters as plain text) of the given channels by case-insensitive substring, newest first, with every filter", async () => {
    const [a, b, unseen] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
    const before = new Date(Date.now() - 1);
    const [m1] = await appendAll(a, ["지난주과제 끝"]);
    await tick();
    const [m2] = await appendAll(b, ["과제물 제출: https://example.com/x"], { authorId: bob });
    await tick();
    const [m3] = await appendAll(a, ["Homework 과제 (a.b*c)?"]);
    await tick();
    await appendAll(a, ["과제 system"], { kind: "system" });
    const [gone] = await appendAll(a, ["과제 deleted"]);
    await store.softDelete(a, gone!.id, new Date());
    await appendAll(unseen, ["과제 elsewhere"]);
    const ids = (r: { messages: { id: string }[] }) => r.messages.map((m) => m.id);
    const base = { channelIds: [a, b], text: "과제", limit: 10 };
    expect(ids(await store.search(base))).toEqual([m3!.id, m2!.id, m1!.id]);
    expect(ids(await store.search({ ...base, text: "HOMEWORK" }))).toEqual([m3!.id]);
    // The text is matched literally, not as a pattern.
    expect(ids(await store.search({ ...base, text: "(a.b*c)?" }))).toEqual([m3!.id]);
    expect(ids(await store.search({ ...base, text: "a.b.c" }))).toEqual([]);
    expect(ids(await store.search({ ...base, text: "100%" }))).toEqual([]);
    expect(ids(await store.search({ ...base, authorId: bob }))).toEqual([m2!.id]);
    expect(ids(await store.search({ ...base, excludeAuthorIds: [bob] }))).toEqual([m3!.id, m1!.id]);
    expect(ids(await store.search({ ...base, hasLink: true }))).toEqual([m2!.id]);
    expect(ids(await store.search({ ...base, after: m2!.createdAt }))).toEqual([m3!.id]); // strictly after
    expect(ids(await store.search({ ...base, before: m2!.createdAt }))).toEqual([m1!.id]);
    expect(ids(await store.search({ ...base, before }))).toEqual([]);
    expect(await store.search({ ...base, channelIds: [] })).toEqual({ messages: [], hasMore: false });
    const first = await store.search({ ...base, limit: 2 });
    expect([ids(first), first.hasMore]).toEqual([[m3!.id, m2!.id], true]);
    const next = await store.search({ ...base, limit: 2, below: { createdAt: m2!.createdAt, id: m2!.id } });
    expect([ids(next), next.hasMore]).toEqual([[m1!.id], false]);
  });

  describe("search", () => {
    const bodies = (r: { messages: Array<{ body: string }> }) => r.messages.map((x) => x.body);

    it("finds a case-insensitive substring, Korean included, of any length from 1 character, newest first", async () => {
      const channelId = await subject.newChannel();
      await appendAll(channelId, ["이번 과제물 제출", "과자 먹자", "지난주과제 어려웠다", "Hello WORLD", "100% done", "a_b", 'say "hi"']);
      const find = (text: string) => store.search({ channelIds: [channelId], text, limit: 10 }).then(bodies);
      expect(await find("과제")).toEqual(["지난주과제 어려웠다", "이번 과제물 제출"]);
      expect(await find("과제물")).toEqual(["이번 과제물 제출"]);
      expect(await find("주과제")).toEqual(["지난주과제 어려웠다"]);
      expect(await find("과")).toEqual(["지난주과제 어려웠다", "과자 먹자", "이번 과제물 제출"]);
      expect(await find("world")).toEqual(["Hello WORLD"]);
      expect(await find("Wo")).toEqual(["Hello WORLD"]);
      expect(await find("hello world")).toEqual(["Hello WORLD"]);
      // LIKE's and FTS5's own characters are plain text.
      expect(await find("0%")).toEqual(["100% done"]);
      expect(await find("%")).toEqual(["100% done"]);
      expect(await find("_")).toEqual(["a_b"]);
      expect(await find('"hi"')).toEqual(['say "hi"']);
      expect(await find('"')).toEqual(['say "hi"']);
      expect(await find("과제물 제출 없음")).toEqual([]);
    });

    it("searches only the channels it is given", async () => {
      const [mine, other] = [await subject.newChannel(), await subject.newChannel()];
      await appendAll(mine, ["우리 과제"]);
      await appendAll(other, ["남의 과제", "남의 과제물"]);
      expect(bodies(await store.search({ channelIds: [mine], text: "과제", limit: 10 }))).toEqual(["우리 과제"]);
      expect(bodies(await store.search({ channelIds: [mine], text: "남의 과제", limit: 10 }))).toEqual([]);
      expect(bodies(await store.search({ channelIds: [], text: "과제", limit: 10 }))).toEqual([]);
      expect(bodies(await store.search({ channelIds: [mine, other], text: "과제", limit: 10 }))).toEqual(["남의 과제물", "남의 과제", "우리 과제"]);
    });

    it("leaves out deleted and system messages, and finds an edited one by its new text only", async () => {
      const channelId = await subject.newChannel();
      const [gone, edited] = await appendAll(channelId, ["과제 지울 것", "과제 고칠 것"]);
      await appendAll(channelId, ['{"type":"joined","과제":1}'], { kind: "system" });
      await store.softDelete(channelId, gone!.id, new Date());
      await store.edit(channelId, edited!.id, "숙제 고쳤음", new Date());
      const find = (text: string) => store.search({ channelIds: [channelId], text, limit: 10 }).then(bodies);
      expect(await find("과제")).toEqual([]);
      expect(await find("지울 것")).toEqual([]);
      expect(await find("고칠")).toEqual([]);
      expect(await find("숙제 고쳤")).toEqual(["숙제 고쳤음"]);
      expect(await find("joined")).toEqual([]);
      await store.deleteChannels([channelId]);
      expect(await find("숙제")).toEqual([]);
    });

    it("filters by author, left-out authors, dates and links", async () => {
      const channelId = await subject.newChannel();
      const [a1] = await appendAll(channelId, ["과제 one https://example.com/x"]);
      await tick();
      const [b1] = await appendAll(channelId, ["과제 two http://moim.test"], { authorId: bob });
      await tick();
      const [a2] = await appendAll(channelId, ["과제 three no link, just https:"]);
      const q = { channelIds: [channelId], text: "과제", limit: 10 };
      expect(bodies(await store.search({ ...q, authorId: bob }))).toEqual([b1!.body]);
      expect(bodies(await store.search({ ...q, excludeAuthorIds: [bob] }))).toEqual([a2!.body, a1!.body]);
      expect(bodies(await store.search({ ...q, excludeAuthorIds: [] }))).toHaveLength(3);
      expect(bodies(await store.search({ ...q, after: a1!.createdAt }))).toEqual([a2!.body, b1!.body]);
      expect(bodies(await store.search({ ...q, before: a2!.createdAt }))).toEqual([b1!.body, a1!.body]);
      expect(bodies(await store.search({ ...q, after: a1!.createdAt, before: a2!.createdAt }))).toEqual([b1!.body]);
      expect(bodies(await store.search({ ...q, hasLink: true }))).toEqual([b1!.body, a1!.body]);
      expect(bodies(await store.search({ ...q, hasLink: true, authorId: alice }))).toEqual([a1!.body]);
    });

    it("finds a word common to thousands of messages newest first, and only in the channels given", async () => {
      const [a, b, c] = [await subject.newChannel(), await subject.newChannel(), await subject.newChannel()];
      for (let i = 0; i < 2100; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, k) => store.append(draft([a, b, c][(i + k) % 3]!, { body: `공통과제 ${i + k}` }))),
        );
      }
      const { messages, hasMore } = await store.search({ channelIds: [a, b], text: "공통과제", limit: 30 });
      expect(hasMore).toBe(true);
      expect(messages).toHaveLength(30);
      expect(messages.every((x) => x.channelId === a || x.channelId === b)).toBe(true);
      const order = messages.map((x) => [x.createdAt.getTime(), x.id] as const);
      expect(order).toEqual([...order].sort((x, y) => y[0] - x[0] || (y[1] < x[1] ? -1 : y[1] > x[1] ? 1 : 0)));
      // The newest of those channels' matches are there: nothing newer was skipped.
      const all = [...(await store.page(a, {}, 1000)).messages, ...(await store.page(b, {}, 1000)).messages];
      const newest = all.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1)).slice(0, 30);
      expect(messages.map((x) => x.id)).toEqual(newest.map((x) => x.id));
    }, 180_000); // 2,100 appends: past the count at which SQLite walks newest first (sql-search.ts)

    it("pages newest first below the last result, with hasMore exactly when cut short", async () => {
      const channelId = await subject.newChannel();
      const all = await appendAll(channelId, ["과제 1", "과제 2", "과제 3", "과제 4", "과제 5"]);
      const seen: string[] = [];
      let below: { createdAt: Date; id: string } | undefined;
      const pages: boolean[] = [];
      for (;;) {
        const { messages, hasMore } = await store.search({ channelIds: [channelId], text: "과제", limit: 2, below });
        seen.push(...messages.map((x) => x.body));
        pages.push(hasMore);
        if (!hasMore) break;
        const last = messages.at(-1)!;
        below = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(all.map((x) => x.body).reverse());
      expect(pages).toEqual([true, true, false]);
      const [first] = (await store.search({ channelIds: [channelId], text: "과제 3", limit: 1 })).messages;
      expect(first).toEqual((await store.get(channelId, [all[2]!.id]))[0]);
    });
  });

  it("lists one channel's standing user messages with a link, newest first by seq, below a seq, without left-out authors", async () => {
    const [channelId, other] = [await subject.newChannel(), await subject.newChannel()];
    const [l1, , l2, gone, l3] = await appendAll(channelId, [
      "see https://example.com/a",
      "no link here, just https:",
      "[slides](http://moim.test/s.pdf) 보세요",
      "deleted https://gone.test",
      "last https://example.com/b",
    ]);
    const [fromBob] = await appendAll(channelId, ["bob's https://bob.test"], { authorId: bob });
    await store.append(draft(channelId, { kind: "system", body: '{"type":"renamed","url":"https://x.test"}' }));
    await appendAll(other, ["elsewhere https://other.test"]);
    await store.softDelete(channelId, gone!.id, new Date());
    const seqs = (r: { messages: Array<{ seq: number }> }) => r.messages.map((x) => x.seq);

    expect(seqs(await store.linkMessages({ channelId, limit: 10 }))).toEqual([fromBob!.seq, l3!.seq, l2!.seq, l1!.seq]);
    expect(seqs(await store.linkMessages({ channelId, limit: 10, excludeAuthorIds: [bob] }))).toEqual([l3!.seq, l2!.seq, l1!.seq]);
    const first = await store.linkMessages({ channelId, limit: 2 });
    expect([seqs(first), first.hasMore]).toEqual([[fromBob!.seq, l3!.seq], true]);
    const next = await store.linkMessages({ channelId, limit: 2, beforeSeq: l3!.seq });
    expect([seqs(next), next.hasMore]).toEqual([[l2!.seq, l1!.seq], false]);
    expect(next.messages[0]).toEqual((await store.get(channelId, [l2!.id]))[0]);
    expect(await store.linkMessages({ channelId, limit: 10, beforeSeq: l1!.seq })).toEqual({ messages: [], hasMore: false });
  });
});
