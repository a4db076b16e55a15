import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/server/database";
import { newId } from "@/server/ids";
import { serializeError } from "@/server/ops/logger";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { databaseForNode } from "./helpers/node-database";
import { startNode, type NodeProcess } from "./helpers/nodes";
import { ask, connectAs, sessionCookieOn, TEST_SECRET, type TestSocket } from "./helpers/realtime";
import { startRedis, type RedisProcess } from "./helpers/redis-server";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";
const TOKEN = "metrics-token-for-the-test-0123";
const media = { mic: true, camera: false, screen: false };

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One sample's value from Prometheus text, e.g. sample(text, "moim_socket_events_total", { event: "message:send" }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe(`operating a node: health, metrics and logs (${dialect})`, () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  let env: Record<string, string>;
  let owner: { id: string };
  let member: { id: string };
  let textId = "";
  let videoId = "";

  beforeAll(async () => {
    const database = await databaseForNode(dialect);
    cleanup.push(database.drop);
    env = { ...database.env, AUTH_SECRET: TEST_SECRET };
    owner = await signUp({ email: "ops-owner@example.test", password: "ops-owner-pass-1", name: "Owner" });
    member = await signUp({ email: "ops-member@example.test", password: "ops-member-pass-1", name: "Member" });
    const { space } = await createSpace(owner.id, { name: "Ops" });
    const { code } = await createInvite(owner.id, space.id);
    await acceptInvite(member.id, code);
    textId = space.defaultChannelId!;
    // A video channel written directly, as tests/rtc.test.ts does.
    const { db, t } = await getDatabase();
    videoId = newId();
    await db.insert(t.channels).values({ id: videoId, spaceId: space.id, name: "call", kind: "video", position: 1, createdAt: new Date() });
    await database.handOver();
  });
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  async function node(extra: Record<string, string>): Promise<NodeProcess> {
    const n = await startNode({ ...env, ...extra });
    cleanup.push(() => n.stop());
    return n;
  }
  async function socketOf(n: NodeProcess, userId: string): Promise<{ socket: TestSocket; cookie: string }> {
    const cookie = await sessionCookieOn(n, userId);
    const socket = await connectAs(n, cookie);
    cleanup.push(() => void socket.close());
    return { socket, cookie };
  }

  it("answers /healthz and /readyz, and /metrics only to the bearer of METRICS_TOKEN, counting what sockets do", async () => {
    const n = await node({ METRICS_TOKEN: TOKEN });
    expect(await (await fetch(`${n.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${n.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { database: { ok: true } } });

    for (const authorization of [undefined, "Bearer wrong-token-of-some-length", `Basic ${TOKEN}`, TOKEN]) {
      const refused = await fetch(`${n.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toBe("");
    }
    const scrape = async () => {
      const res = await fetch(`${n.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const before = await scrape();
    expect(sample(before, "moim_sockets_connected")).toBe(0);
    expect(sample(before, "process_cpu_seconds_total")).toBeGreaterThan(0);
    expect(sample(before, "nodejs_eventloop_lag_seconds")).toBeDefined();

    const a = (await socketOf(n, owner.id)).socket;
    const b = (await socketOf(n, member.id)).socket;
    for (const s of [a, b]) expect(await ask(s, "channel:join", { channelId: textId })).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i++) {
      expect(await ask(a, "message:send", { channelId: textId, clientId: `metrics-${i}`, body: `hello ${i}` })).toMatchObject({ ok: true });
    }
    expect(await ask(a, "message:send", { channelId: textId, clientId: "", body: "" } as never)).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    for (const [s, m] of [
      [a, media],
      [b, { ...media, camera: true }],
    ] as const) {
      expect(await ask(s, "rtc:join", { channelId: videoId, media: m })).toMatchObject({ ok: true });
    }

    const after = await scrape();
    expect(sample(after, "moim_sockets_connected")).toBe(2);
    expect(sample(after, "moim_socket_events_total", { event: "message:send" })).toBe(4);
    expect(sample(after, "moim_socket_event_errors_total", { event: "message:send", code: "validation" })).toBe(1);
    expect(sample(after, "moim_socket_event_duration_seconds_count", { event: "message:send" })).toBe(4);
    expect(sample(after, "moim_socket_event_duration_seconds_bucket", { event: "message:send", le: "+Inf" })).toBe(4);
    // Store latency is measured at the store, per MessageStore call: an append per stored send
    // (the refused one never reached it), the newest page for each join.
    expect(sample(after, "moim_store_duration_seconds_count", { operation: "append" })).toBe(3);
    expect(sample(after, "moim_store_duration_seconds_bucket", { operation: "append", le: "+Inf" })).toBe(3);
    expect(sample(after, "moim_store_duration_seconds_count", { operation: "page" })).toBe(2);
    expect(sample(after, "moim_store_duration_seconds_sum", { operation: "append" })).toBeGreaterThan(0);
    expect(sample(after, "moim_store_duration_seconds_count", { operation: "edit" })).toBeUndefined(); // no edit, no series
    // Each message reached both sockets in the channel (and its sender's own ack is not a delivery).
    expect(sample(after, "moim_socket_deliveries_total", { event: "message:new" })).toBe(6);
    expect(sample(after, "moim_video_rooms")).toBe(1);
    expect(sample(after, "moim_video_participants")).toBe(2);
    expect(sample(after, "moim_database_ping_seconds")).toBeGreaterThan(0);

    b.close();
    await until(async () => sample(await scrape(), "moim_video_participants") === 1, "the leaver out of the room count");
    expect(sample(await scrape(), "moim_sockets_connected")).toBe(1);
  }, 60_000);

  it("serves /metrics on its own listener with METRICS_PORT, and not on the app's port", async () => {
    const n = await node({ METRICS_PORT: "0", METRICS_HOST: "127.0.0.1" });
    const address = /^metrics (http:\/\/127\.0\.0\.1:\d+)$/m.exec(n.log())?.[1];
    expect(address).toBeDefined();
    expect((await fetch(`${n.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${address}/metrics`);
    expect(res.status).toBe(200);
    expect(sample(await res.text(), "moim_sockets_connected")).toBe(0);
    expect((await fetch(`${address}/readyz`)).status).toBe(200);
    expect((await fetch(`${address}/anything-else`)).status).toBe(404);
  });

  // The passing path (a MongoDB that answers the ping) is unverified: no MongoDB server here.
  it("is not ready while the MongoDB of MONGODB_URL does not answer its ping", async () => {
    const n = await node({ MONGODB_URL: "mongodb://127.0.0.1:1/moim" });
    const res = await fetch(`${n.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ok: false,
      checks: { database: { ok: true, ms: expect.any(Number) }, mongodb: { ok: false } },
    });
    expect(n.log()).toMatch(/"check":"mongodb".*"msg":"readiness check fails"/);
    expect((await fetch(`${n.url}/healthz`)).status).toBe(200); // alive all the same: a restart would not help
  });

  it("is not ready while its Redis is down, and ready again once it is back", async () => {
    const redis: RedisProcess = await startRedis();
    cleanup.push(() => redis.stop("SIGKILL"));
    const n = await node({ REDIS_URL: redis.url });
    const readiness = async () =>
      (await fetch(`${n.url}/readyz`)).json() as Promise<{ ok: boolean; checks: Record<string, { ok: boolean }> }>;
    expect(await readiness()).toMatchObject({ ok: true, checks: { database: { ok: true }, redis: { ok: true } } });
    await redis.stop();
    expect(await readiness()).toMatchObject({ ok: false, checks: { database: { ok: true }, redis: { ok: false } } });
    await redis.start();
    await until(async () => (await readiness()).ok, "ready again");
  }, 60_000);

  it("logs JSON lines with the socket's id, and never a message body or a session cookie", async () => {
    const n = await node({ LOG_LEVEL: "debug" });
    const { socket, cookie } = await socketOf(n, owner.id);
    const body = `secret body ${randomUUID()}`;
    expect(await ask(socket, "channel:join", { channelId: textId })).toMatchObject({ ok: true });
    expect(await ask(socket, "message:send", { channelId: textId, clientId: "log-send-1", body })).toMatchObject({ ok: true });
    expect(await ask(socket, "message:edit", { channelId: textId, messageId: newId(), body })).toMatchObject({ ok: false });
    const socketId = socket.id;
    socket.close();
    await until(() => n.log().includes('"msg":"socket disconnected"'), "the disconnect logged");

    const output = n.log();
    const lines = output.split("\n").filter((l) => l.trim() && !/^listening \d+$/.test(l));
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>); // every line is JSON
    // What would leak if redaction failed is logged at debug level: the handshake's headers and each event's payload.
    const handshake = records.find((r) => r.msg === "handshake" && r.socketId === socketId);
    expect(handshake).toMatchObject({ headers: { cookie: "[redacted]" } });
    const send = records.find((r) => r.msg === "socket event" && r.event === "message:send");
    expect(send).toMatchObject({ socketId, userId: owner.id, payload: { clientId: "log-send-1", body: "[redacted]" } });
    for (const r of records.filter((r) => r.msg === "socket event" || r.msg === "socket connected" || r.msg === "socket disconnected")) {
      expect(r.socketId).toBe(socketId);
    }
    expect(output).not.toContain(body);
    expect(output).not.toContain(cookie.split("=")[1]!.slice(0, 40));
    expect(output).not.toContain(TEST_SECRET);
  }, 60_000);

  it("logs one line per HTTP request with its request id, and no query, body, cookie or invite code", async () => {
    const n = await node({});
    const secret = `secret-${randomUUID()}`;
    const signIn = await fetch(`${n.url}/test/sign-in/${owner.id}`, {
      method: "POST",
      headers: { cookie: `next-auth.session-token=${secret}`, authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ password: secret }),
    });
    expect(signIn.status).toBe(200);
    const invite = await fetch(`${n.url}/invite/${secret}?code=${secret}&state=${secret}`);
    expect(invite.status).toBe(404);
    // A client's own request id is not taken: the server gives each request a fresh one.
    const other = await fetch(`${n.url}/api/invites/${secret}/icon`, { headers: { "x-moim-request-id": "chosen-by-the-client" } });
    expect(other.status).toBe(404);
    const ids = [signIn, invite, other].map((res) => res.headers.get("x-moim-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(3);

    const lines = () =>
      n
        .log()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((r) => r.msg === "http request");
    await until(() => lines().length >= 3, "the access log lines");
    const logged = lines();
    expect(logged.map((r) => r.reqId)).toEqual(ids);
    expect(logged.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "POST", path: `/test/sign-in/${owner.id}`, status: 200 },
      { method: "GET", path: "/invite/[code]", status: 404 },
      { method: "GET", path: "/api/invites/[code]/icon", status: 404 },
    ]);
    for (const r of logged) {
      expect(r.ms).toBeGreaterThanOrEqual(0);
      expect(r.level).toBe(30); // info
    }
    expect(n.log()).not.toContain(secret);
    expect(n.log()).not.toContain("chosen-by-the-client");
  }, 60_000);

  it("leaves a failed statement's values out of a logged error", () => {
    const cause = Object.assign(new Error("UNIQUE constraint failed: messages.client_id"), { code: "SQLITE_CONSTRAINT" });
    const err = new Error('Failed query: insert into "messages" ("id", "body") values (?, ?)\nparams: 0196,my private words', { cause });
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toContain("my private words");
    expect(logged).toContain("Failed query: insert into");
    expect(logged).toContain("SQLITE_CONSTRAINT");
  });
});
