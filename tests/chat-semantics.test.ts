import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { clientPayloads, type ChatMessage, type ClientEvent } from "@/lib/realtime/contract";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { inProcess } from "@/server/scale";
import { listMessages } from "@/server/services/messages";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, BULK_SENDS, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

function collect(socket: TestSocket) {
  const got: ChatMessage[] = [];
  socket.on("message:new", (m) => got.push(m));
  return got;
}

/** Resolves when `list` has `n` entries (events arrive asynchronously). */
async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(dialects)("chat semantics over real sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let channelId: string;
  const members: Array<{ id: string; name: string; socket: TestSocket }> = [];
  let outsider: { id: string; socket: TestSocket };
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    // load tests here; the limit is tested in messages.test.ts
    server = await startRealtime({ scale: { ...inProcess(), sendLimiter: memoryRateLimiter(10_000, 10_000) }, limits: BULK_SENDS });
    const owner = await signUp({ email: "owner@example.test", password: "owner-pass-1", name: "Owner" });
    const { space } = await createSpace(owner.id, { name: "Busy" });
    channelId = space.defaultChannelId!;
    const { code } = await createInvite(owner.id, space.id);
    for (let i = 0; i < 12; i++) {
      const user = i === 0 ? owner : await signUp({ email: `m${i}@example.test`, password: `member-pass-${i}`, name: `M${i}` });
      if (i > 0) await acceptInvite(user.id, code);
      const socket = await connectAs(server, await sessionCookie(user.id));
      sockets.push(socket);
      members.push({ id: user.id, name: user.name, socket });
      expect((await ask(socket, "channel:join", { channelId })).ok).toBe(true);
    }
    const eve = await signUp({ email: "eve@example.test", password: "eve-pass-123", name: "Eve" });
    outsider = { id: eve.id, socket: await connectAs(server, await sessionCookie(eve.id)) };
    sockets.push(outsider.socket);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    setSendLimiter(undefined);
    await server?.close();
    await drop?.();
  });

  it("with 10 concurrent senders every receiver sees strictly increasing, gap-free seqs, and history equals live order", async () => {
    const receivers = members.slice(10, 12).map((m) => ({ ...m, got: collect(m.socket) }));
    const senders = members.slice(0, 10);
    const perSender = 15;
    const start = (await listMessages(members[0]!.id, channelId)).messages.at(-1)?.seq ?? 0;
    await Promise.all(
      senders.map((s, i) =>
        Promise.all(
          Array.from({ length: perSender }, (_, k) =>
            ask(s.socket, "message:send", { channelId, clientId: `c-${i}-${k}-ordering`, body: `${i}:${k}` }),
          ),
        ),
      ),
    );
    const total = senders.length * perSender;
    for (const r of receivers) {
      await until(() => r.got.length >= total, `${total} messages at ${r.name}`);
      expect(r.got.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    }
    const history = await ask(receivers[0]!.socket, "message:list", { channelId, afterSeq: start });
    expect(history.ok && history.messages.map((m) => m.id)).toEqual(receivers[0]!.got.slice(0, LIMITS.historyPageSize).map((m) => m.id));
    // each sender's own messages keep the order it sent them in
    for (let i = 0; i < senders.length; i++) {
      const mine = receivers[0]!.got.filter((m) => m.body.startsWith(`${i}:`)).map((m) => Number(m.body.split(":")[1]));
      expect(mine).toHaveLength(perSender);
    }
  });

  it("the same clientId sent 5 times at once stores one message and answers five identical acks", async () => {
    const alice = members[1]!;
    const other = collect(members[2]!.socket);
    const acks = await Promise.all(
      Array.from({ length: 5 }, () => ask(alice.socket, "message:send", { channelId, clientId: "same-client-id-x5", body: "once" })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    const stored = (await listMessages(alice.id, channelId, { afterSeq: 0 }, LIMITS.catchUpMax)).messages.filter(
      (m) => m.clientId === "same-client-id-x5",
    );
    expect(stored).toHaveLength(1);
    await ask(members[2]!.socket, "message:list", { channelId, afterSeq: 0 }); // a round trip: broadcasts have landed
    expect(other.filter((m) => m.clientId === "same-client-id-x5")).toHaveLength(1);
  });

  // Catch-up is by seq: what matters is how many messages were missed. At a lively 2 messages
  // a second, 10 s, 60 s and 5 min offline miss about 20, 120 and 600 messages.
  it.each([
    ["10 s", 20],
    ["60 s", 120],
    ["5 min", 600],
  ])("a client offline for %s while others chat ends with the database's history, in order", async (_label, missed) => {
    const me = members[11]!;
    const held = (await ask(me.socket, "channel:join", { channelId })).ok ? (await listMessages(me.id, channelId)).messages.at(-1)!.seq : 0;
    me.socket.disconnect();
    const talkers = members.slice(0, 4);
    for (let k = 0; k < missed; k += talkers.length) {
      await Promise.all(
        talkers.map((t, i) =>
          ask(t.socket, "message:send", { channelId, clientId: `off-${missed}-${k}-${i}`, body: `while away ${k + i}` }),
        ),
      );
    }
    const reconnected = await connectAs(server, await sessionCookie(me.id));
    sockets.push(reconnected);
    members[11] = { ...me, socket: reconnected };
    const ack = await ask(reconnected, "channel:join", { channelId, afterSeq: held });
    if (!ack.ok) throw new Error(ack.error.message);
    const db = (await listMessages(me.id, channelId, { afterSeq: 0 }, 10_000)).messages;
    let view: ChatMessage[];
    if (missed <= LIMITS.catchUpMax) {
      expect(ack.reset).toBe(false);
      view = ack.messages;
      expect(view.map((m) => m.seq)).toEqual(db.filter((m) => m.seq > held).map((m) => m.seq));
    } else {
      // Past the bound the client starts over from the newest page and pages back.
      expect(ack.reset).toBe(true);
      view = ack.messages;
      while (view[0]!.seq > held + 1) {
        const page = await ask(reconnected, "message:list", { channelId, beforeSeq: view[0]!.seq });
        if (!page.ok) throw new Error(page.error.message);
        view = [...page.messages, ...view];
      }
      view = view.filter((m) => m.seq > held);
    }
    expect(view.map((m) => m.id)).toEqual(db.filter((m) => m.seq > held).map((m) => m.id));
    expect(view).toHaveLength(Math.ceil(missed / 4) * 4);
  });

  it("authorizes every client event against a channel the user is not in: nothing stored, nothing delivered", async () => {
    const heard: string[] = [];
    outsider.socket.onAny((event) => heard.push(event));
    const target = await ask(members[0]!.socket, "message:send", { channelId, clientId: "target-of-outsider", body: "not yours" });
    if (!target.ok) throw new Error(target.error.message);
    const messageId = target.message.id;
    const before = (await listMessages(members[0]!.id, channelId, { afterSeq: 0 }, 10_000)).messages.length;
    const attempts: { [E in ClientEvent]: unknown } = {
      "channel:join": { channelId },
      "channel:leave": { channelId },
      "message:list": { channelId, beforeSeq: 10 },
      "message:send": { channelId, clientId: "outsider-send-1", body: "let me in" },
      "message:search": { text: "not yours", channelId },
      "message:edit": { channelId, messageId, body: "defaced" },
      "message:delete": { channelId, messageId },
      "linkPreview:remove": { channelId, messageId, urlHash: "a".repeat(64) },
      "reaction:toggle": { channelId, messageId, emoji: "👍" },
      "read:mark": { channelId, seq: 1 },
      "typing:start": { channelId },
      "presence:watch": { userIds: [members[0]!.id] },
      "presence:idle": { idle: false },
      "rtc:join": { channelId, media: { mic: true, camera: true, screen: false } },
      "rtc:leave": { channelId },
      "rtc:signal": { channelId, to: members[0]!.socket.id, data: { type: "offer", sdp: "v=0" } },
      "rtc:media": { channelId, media: { mic: false, camera: false, screen: false } },
      "call:decline": { channelId },
      "study:timer": { action: "get" },
      "study:statuses": { userIds: [members[0]!.id] },
      "studyRoom:watch": { channelId, present: true },
      "studyRoom:leave": { channelId },
      "studyRoom:control": { channelId, action: "start", version: 0 },
      "studyRoom:activity": { channelId },
    };
    expect(Object.keys(attempts).sort()).toEqual(Object.keys(clientPayloads).sort()); // every event is tried
    for (const [event, payload] of Object.entries(attempts)) {
      const ack = await (outsider.socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
        event,
        payload,
      );
      if (event === "channel:leave" || event === "rtc:leave" || event === "studyRoom:leave")
        expect(ack).toEqual({ ok: true }); // leaving what you are not in changes nothing
      else if (event === "presence:watch")
        expect(ack).toEqual({ ok: true, statuses: {} }); // a stranger's presence is not shown
      else if (event === "presence:idle")
        expect(ack).toEqual({ ok: true }); // one's own state
      else if (event === "study:timer")
        expect(ack).toMatchObject({ ok: true, timer: null }); // one's own timer
      else if (event === "study:statuses")
        expect(ack).toMatchObject({ ok: true, statuses: {} }); // a stranger's study is not shown
      else if (event === "studyRoom:activity")
        expect(ack).toMatchObject({ ok: false, error: { code: "room_not_joined" } }); // only a socket in the room reports
      else expect(ack, event).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    await ask(members[0]!.socket, "typing:start", { channelId });
    await ask(members[0]!.socket, "message:send", { channelId, clientId: "members-only-01", body: "members only" });
    await ask(outsider.socket, "channel:leave", { channelId }); // a round trip
    expect(heard).toEqual([]);
    const after = (await listMessages(members[0]!.id, channelId, { afterSeq: 0 }, 10_000)).messages;
    expect(after.length).toBe(before + 1);
    expect(after.find((m) => m.id === messageId)).toMatchObject({ body: "not yours", editedAt: null, deletedAt: null, reactions: [] });
  });

  it("relays typing to the others in the channel, not back to the typist, at most once per throttle window", async () => {
    const [a, b, c] = members.slice(5, 8); // members who have not typed in this suite yet
    const seen: string[] = [];
    const own: string[] = [];
    b!.socket.on("typing", (e) => seen.push(e.user.name));
    a!.socket.on("typing", (e) => own.push(e.user.name));
    await ask(a!.socket, "typing:start", { channelId });
    await ask(a!.socket, "typing:start", { channelId });
    await ask(c!.socket, "typing:start", { channelId });
    await ask(b!.socket, "message:list", { channelId, beforeSeq: 1 }); // a round trip
    expect(seen.filter((n) => n === a!.name)).toHaveLength(1);
    expect(seen).toContain(c!.name);
    expect(own.filter((n) => n === a!.name)).toEqual([]);
    // sending a message ends the notice, so typing the next one is relayed at once
    await ask(a!.socket, "message:send", { channelId, clientId: "typing-then-send", body: "done typing" });
    await ask(a!.socket, "typing:start", { channelId });
    await ask(b!.socket, "message:list", { channelId, beforeSeq: 1 }); // a round trip
    expect(seen.filter((n) => n === a!.name)).toHaveLength(2);
  });

  it("broadcasts read cursors to the channel when a member reads", async () => {
    const [a, b] = members;
    const updates: Array<{ userId: string; lastReadSeq: number }> = [];
    a!.socket.on("read:update", (e) => updates.push({ userId: e.userId, lastReadSeq: e.lastReadSeq }));
    const sent = await ask(a!.socket, "message:send", { channelId, clientId: "read-me-please-1", body: "read me" });
    if (!sent.ok) throw new Error("send failed");
    expect(await ask(b!.socket, "read:mark", { channelId, seq: sent.message.seq })).toEqual({ ok: true, lastReadSeq: sent.message.seq });
    await until(() => updates.some((u) => u.userId === b!.id), "a read update");
    expect(updates.find((u) => u.userId === b!.id)).toEqual({ userId: b!.id, lastReadSeq: sent.message.seq });
    const rejoin = await ask(a!.socket, "channel:join", { channelId });
    expect(rejoin.ok && rejoin.reads.find((r) => r.userId === b!.id)?.lastReadSeq).toBe(sent.message.seq);
  });

  it("a join overtaken by its own leave does not subscribe the socket", async () => {
    const m = members[9]!;
    const heard: ChatMessage[] = [];
    m.socket.on("message:new", (msg) => heard.push(msg));
    await ask(m.socket, "channel:leave", { channelId });
    const join = ask(m.socket, "channel:join", { channelId }); // not awaited: the leave overtakes it
    const leave = ask(m.socket, "channel:leave", { channelId });
    await Promise.all([join, leave]);
    await ask(members[0]!.socket, "message:send", { channelId, clientId: "after-the-leave-1", body: "not for m9" });
    await ask(m.socket, "message:list", { channelId, beforeSeq: 1 }); // a round trip
    expect(heard.filter((x) => x.clientId === "after-the-leave-1")).toEqual([]);
    expect((await ask(m.socket, "typing:start", { channelId })).ok).toBe(false); // no longer joined
  });

  it("caps every other event per socket, so edits, reactions and read marks cannot be spammed", async () => {
    const spammer = await connectAs(server, await sessionCookie(members[8]!.id));
    sockets.push(spammer);
    const acks = await Promise.all(Array.from({ length: LIMITS.eventBurst + 20 }, () => ask(spammer, "read:mark", { channelId, seq: 1 })));
    const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    expect(limited).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(LIMITS.eventBurst);
    // sends are not counted against it: they have their own per-user limit
    expect((await ask(spammer, "message:send", { channelId, clientId: "spammer-can-send", body: "still here" })).ok).toBe(true);
  });

  it("does not broadcast a read mark that moves nothing, and pages before seq 0 are empty", async () => {
    const [a, b] = members.slice(6, 8);
    const updates: number[] = [];
    a!.socket.on("read:update", (e) => e.userId === b!.id && updates.push(e.lastReadSeq));
    const sent = await ask(a!.socket, "message:send", { channelId, clientId: "mark-once-only", body: "x" });
    if (!sent.ok) throw new Error("send failed");
    await ask(b!.socket, "read:mark", { channelId, seq: sent.message.seq });
    await ask(b!.socket, "read:mark", { channelId, seq: sent.message.seq });
    await ask(b!.socket, "read:mark", { channelId, seq: 1 });
    await ask(a!.socket, "message:list", { channelId, beforeSeq: 1 }); // a round trip
    expect(updates).toEqual([sent.message.seq]);
    expect(await ask(a!.socket, "message:list", { channelId, beforeSeq: 0 })).toEqual({ ok: true, messages: [], hasMore: false });
  });
});
