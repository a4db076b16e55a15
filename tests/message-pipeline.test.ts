import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { setEventSink, type EventSink } from "@/server/events/sink";
import { getMessageStore, setMessageStore } from "@/server/messages";
import { addAfterCommitHook, postCommitted, postMessage, type Posted } from "@/server/messages/pipeline";
import type { MessageStore } from "@/server/messages/store";
import { requireChannelAccess } from "@/server/services/access";
import { listMessages } from "@/server/services/messages";
import { createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

/** Posting: the store's append, then the after-commit hooks, in order, once per stored message. */
describe.each(dialects)("message pipeline on %s", (dialect) => {
  let drop: () => Promise<void>;
  let alice: UserSummary;
  let channel: ChannelSummary;
  const removals: Array<() => void> = [];
  const seen: Posted[] = [];
  let n = 0;
  const cid = () => `pipe-${n++}`;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    alice = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
  });
  afterEach(() => {
    while (removals.length) removals.pop()!();
    seen.length = 0;
    setMessageStore(undefined);
    setEventSink(undefined);
  });
  afterAll(async () => {
    await drop?.();
  });

  async function newChannel() {
    const { space } = await createSpace(alice.id, { name: "Pipes" });
    return requireChannelAccess(alice.id, space.defaultChannelId!);
  }
  const watch = (hook: (p: Posted) => void) => removals.push(addAfterCommitHook(hook));

  it("runs each hook once per stored message, in seq order, after the broadcast; a repeat runs none", async () => {
    channel = await newChannel();
    const order: string[] = [];
    const recording: EventSink = {
      publish: (_room, event, ...args) => {
        if (event === "message:new") order.push(`broadcast:${(args[0] as { seq: number }).seq}`);
      },
      publishExcept: () => undefined,
      join: () => undefined,
      leave: () => undefined,
      disconnectSessions: () => undefined,
    };
    setEventSink(recording);
    watch((p) => {
      seen.push(p);
      order.push(`first:${p.message.seq}`);
    });
    watch((p) => order.push(`second:${p.message.seq}`));
    const posts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postMessage(channel, { author: alice, clientId: `c${i}`, body: `m${i}` })),
    );
    expect(posts.every((p) => p.created)).toBe(true);
    expect(seen.map((p) => p.message.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(order.slice(0, 6)).toEqual(["broadcast:1", "first:1", "second:1", "broadcast:2", "first:2", "second:2"]);
    expect(order.filter((o) => o.startsWith("broadcast:"))).toEqual(Array.from({ length: 12 }, (_, i) => `broadcast:${i + 1}`));
    const repeat = await postMessage(channel, { author: alice, clientId: "c3", body: "again" });
    expect(repeat.created).toBe(false);
    expect(repeat.message).toMatchObject({ seq: posts.find((p) => p.message.clientId === "c3")!.message.seq, body: "m3" });
    expect(seen).toHaveLength(12);
  });

  it("a hook that throws or rejects is logged; later hooks still run and the post still succeeds", async () => {
    channel = await newChannel();
    watch(() => {
      throw new Error("boom");
    });
    watch(async () => {
      throw new Error("async boom");
    });
    watch((p) => seen.push(p));
    const { message, created } = await postMessage(channel, { author: alice, clientId: cid(), body: "still here" });
    expect(created).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.map((p) => p.message.id)).toEqual([message.id]);
    expect((await listMessages(alice.id, channel.id)).messages.map((m) => m.body)).toEqual(["still here"]);
  });

  it("a system message posted again with its deterministic clientId is stored once", async () => {
    channel = await newChannel();
    watch((p) => seen.push(p));
    const draft = { author: alice, clientId: "sys:left:1700000000000", body: "", system: { type: "left" as const, actor: alice } };
    const first = await postCommitted(channel, draft);
    const again = await postCommitted(channel, draft);
    expect(again.id).toBe(first.id);
    expect(seen).toHaveLength(1);
    expect((await listMessages(alice.id, channel.id)).messages).toHaveLength(1);
  });

  it("a system message whose append committed but reported a failure is retried, stored once and broadcast once", async () => {
    channel = await newChannel();
    watch((p) => seen.push(p));
    const real = await getMessageStore();
    let failures = 0;
    // The reply of a committed append is lost (a dropped connection after COMMIT).
    const flaky: MessageStore = {
      ...real,
      append: async (draft, options) => {
        const result = await real.append(draft, options);
        if (failures++ === 0) throw new Error("connection lost");
        return result;
      },
    };
    setMessageStore(flaky);
    const draft = { author: alice, clientId: "sys:created", body: "", system: { type: "created" as const, actor: alice, name: "" } };
    const message = await postCommitted(channel, draft);
    expect(failures).toBe(2);
    expect((await listMessages(alice.id, channel.id)).messages.map((m) => m.id)).toEqual([message.id]);
    expect(seen.map((p) => p.message.id)).toEqual([message.id]);
  });

  it("gives up after three failed attempts and reports the failure", async () => {
    channel = await newChannel();
    const real = await getMessageStore();
    let attempts = 0;
    setMessageStore({
      ...real,
      append: async () => {
        attempts++;
        throw new Error("database down");
      },
    });
    const draft = { author: alice, clientId: "sys:renamed:x", body: "", system: { type: "renamed" as const, actor: alice, name: "n" } };
    await expect(postCommitted(channel, draft)).rejects.toThrow("database down");
    expect(attempts).toBe(3);
  });
});
