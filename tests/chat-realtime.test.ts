import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { clientPayloads, type ChatMessage } from "@/lib/realtime/contract";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

/** Collects what a socket receives of one event. */
function inbox<T>(socket: TestSocket, event: "message:new" | "space:memberJoined") {
  const got: T[] = [];
  socket.on(event, ((payload: T) => got.push(payload)) as never);
  return got;
}

/** Lets in-flight packets land before asserting that something did NOT arrive. */
async function settle(...sockets: TestSocket[]) {
  // A round trip per socket: anything emitted before it has been delivered by then.
  await Promise.all(sockets.map((s) => ask(s, "channel:leave", { channelId: "00000000-0000-7000-8000-000000000000" })));
}

describe.each(dialects)("realtime chat on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let alice: TestSocket, bob: TestSocket, eve: TestSocket;
  let aliceId: string, bobId: string;
  let channelId: string, spaceId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    const a = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    const b = await signUp({ email: "bob@example.test", password: "bob-pass-12", name: "Bob" });
    const e = await signUp({ email: "eve@example.test", password: "eve-pass-12", name: "Eve" });
    aliceId = a.id;
    bobId = b.id;
    const { space } = await createSpace(a.id, { name: "Club" });
    spaceId = space.id;
    channelId = space.defaultChannelId!;
    await acceptInvite(b.id, (await createInvite(a.id, space.id)).code);
    [alice, bob, eve] = await Promise.all([
      connectAs(server, await sessionCookie(a.id)),
      connectAs(server, await sessionCookie(b.id)),
      connectAs(server, await sessionCookie(e.id)),
    ]);
  });
  afterAll(async () => {
    for (const s of [alice, bob, eve]) s?.close();
    await server?.close();
    await drop?.();
  });

  it("refuses a socket without a session, with a forged one, or from a foreign origin", async () => {
    await expect(connectAs(server, null)).rejects.toThrow("unauthorized");
    await expect(connectAs(server, "next-auth.session-token=forged.jwt.value")).rejects.toThrow("unauthorized");
    const foreign = connectAs(server, await sessionCookie(aliceId), { origin: "https://evil.example" });
    await expect(foreign).rejects.toThrow();
  });

  it("tells a client speaking another protocol version to reload", async () => {
    await expect(connectAs(server, await sessionCookie(aliceId), { protocol: 0 })).rejects.toThrow("protocol_mismatch");
  });

  it("a message sent by one member reaches the other live, after it is stored, with the ack", async () => {
    await ask(alice, "channel:join", { channelId });
    await ask(bob, "channel:join", { channelId });
    const bobGot = inbox<ChatMessage>(bob, "message:new");
    const ack = await ask(alice, "message:send", { channelId, clientId: "live-test-0001", body: "hello bob" });
    expect(ack).toMatchObject({ ok: true, message: { seq: 1, body: "hello bob", author: { id: aliceId, name: "Alice" } } });
    await settle(bob);
    expect(bobGot).toEqual([ack.ok && ack.message]);
    const history = await ask(bob, "channel:join", { channelId });
    expect(history.ok && history.messages.map((m) => m.body)).toEqual(["hello bob"]);
  });

  it("a non-member can neither join, send to, nor hear a channel", async () => {
    const eveGot = inbox<ChatMessage>(eve, "message:new");
    expect(await ask(eve, "channel:join", { channelId })).toEqual({ ok: false, error: { code: "forbidden", message: expect.any(String) } });
    expect(await ask(eve, "message:send", { channelId, clientId: "eve-attempt-01", body: "hi" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await ask(alice, "message:send", { channelId, clientId: "not-for-eve-01", body: "members only" });
    await settle(eve, alice);
    expect(eveGot).toEqual([]);
    const history = await ask(alice, "channel:join", { channelId });
    expect(history.ok && history.messages.map((m) => m.body)).not.toContain("hi");
  });

  it("members watching a space hear who joins it", async () => {
    const joined = inbox<{ spaceId: string; member: { name: string } }>(alice, "space:memberJoined");
    const carol = await signUp({ email: "carol@example.test", password: "carol-pass-1", name: "Carol" });
    const before = Date.now();
    await acceptInvite(carol.id, (await createInvite(bobId, spaceId)).code);
    await settle(alice);
    // `at` is when the server told it, so a page read earlier cannot undo it (lib/live-merge.ts)
    expect(joined).toEqual([{ spaceId, member: { id: carol.id, name: "Carol", image: null, role: "member" }, at: expect.any(Number) }]);
    const [{ at }] = joined as unknown as [{ at: number }];
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it("answers every malformed payload with a typed validation error and keeps serving", async () => {
    const bad: Array<[string, unknown]> = [
      ["channel:join", undefined],
      ["channel:join", { channelId: 42 }],
      ["channel:join", { channelId: "not-a-uuid" }],
      ["channel:leave", "string payload"],
      ["message:send", {}],
      ["message:send", { channelId, clientId: "short", body: "x" }],
      ["message:send", { channelId, clientId: "valid-client-1", body: "" }],
      ["message:send", { channelId, clientId: "valid-client-2", body: "x".repeat(1001) }],
      ["message:send", { channelId, clientId: "valid-client-3", body: { text: "object" } }],
      ["message:send", { channelId, clientId: "bad client id!", body: "x" }],
    ];
    for (const [event, payload] of bad) {
      const ack = await (alice.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
        event,
        payload,
      );
      expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    // unknown events and events without an ack are ignored without harm
    (alice.emit as (e: string, p: unknown) => void)("nope:unknown", {});
    (alice.emit as (e: string, p: unknown) => void)("message:send", { channelId, clientId: "no-ack-000001", body: "no ack" });
    const ok = await ask(alice, "message:send", { channelId, clientId: "after-bad-0001", body: "still fine" });
    expect(ok.ok).toBe(true);
    const history = await ask(alice, "channel:join", { channelId });
    const bodies = history.ok ? history.messages.map((m) => m.body) : [];
    expect(bodies.filter((b) => b === "" || b.length > 1000)).toEqual([]);
    // both stored; the two were in flight together, so either may have taken the lower seq
    expect(bodies.slice(-2).sort()).toEqual(["no ack", "still fine"]);
  });

  it("every event in the contract refuses wrong types, missing fields and huge strings with a validation error", async () => {
    const junk: unknown[] = [undefined, null, 42, "x".repeat(20_000), [], {}, { channelId: 42, userIds: "all", idle: "yes", seq: -1 }];
    // The event budgets are taken before a payload is parsed, and all the junk together is more
    // than one socket, or one user, may send at once: a socket per event, and a user of its own
    // for each run of events that fits the per-user burst (whatever the machine's speed, no
    // junk has to wait for a refill).
    const events = Object.keys(clientPayloads);
    const perUser = Math.floor(LIMITS.userEventBurst / junk.length);
    const senders: string[] = [];
    for (let i = 0; i * perUser < events.length; i++) {
      senders.push((await signUp({ email: `junk-${i}@example.test`, password: "junk-pass-12", name: `Junk ${i}` })).id);
    }
    for (const [n, event] of events.entries()) {
      const socket = await connectAs(server, await sessionCookie(senders[Math.floor(n / perUser)]!));
      for (const payload of junk) {
        const ack = await (socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(
          event,
          payload,
        );
        // Search names what is wrong with a query (its own 400 codes); every other event says "validation".
        const codes = event === "message:search" ? ["validation", "search_text", "search_date", "search_filter"] : ["validation"];
        expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toMatchObject({
          ok: false,
          error: { code: expect.toBeOneOf(codes) },
        });
      }
      socket.close();
    }
    // And the others still serve.
    expect((await ask(alice, "channel:join", { channelId })).ok).toBe(true);
  });

  it("drops a packet larger than the socket payload limit by closing that socket only", async () => {
    const big = await connectAs(server, await sessionCookie(bobId));
    const closed = new Promise<string>((resolve) => big.on("disconnect", (reason) => resolve(reason)));
    big.emit("message:send", { channelId, clientId: "huge-payload-01", body: "x".repeat(200_000) }, () => undefined);
    expect(await closed).toBe("transport close");
    // Alice's socket still serves.
    expect((await ask(alice, "channel:join", { channelId })).ok).toBe(true);
  });
});
