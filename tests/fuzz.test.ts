import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import type { ChatMessage, ClientEvent, ClientPayload } from "@/lib/realtime/contract";
import { sendMessage } from "@/server/services/messages";
import { createInvite, acceptInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { databaseForNode, rssMb } from "./helpers/node-database";
import { startNode, type NodeProcess } from "./helpers/nodes";
import { nestedJson, rawEmit } from "./helpers/raw-packets";
import { ask, connectAs, sessionCookieOn, TEST_SECRET, type TestSocket } from "./helpers/realtime";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";

/** One valid payload per client event: a new event without a sample does not compile. */
function samplesFor(ids: { channelId: string; messageId: string; userId: string }) {
  const { channelId, messageId, userId } = ids;
  const media = { mic: true, camera: false, screen: false };
  return {
    "channel:join": { channelId, afterSeq: 0, updatedSince: 0 },
    "channel:leave": { channelId },
    "message:list": { channelId, beforeSeq: 10 },
    "message:send": { channelId, clientId: "fuzz-client-0001", body: "hello", replyToId: messageId },
    "message:search": {
      text: "first",
      channelId,
      authorId: userId,
      after: "2020-01-01T00:00:00.000Z",
      before: "2100-01-01T00:00:00+09:00",
      hasLink: false,
      below: { createdAt: "2100-01-01T00:00:00.000Z", id: messageId },
    },
    "message:edit": { channelId, messageId, body: "edited" },
    "message:delete": { channelId, messageId },
    "linkPreview:remove": { channelId, messageId, urlHash: "a".repeat(64) },
    "reaction:toggle": { channelId, messageId, emoji: "👍" },
    "read:mark": { channelId, seq: 1 },
    "typing:start": { channelId },
    "presence:watch": { userIds: [userId] },
    "presence:idle": { idle: true },
    "rtc:join": { channelId, media, resume: false },
    "rtc:leave": { channelId },
    "rtc:signal": { channelId, to: "some-socket-id", data: { type: "offer", sdp: "v=0" } },
    "rtc:media": { channelId, media },
    "call:decline": { channelId },
    "study:timer": { action: "stop", version: 1, note: "오늘은 여기까지" },
    "study:statuses": { userIds: [userId] },
    "studyRoom:watch": { channelId, present: true },
    "studyRoom:leave": { channelId },
    "studyRoom:control": { channelId, action: "pause", version: 3 },
    "studyRoom:activity": { channelId },
  } satisfies { [E in ClientEvent]: ClientPayload<E> };
}

/** Every field of a sample, nested ones too (arrays by their first element), as paths. */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(prefix.length ? [prefix] : []), ...children.flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
}

/** A value's bytes on the wire: each hostile value fills about 60 KB of a 64 KB packet. */
const VALUE_BYTES = 60_000;
const run = (unit: string) => unit.repeat(Math.floor(VALUE_BYTES / Buffer.byteLength(unit)));

/** Hostile values, as the JSON text a client would put on the wire. `big` ones can never be valid. */
const HOSTILE: { name: string; json: string | undefined; big?: true }[] = [
  { name: "60 KB string", json: JSON.stringify(run("x")), big: true },
  { name: "60 KB of family emoji (ZWJ sequences)", json: JSON.stringify(run("👨‍👩‍👧‍👦")), big: true },
  { name: "60 KB of thumbs up with skin tones", json: JSON.stringify(run("👍🏽")), big: true },
  { name: "60 KB of zero-width joiners", json: JSON.stringify(run("\u200d")), big: true },
  { name: "60 KB of combining marks", json: JSON.stringify(`e${run("\u0301")}`), big: true },
  { name: "60 KB of emoji components", json: JSON.stringify(run("\ufe0f🏽")), big: true },
  { name: "array nested 29,000 deep", json: `${"[".repeat(29_000)}${"]".repeat(29_000)}`, big: true },
  { name: "object nested 9,000 deep", json: nestedJson(9_000, "a", "1"), big: true },
  { name: "array of 25,000 numbers", json: `[${Array(25_000).fill("1").join(",")}]`, big: true },
  { name: "array of 1,400 uuids", json: JSON.stringify(Array(1_400).fill("00000000-0000-4000-8000-000000000000")), big: true },
  { name: "object of 6,000 keys", json: `{${Array.from({ length: 6_000 }, (_, i) => `"k${i}":0`).join(",")}}`, big: true },
  { name: "null (NaN and Infinity are sent as null)", json: "null" },
  { name: "missing", json: undefined },
  { name: "number", json: "1" },
  { name: "huge number", json: "1e308" },
  { name: "negative number", json: "-1" },
  { name: "unsafe integer", json: "9007199254740993" },
  { name: "fraction", json: "1.5" },
  { name: "true", json: "true" },
  { name: "empty string", json: '""' },
  { name: "empty object", json: "{}" },
  { name: "empty array", json: "[]" },
  { name: "__proto__ key", json: '{"__proto__":{"polluted":true},"type":"offer"}' },
  { name: "constructor key", json: '{"constructor":{"prototype":{"polluted":true}}}' },
];

const MARK = "\u0000fuzz\u0000";

/** The sample's JSON text with one field replaced by a hostile value (or left out). */
function withField(sample: object, path: (string | number)[], json: string | undefined): string {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (json === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), json);
}

interface Probe {
  event: ClientEvent;
  what: string;
  args: string[];
  big: boolean;
}

/**
 * The server runs as its own process (an out-of-memory or a crash shows as a dead process
 * rather than taking vitest with it), with a small heap so that a validation whose cost runs
 * away fails fast. Every field of every event gets every hostile value, and every event gets
 * hostile whole payloads, extra arguments and no ack.
 */
describe(`every field of every client event, fuzzed, against a server process (${dialect})`, () => {
  let node: NodeProcess;
  let drop: () => Promise<void>;
  let ids: { channelId: string; messageId: string; userId: string };
  let alice: { id: string; name: string; image: string | null };
  let bob: { id: string };
  /** The fuzzing users: each user's events share one budget, so the probes are spread over many. */
  const fuzzers: { id: string; name: string }[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const database = await databaseForNode(dialect);
    drop = database.drop;
    alice = await signUp({ email: "fuzz-alice@example.test", password: "fuzz-alice-1", name: "Alice" });
    bob = await signUp({ email: "fuzz-bob@example.test", password: "fuzz-bob-12", name: "Bob" });
    const { space } = await createSpace(alice.id, { name: "Fuzz" });
    const { code } = await createInvite(alice.id, space.id);
    for (let i = 0; i < 20; i++) fuzzers.push(await signUp({ email: `fuzz${i}@example.test`, password: `fuzz-pass-${i}x`, name: `F${i}` }));
    for (const u of [bob, ...fuzzers]) await acceptInvite(u.id, code);
    const channelId = space.defaultChannelId!;
    const message = await sendMessage(alice, { channelId, clientId: "fuzz-first-message", body: "first" });
    ids = { channelId, messageId: message.id, userId: bob.id };
    await database.handOver();
    node = await startNode({ ...database.env, AUTH_SECRET: TEST_SECRET, NODE_OPTIONS: "--max-old-space-size=256" });
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await node?.stop();
    await drop?.();
  });

  it("stays up with bounded memory, answers every probe with a typed error in bounded time, and still delivers a message", async () => {
    const samples = samplesFor(ids);
    const probes: Probe[] = [];
    for (const event of Object.keys(samples) as ClientEvent[]) {
      const sample = samples[event];
      for (const path of fieldPaths(sample)) {
        for (const value of HOSTILE) {
          probes.push({ event, what: `${path.join(".")} = ${value.name}`, args: [withField(sample, path, value.json)], big: Boolean(value.big) });
        }
      }
      for (const value of HOSTILE) {
        if (value.json !== undefined) probes.push({ event, what: `payload = ${value.name}`, args: [value.json], big: Boolean(value.big) });
      }
      probes.push({ event, what: "no payload", args: [], big: false });
      probes.push({ event, what: "extra arguments", args: [JSON.stringify(sample), '"extra"', HOSTILE[0]!.json!], big: false });
    }
    // Spread over enough sockets and users that the event budgets (per socket, per user) are
    // not what answers: the payloads must reach their schemas.
    for (let i = 0; i < 40; i++) {
      const user = fuzzers[i % fuzzers.length]!;
      sockets.push(await connectAs(node, await sessionCookieOn(node, user.id, user.name)));
    }

    const before = rssMb(node.child.pid!);
    let peak = before;
    const answers = new Map<string, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async (w: number) => {
      for (let i = next++; i < probes.length; i = next++) {
        const probe = probes[i]!;
        const socket = sockets[(i + w) % sockets.length]!;
        const ack = await rawEmit(socket, probe.event, probe.args).catch((err: Error) => ({ ok: false as const, error: { code: `no answer: ${err.message}` } }));
        const code = ack && !ack.ok ? ack.error.code : "ok";
        answers.set(code, (answers.get(code) ?? 0) + 1);
        const typed = code === "ok" || (ERROR_CODES.includes(code as ErrorCode) && code !== "internal");
        if (!typed || (probe.big && code === "ok")) failures.push(`${probe.event} ${probe.what}: ${code}`);
        if (i % 50 === 0) peak = Math.max(peak, rssMb(node.child.pid!));
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    // Probes that ask for no answer, sent after the rest: the server must shrug them off too.
    for (const event of Object.keys(samples) as ClientEvent[]) {
      for (const value of HOSTILE.slice(0, 8)) await rawEmit(sockets[0]!, event, [value.json!], { ack: false });
    }
    await rawEmit(sockets[1]!, "no:such-event", [HOSTILE[0]!.json!], { ack: false });
    peak = Math.max(peak, rssMb(node.child.pid!));

    expect(node.child.exitCode, "the server process is still running").toBeNull();
    expect(failures).toEqual([]);
    expect(answers.get("validation") ?? 0, `answers: ${JSON.stringify(Object.fromEntries(answers))}`).toBeGreaterThan(probes.length * 0.8);
    expect(peak - before, `RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most`).toBeLessThan(150);

    // And it still works: a fresh socket's message reaches another user.
    const [sender, receiver] = [await connectAs(node, await sessionCookieOn(node, alice.id, alice.name)), await connectAs(node, await sessionCookieOn(node, bob.id, "Bob"))];
    sockets.push(sender, receiver);
    expect(await ask(receiver, "channel:join", { channelId: ids.channelId })).toMatchObject({ ok: true });
    const heard = new Promise<ChatMessage>((resolve) => receiver.on("message:new", resolve));
    expect(await ask(sender, "message:send", { channelId: ids.channelId, clientId: "after-the-fuzz", body: "still here" })).toMatchObject({
      ok: true,
    });
    expect((await heard).body).toBe("still here");
  }, 55_000);
});
