import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { listMessages, sendMessage } from "@/server/services/messages";
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
    alice = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    stranger = await signUp({ email: "stranger@example.test", password: "stranger-pass-1", name: "Stranger" });
  });
  afterAll(async () => drop?.());

  async function newChannel() {
    const { space } = await createSpace(alice.id, { name: "Chat" });
    return space.defaultChannelId!;
  }

  it("numbers messages 1, 2, 3… per channel and lists them in that order", async () => {
    const channelId = await newChannel();
    const other = await newChannel();
    for (const body of ["one", "two", "three"]) await sendMessage(alice, { channelId, clientId: cid(), body });
    await sendMessage(alice, { channelId: other, clientId: cid(), body: "elsewhere" });
    const history = await listMessages(alice.id, channelId);
    expect(history.map((m) => [m.seq, m.body])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
    expect(history[0]!.author).toEqual({ id: alice.id, name: "Alice", image: null });
    expect((await listMessages(alice.id, other)).map((m) => m.seq)).toEqual([1]);
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
    expect(await listMessages(alice.id, channelId)).toHaveLength(1);
  });

  it("trims the body and refuses empty or over-long text, storing nothing", async () => {
    const channelId = await newChannel();
    expect((await sendMessage(alice, { channelId, clientId: cid(), body: "  hi  " })).body).toBe("hi");
    await expect(sendMessage(alice, { channelId, clientId: cid(), body: "   " })).rejects.toMatchObject({ name: "ZodError" });
    await expect(sendMessage(alice, { channelId, clientId: cid(), body: "가".repeat(LIMITS.messageMaxChars + 1) })).rejects.toMatchObject({
      name: "ZodError",
    });
    expect((await sendMessage(alice, { channelId, clientId: cid(), body: "가".repeat(LIMITS.messageMaxChars) })).body).toHaveLength(1000);
    expect((await listMessages(alice.id, channelId)).map((m) => m.seq)).toEqual([1, 2]);
  });

  it("keeps Korean and emoji intact", async () => {
    const channelId = await newChannel();
    await sendMessage(alice, { channelId, clientId: cid(), body: "안녕하세요 👋🏽 모임" });
    expect((await listMessages(alice.id, channelId))[0]!.body).toBe("안녕하세요 👋🏽 모임");
  });

  it("pages back through older history by seq", async () => {
    const channelId = await newChannel();
    for (let i = 1; i <= LIMITS.historyPageSize + 5; i++) await sendMessage(alice, { channelId, clientId: cid(), body: `m${i}` });
    const latest = await listMessages(alice.id, channelId);
    expect(latest).toHaveLength(LIMITS.historyPageSize);
    expect(latest[0]!.seq).toBe(6);
    const older = await listMessages(alice.id, channelId, { beforeSeq: latest[0]!.seq });
    expect(older.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a non-member can neither send to nor read a channel", async () => {
    const channelId = await newChannel();
    await expect(sendMessage(stranger, { channelId, clientId: cid(), body: "let me in" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listMessages(stranger.id, channelId)).rejects.toMatchObject({ code: "forbidden" });
    expect(await listMessages(alice.id, channelId)).toEqual([]);
  });
});
