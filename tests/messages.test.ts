import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { catchUp, listMessages, sendMessage } from "@/server/services/messages";
import { listReadCursors, markRead, readCursorOf, unreadCounts } from "@/server/services/reads";
import { acceptInvite, createInvite } from "@/server/services/spaces";
import { createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

let n = 0;
const cid = () => `client-${Date.now()}-${n++}`;

describe.each(dialects)("messages on %s", (dialect) => {
  let drop: () => Promise<void>;
  let alice: UserSummary;
  let stranger: UserSummary;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    setSendLimiter(memoryRateLimiter(10_000, 10_000)); // these tests send fast; the limit has its own test
    alice = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    stranger = await signUp({ email: "stranger@example.test", password: "stranger-pass-1", name: "Stranger" });
  });
  afterAll(async () => {
    setSendLimiter(undefined);
    await drop?.();
  });

  async function newChannel() {
    const { space } = await createSpace(alice.id, { name: "Chat" });
    return space.defaultChannelId!;
  }

  it("numbers messages 1, 2, 3… per channel and lists them in that order", async () => {
    const channelId = await newChannel();
    const other = await newChannel();
    for (const body of ["one", "two", "three"]) await sendMessage(alice, { channelId, clientId: cid(), body });
    await sendMessage(alice, { channelId: other, clientId: cid(), body: "elsewhere" });
    const { messages: history } = await listMessages(alice.id, channelId);
    expect(history.map((m) => [m.seq, m.body])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
    expect(history[0]!.author).toEqual({ id: alice.id, name: "Alice", image: null });
    expect((await listMessages(alice.id, other)).messages.map((m) => m.seq)).toEqual([1]);
  });

  it("gives concurrent sends distinct, gap-free seqs", async () => {
    const channelId = await newChannel();
    const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => sendMessage(alice, { channelId, clientId: cid(), body: `m${i}` })));
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("stores a send retried with the same clientId once, even five at a time, and returns the original", async () => {
    const channelId = await newChannel();
    const clientId = cid();
    const acks = await Promise.all(Array.from({ length: 5 }, () => sendMessage(alice, { channelId, clientId, body: "only once" })));
    expect(new Set(acks.map((a) => a.id)).size).toBe(1);
    expect(acks.every((a) => JSON.stringify(a) === JSON.stringify(acks[0]))).toBe(true);
    const again = await sendMessage(alice, { channelId, clientId, body: "only once" });
    expect(again).toEqual(acks[0]);
    expect((await listMessages(alice.id, channelId)).messages).toHaveLength(1);
  });

  it("trims the body and refuses empty or over-long text, storing nothing", async () => {
    const channelId = await newChannel();
    expect((await sendMessage(alice, { channelId, clientId: cid(), body: "  hi  " })).body).toBe("hi");
    await expect(sendMessage(alice, { channelId, clientId: cid(), body: "   " })).rejects.toMatchObject({ code: "validation", message: /^body: / });
    await expect(sendMessage(alice, { channelId, clientId: cid(), body: "가".repeat(LIMITS.messageMaxChars + 1) })).rejects.toMatchObject({
      name: "ZodError",
    });
    expect((await sendMessage(alice, { channelId, clientId: cid(), body: "가".repeat(LIMITS.messageMaxChars) })).body).toHaveLength(1000);
    expect((await listMessages(alice.id, channelId)).messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("keeps Korean and emoji intact", async () => {
    const channelId = await newChannel();
    await sendMessage(alice, { channelId, clientId: cid(), body: "안녕하세요 👋🏽 모임" });
    expect((await listMessages(alice.id, channelId)).messages[0]!.body).toBe("안녕하세요 👋🏽 모임");
  });

  it("pages back through older history by seq", async () => {
    const channelId = await newChannel();
    for (let i = 1; i <= LIMITS.historyPageSize + 5; i++) await sendMessage(alice, { channelId, clientId: cid(), body: `m${i}` });
    const latest = await listMessages(alice.id, channelId);
    expect(latest.messages).toHaveLength(LIMITS.historyPageSize);
    expect(latest.messages[0]!.seq).toBe(6);
    expect(latest.hasMore).toBe(true);
    const older = await listMessages(alice.id, channelId, { beforeSeq: 6 });
    expect(older).toEqual({ messages: expect.any(Array), hasMore: false });
    expect(older.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    const gap = await listMessages(alice.id, channelId, { afterSeq: 3 }, 4);
    expect(gap.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7]);
    expect(gap.hasMore).toBe(true);
    const tail = await listMessages(alice.id, channelId, { afterSeq: LIMITS.historyPageSize + 3 });
    expect(tail).toMatchObject({ hasMore: false });
    expect(tail.messages.map((m) => m.seq)).toEqual([LIMITS.historyPageSize + 4, LIMITS.historyPageSize + 5]);
  });

  it("a non-member can neither send to nor read a channel", async () => {
    const channelId = await newChannel();
    await expect(sendMessage(stranger, { channelId, clientId: cid(), body: "let me in" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listMessages(stranger.id, channelId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listMessages(alice.id, channelId)).messages).toEqual([]);
  });

  it("catches a reconnecting client up on exactly what it missed, or tells it to reset past the bound", async () => {
    const channelId = await newChannel();
    for (let i = 1; i <= 30; i++) await sendMessage(alice, { channelId, clientId: cid(), body: `m${i}` });
    const missed = await catchUp(alice.id, channelId, 12);
    expect(missed.reset).toBe(false);
    expect(missed.messages.map((m) => m.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 13));
    expect((await catchUp(alice.id, channelId, 30)).messages).toEqual([]);
    const fresh = await catchUp(alice.id, channelId, undefined);
    expect(fresh.reset).toBe(true);
    expect(fresh.messages.at(-1)!.seq).toBe(30);
    // a client claiming a seq from the future (another database, a bug) is reset, not trusted
    expect((await catchUp(alice.id, channelId, 99)).reset).toBe(true);
    await expect(catchUp(stranger.id, channelId, 0)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps read cursors per member that only move forward and never past the last message", async () => {
    const { space } = await createSpace(alice.id, { name: "Reads" });
    const channelId = space.defaultChannelId!;
    const bob = await signUp({ email: `bob-${cid()}@example.test`, password: "bob-pass-12", name: "Bob" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    for (let i = 1; i <= 5; i++) await sendMessage(alice, { channelId, clientId: cid(), body: `m${i}` });

    expect(await unreadCounts(bob.id, space.id)).toEqual({ [channelId]: 5 });
    expect(await markRead(bob.id, channelId, 3)).toBe(3);
    expect(await markRead(bob.id, channelId, 2)).toBe(3); // never back
    expect(await markRead(bob.id, channelId, 99)).toBe(5); // clamped
    expect(await readCursorOf(bob.id, channelId)).toBe(5);
    expect(await unreadCounts(bob.id, space.id)).toEqual({ [channelId]: 0 });
    const channel = {
      id: channelId,
      spaceId: space.id,
      name: "general",
      kind: "text" as const,
      lastSeq: 5,
      categoryId: null,
      isPrivate: false,
    };
    expect((await listReadCursors(channel)).sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [
        { userId: alice.id, lastReadSeq: 5 }, // her own sends moved her cursor
        { userId: bob.id, lastReadSeq: 5 },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );
    await expect(markRead(stranger.id, channelId, 1)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe.each(dialects)("the send rate limit on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());

  it("lets a burst through, then refuses with rate_limited while another user's messages flow, storing nothing refused", async () => {
    const flooder = await signUp({ email: "flood@example.test", password: "flood-pass-1", name: "Flood" });
    const calm = await signUp({ email: "calm@example.test", password: "calm-pass-12", name: "Calm" });
    const { space } = await createSpace(flooder.id, { name: "Flood" });
    const channelId = space.defaultChannelId!;
    await acceptInvite(calm.id, (await createInvite(flooder.id, space.id)).code);

    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: LIMITS.sendBurst + 10 }, (_, i) =>
        sendMessage(flooder, { channelId, clientId: `flood-${i}-xxxx`, body: `f${i}` }),
      ),
    );
    const refused = results.filter((r) => r.status === "rejected");
    const accepted = results.length - refused.length;
    // the burst, plus what refilled while the sends were being handled
    const refilled = Math.ceil(((Date.now() - started) / 1000) * LIMITS.sendPerSecond);
    expect(accepted).toBeGreaterThanOrEqual(LIMITS.sendBurst);
    expect(accepted).toBeLessThanOrEqual(LIMITS.sendBurst + refilled);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited" });
    // a refused send costs no lookup, so a retry of an accepted one is refused too while over
    // the limit; once the limit lets it through (as the client's outbox retries) it is answered
    // with the original, not stored again
    const first = results[0] as PromiseFulfilledResult<{ id: string }>;
    const retry = () => sendMessage(flooder, { channelId, clientId: "flood-0-xxxx", body: "f0" });
    await expect(retry()).rejects.toMatchObject({ code: "rate_limited" });
    let answered: { id: string } | undefined;
    while (!answered) {
      answered = await retry().catch((err: { code?: string }) => (err.code === "rate_limited" ? undefined : Promise.reject(err)));
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 50)); // poll until a token is back
    }
    expect(answered.id).toBe(first.value.id);

    expect((await sendMessage(calm, { channelId, clientId: "calm-1-xxxxx", body: "I can still talk" })).body).toBe("I can still talk");
    const { messages } = await listMessages(calm.id, channelId);
    expect(messages).toHaveLength(accepted + 1);
  });
});
