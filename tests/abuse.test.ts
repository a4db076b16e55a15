import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { PROTOCOL_VERSION, TOO_MANY_CONNECTIONS, TOO_MANY_SOCKETS, type ChatMessage } from "@/lib/realtime/contract";
import { setSendLimiter } from "@/server/rate-limit";
import { listConversations } from "@/server/services/chat-list";
import { openDm } from "@/server/services/dms";
import { createGroup } from "@/server/services/groups";
import { acceptFriendRequest, sendFriendRequest } from "@/server/services/friends";
import { createChannel } from "@/server/services/channels";
import { sendMessage } from "@/server/services/messages";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { databaseForNode, rssMb } from "./helpers/node-database";
import { startNode, type NodeProcess } from "./helpers/nodes";
import { ask, connectAs, sessionCookieOn, TEST_SECRET, type TestSocket } from "./helpers/realtime";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";
const SOCKETS_PER_USER = 5;
const CONNECTIONS_PER_MINUTE = 12;

/** Connects as a user from an address of its own (the node trusts one proxy's X-Forwarded-For). */
const connectFrom = (node: NodeProcess, cookie: string, ip: string) => connectAs(node, cookie, { ip });

/** Victims' sends per round: one each PACE_MS, within their own send limit of about three a second. */
const PACE_MS = 330;
const FLOOD_ROUNDS = 20;
/** How much slower other users' median send may be on the flooded node than on the calm one. */
const SLOWDOWN = 3;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The q-quantile of some samples (nearest rank). */
function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))]!;
}

/** Users who send while the flood goes on, on the flooded node and on a calm one: enough sends to compare medians. */
const VICTIMS = 6;

/**
 * A space whose owner and VICTIMS - 1 members each have a channel of their own (so their sends
 * queue behind the flood, not behind each other's hold on one channel's seq row), and a
 * listener who follows those channels, in the process-wide database.
 */
async function victimsSpace() {
  const owner = await signUp({ email: "victim@example.test", password: "victim-pass-12", name: "Victim" });
  const listener = await signUp({ email: "listener@example.test", password: "listener-pass-1", name: "Listener" });
  const { space } = await createSpace(owner.id, { name: "Commons" });
  const { code } = await createInvite(owner.id, space.id);
  const victims: { id: string; name: string }[] = [];
  for (let i = 0; i < VICTIMS - 1; i++) victims.push(await signUp({ email: `victim${i}@example.test`, password: `victim-pass-${i}x`, name: `V${i}` }));
  for (const u of [listener, ...victims]) await acceptInvite(u.id, code);
  victims.push(owner);
  const channels: string[] = [];
  for (let i = 0; i < victims.length; i++) channels.push((await createChannel(owner.id, space.id, { name: `room-${i}`, kind: "text" })).channel.id);
  return { owner, listener, victims, channels, space, code };
}
type VictimsSpace = Awaited<ReturnType<typeof victimsSpace>>;

/**
 * One node as its own process, with small connection limits, a 256 MB heap and addresses
 * taken from X-Forwarded-For (TRUST_PROXY=1), so each user can come from an address of its own;
 * and a calm node like it, on a database of its own, that no one floods: the yardstick for
 * the flooded node's sends, measured at the same moments on the same machine.
 */
describe(`abuse against one server process (${dialect})`, () => {
  let node: NodeProcess;
  let calm: NodeProcess;
  let drop: () => Promise<void>;
  let dropCalm: () => Promise<void>;
  let channelId: string;
  let dmId: string;
  let messageId: string;
  let flooder: { id: string; name: string };
  let victim: { id: string; name: string };
  let callerId: string;
  let capped: { id: string; name: string };
  let commons: VictimsSpace;
  let calmCommons: VictimsSpace;
  const sockets: TestSocket[] = [];
  const on = async (where: NodeProcess, user: { id: string; name: string }, ip: string) => {
    const socket = await connectFrom(where, await sessionCookieOn(where, user.id, user.name), ip);
    sockets.push(socket);
    return socket;
  };
  const as = (user: { id: string; name: string }, ip: string) => on(node, user, ip);
  const limits = {
    AUTH_SECRET: TEST_SECRET,
    NODE_OPTIONS: "--max-old-space-size=256",
    TRUST_PROXY: "1",
    SOCKETS_PER_USER: String(SOCKETS_PER_USER),
    CONNECTIONS_PER_IP_PER_MINUTE: String(CONNECTIONS_PER_MINUTE),
  };

  beforeAll(async () => {
    const calmDatabase = await databaseForNode(dialect);
    dropCalm = calmDatabase.drop;
    calmCommons = await victimsSpace();
    await calmDatabase.handOver();

    const database = await databaseForNode(dialect);
    drop = database.drop;
    commons = await victimsSpace();
    victim = commons.owner;
    flooder = await signUp({ email: "flooder@example.test", password: "flooder-pass-1", name: "Flooder" });
    await acceptInvite(flooder.id, commons.code);
    channelId = commons.space.defaultChannelId!;
    messageId = (await sendMessage({ ...victim, image: null }, { channelId, clientId: "abuse-first-message", body: "first" })).id;
    // A stranger's dm: anyone may open one, so anyone may try to ring through it.
    const stranger = await signUp({ email: "caller@example.test", password: "caller-pass-12", name: "Caller" });
    dmId = (await openDm(stranger.id, { userId: victim.id })).channelId;
    callerId = stranger.id;
    capped = await signUp({ email: "tabs@example.test", password: "many-tabs-12", name: "Tabs" });
    await database.handOver();
    [node, calm] = await Promise.all([startNode({ ...database.env, ...limits }), startNode({ ...calmDatabase.env, ...limits })]);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([node?.stop(), calm?.stop()]);
    await drop?.();
    await dropCalm?.();
  });

  it("a reaction with a 65,000-character emoji is refused as validation, and the server lives on", async () => {
    const socket = await as(victim, "192.0.2.1");
    const before = rssMb(node.child.pid!);
    const ack = await ask(socket, "reaction:toggle", { channelId, messageId, emoji: "a".repeat(65_000) });
    expect(ack).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(node.child.exitCode).toBeNull();
    expect(rssMb(node.child.pid!) - before).toBeLessThan(50);
    expect(await ask(socket, "reaction:toggle", { channelId, messageId, emoji: "👍🏽" })).toMatchObject({ ok: true });
  });

  it("one user flooding refused events from every socket they may open is refused cheaply and cut off: other users' median send stays within a small factor of a calm node's at the same moments, all acked and delivered in order", async () => {
    const cookie = await sessionCookieOn(node, flooder.id, flooder.name);
    // Refused events: sends past the limits, malformed sends and read marks, typing in a
    // channel the socket has not joined. (Events the budgets let through do cost the database
    // their share: measured in the notes, not bounded here.)
    const floodEvents = [
      ["message:send", { channelId, clientId: "flood-{n}-xxxx", body: "spam" }],
      ["message:send", { channelId, clientId: "flood-{n}-yyyy", body: "spam" }],
      ["typing:start", { channelId }],
      ["message:send", { channelId, clientId: "x", body: "" }],
      ["message:send", { channelId, clientId: "flood-{n}-wwww", body: "spam" }],
      ["read:mark", { channelId, seq: -1 }],
    ];
    // The flooder first spends its send burst, as a chatty user may: what follows measures the
    // refused flood, not the flooder's own allowance (each allowed write holds SQLite's one
    // writer, and a burst of them queues the others' sends behind it).
    const warmup = await connectFrom(node, cookie, "203.0.113.8");
    for (let i = 0; ; i++) {
      const ack = await ask(warmup, "message:send", { channelId, clientId: `flooder-own-${i}`, body: `allowed ${i}` });
      if (!ack.ok) break;
    }
    warmup.close();

    /** The victims of one node, each on a socket of their own, and a listener in all of their channels. */
    const crowdOn = async (where: NodeProcess, space: VictimsSpace) => {
      const senders = await Promise.all(space.victims.map((v, i) => on(where, v, `198.51.100.${10 + i}`)));
      const receiver = await on(where, space.listener, "198.51.100.3");
      for (const id of space.channels) await ask(receiver, "channel:join", { channelId: id });
      const heard = new Map<string, ChatMessage[]>(space.channels.map((id) => [id, []]));
      receiver.on("message:new", (m) => heard.get(m.channelId)?.push(m));
      return { senders, channels: space.channels, heard, sent: new Map<string, string[]>(space.channels.map((id) => [id, []])) };
    };
    const crowds = [await crowdOn(node, commons), await crowdOn(calm, calmCommons)] as const;
    const codes: string[] = [];
    /**
     * Every victim on both nodes sends `rounds` messages in their own channel, each within
     * their own send limit (about three a second), staggered so that they measure the server
     * rather than their own sends queueing for SQLite's one writer. The send latencies on the
     * flooded node and on the calm one, in ms.
     */
    const round = async (label: string, rounds: number) => {
      const latencies: [number[], number[]] = [[], []];
      const everyone = crowds.flatMap((crowd, c) => crowd.senders.map((sender, v) => ({ crowd, c, sender, v })));
      await Promise.all(
        everyone.map(async ({ crowd, c, sender, v }) => {
          await pause(((2 * v + c) * PACE_MS) / everyone.length); // the two nodes' sends alternate
          for (let i = 0; i < rounds; i++) {
            const body = `${label} ${v}.${i}`;
            const t0 = performance.now();
            const ack = await ask(sender, "message:send", { channelId: crowd.channels[v]!, clientId: `victim-${v}-${label}-${i}`, body });
            latencies[c]!.push(performance.now() - t0);
            codes.push(ack.ok ? "ok" : ack.error.code);
            crowd.sent.get(crowd.channels[v]!)!.push(body);
            await pause(PACE_MS); // pacing, not waiting on anything
          }
        }),
      );
      return latencies;
    };
    await round("warm", 2); // first sends pay for cold code paths: measured in neither

    const flood = spawn(process.execPath, [path.resolve(import.meta.dirname, "helpers/flood-client.mjs")], {
      env: {
        ...process.env,
        FLOOD_URL: node.url,
        FLOOD_ORIGIN: node.origin,
        FLOOD_COOKIE: cookie,
        FLOOD_IP: "203.0.113.7",
        FLOOD_PROTOCOL: String(PROTOCOL_VERSION),
        FLOOD_SOCKETS: String(SOCKETS_PER_USER),
        FLOOD_WINDOW: "50",
        FLOOD_MS: "60000", // an upper bound: stopped with SIGTERM once the victims are done
        FLOOD_EVENTS: JSON.stringify(floodEvents),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const started = new Promise<void>((resolve) =>
      flood.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("flooding")) resolve();
      }),
    );
    const finished = new Promise<void>((resolve) => flood.once("exit", () => resolve()));
    await started;
    const [flooded, calmly] = await round("flood", FLOOD_ROUNDS);
    flood.kill("SIGTERM");
    await finished;

    const result = JSON.parse(out.trim().split("\n").at(-1)!) as {
      sent: number;
      connected: number;
      answers: Record<string, number>;
      cutOff: number;
      refusals: Record<string, number>;
    };
    const figures = (xs: number[]) => `${[0.5, 0.9, 0.99].map((q) => quantile(xs, q).toFixed(1)).join(" / ")} ms p50 / p90 / p99 (${xs.length} sends)`;
    console.log(`[abuse] flood: ${JSON.stringify(result)}; victims' sends on the flooded node ${figures(flooded)}, on the calm node ${figures(calmly)}`);

    // Every victim's send was acked, and reached the listener once, in the order it was sent.
    expect(codes.filter((c) => c !== "ok")).toEqual([]);
    for (const crowd of crowds)
      for (const id of crowd.channels) {
        const messages = crowd.heard.get(id)!;
        expect(messages.map((m) => m.body)).toEqual(crowd.sent.get(id));
        expect(messages.every((m, i) => i === 0 || m.seq > messages[i - 1]!.seq)).toBe(true);
      }
    // Refusing the flood is cheap: the flooded node's typical send stays within a small factor
    // of the calm node's at the same moments. (Without the per-socket budgets and the cut-off,
    // every flooded event is parsed and answered for the whole flood, and the median send
    // queues behind them: several times slower.) Not the slow tail: the budgets let each new
    // socket's first burst through by design, and on shared cores the tail is the scheduler's.
    expect(quantile(flooded, 0.5)).toBeLessThanOrEqual(SLOWDOWN * quantile(calmly, 0.5));
    // The flood was refused as a rate limit past the budgets, its sockets were cut off for
    // going on regardless, and its reconnects ran into the connection rate of its address.
    expect(result.answers.rate_limited).toBeGreaterThan(LIMITS.socketRefusalBurst);
    expect(Object.keys(result.answers).every((code) => ["ok", "rate_limited", "validation", "forbidden", "cut off"].includes(code))).toBe(true);
    expect(result.cutOff).toBeGreaterThan(0);
    // So the server answers each connection of the flooder about its budgets' worth and no
    // more: the bursts, and what they refill in the moments before the cut-off.
    const answered = result.sent - (result.answers["cut off"] ?? 0);
    expect(answered / result.connected).toBeLessThanOrEqual(2 * (LIMITS.eventBurst + LIMITS.socketSendBurst + LIMITS.socketRefusalBurst));
    expect(result.refusals[TOO_MANY_CONNECTIONS]).toBeGreaterThan(0);
    expect(node.child.exitCode).toBeNull();
  }, 90_000);

  it("refuses a user's sockets past the cap with too_many_sockets, and an address's connections past the rate with too_many_connections", async () => {
    const cookie = await sessionCookieOn(node, capped.id, capped.name);
    const ip = "203.0.113.99";
    const outcomes: string[] = [];
    for (let i = 0; i < CONNECTIONS_PER_MINUTE + 3; i++) {
      outcomes.push(
        await connectFrom(node, cookie, ip).then(
          (s) => (sockets.push(s), "connected"),
          (err: Error) => err.message,
        ),
      );
    }
    expect(outcomes).toEqual([
      ...Array(SOCKETS_PER_USER).fill("connected"),
      ...Array(CONNECTIONS_PER_MINUTE - SOCKETS_PER_USER).fill(TOO_MANY_SOCKETS),
      ...Array(3).fill(TOO_MANY_CONNECTIONS),
    ]);
    // Another user from another address is not affected.
    expect((await as(victim, "198.51.100.9")).connected).toBe(true);
    // A closed socket gives its place back.
    const mine = sockets.filter((s) => s.connected && s.io.opts.extraHeaders?.["x-forwarded-for"] === ip);
    mine[0]!.close();
    await expect(connectFrom(node, cookie, "203.0.113.100").then((s) => (sockets.push(s), "connected"))).resolves.toBe("connected");
  });

  it(`a caller rings a conversation at most ${LIMITS.callRingsPerMinute} times a minute: the rest are refused, ring no one and leave no missed call`, async () => {
    const caller = await as({ id: callerId, name: "Caller" }, "192.0.2.50");
    const callee = await as(victim, "192.0.2.51");
    let rings = 0;
    callee.on("call:incoming", (e) => e.channelId === dmId && rings++);
    const media = { mic: true, camera: false, screen: false };
    const codes: string[] = [];
    for (let i = 0; i < 19; i++) {
      const joined = await ask(caller, "rtc:join", { channelId: dmId, media });
      codes.push(joined.ok ? "ok" : joined.error.code);
      if (joined.ok) await ask(caller, "rtc:leave", { channelId: dmId });
    }
    expect(codes).toEqual([...Array(LIMITS.callRingsPerMinute).fill("ok"), ...Array(19 - LIMITS.callRingsPerMinute).fill("too_many_calls")]);
    const history = await ask(callee, "message:list", { channelId: dmId, beforeSeq: 1_000 }); // a round trip: earlier events are in
    expect(rings).toBe(LIMITS.callRingsPerMinute);
    expect(history.ok && history.messages.filter((m) => m.system?.type === "call")).toHaveLength(LIMITS.callRingsPerMinute);
  });
});

describe.each(dialects)("group adds on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    setSendLimiter(undefined); // the real per-user limit
  });
  afterAll(async () => drop?.());

  it("a stranger cannot put someone into 30 group chats; a friend's 30 are cut off by the send limit", async () => {
    const [target, stranger, friend, other] = [
      await signUp({ email: "target@example.test", password: "target-pass-1", name: "Target" }),
      await signUp({ email: "stranger@example.test", password: "stranger-pass-1", name: "Stranger" }),
      await signUp({ email: "friend@example.test", password: "friend-pass-12", name: "Friend" }),
      await signUp({ email: "other@example.test", password: "other-pass-123", name: "Other" }),
    ];
    for (const u of [target, other]) {
      await sendFriendRequest(friend.id, { userId: u.id });
      await acceptFriendRequest(u.id, { userId: friend.id });
    }
    const attempt = (creator: typeof target, n: number) =>
      Array.from({ length: n }, (_, i) =>
        createGroup(creator, { name: `Spam ${i}`, memberIds: [target.id, other.id] }).then(
          () => "ok",
          (err: { code?: string }) => err.code ?? "thrown",
        ),
      );
    // Refused as not_addable, and past the send limit without even asking the database.
    const strangers = await Promise.all(attempt(stranger, 30));
    expect(strangers.filter((c) => c === "not_addable").length).toBeGreaterThan(0);
    expect(strangers.every((c) => c === "not_addable" || c === "rate_limited")).toBe(true);
    const started = Date.now();
    const friends = await Promise.all(attempt(friend, 30));
    const refilled = Math.ceil(((Date.now() - started) / 1000) * LIMITS.sendPerSecond);
    const made = friends.filter((c) => c === "ok").length;
    expect(made).toBeGreaterThanOrEqual(LIMITS.sendBurst);
    expect(made).toBeLessThanOrEqual(LIMITS.sendBurst + refilled);
    expect(friends.filter((c) => c !== "ok").every((c) => c === "rate_limited")).toBe(true);
    const groups = (await listConversations(target.id)).filter((c) => c.kind === "group");
    expect(groups).toHaveLength(made);
    expect(groups.every((g) => g.members.some((m) => m.id === friend.id))).toBe(true);
  });
});
