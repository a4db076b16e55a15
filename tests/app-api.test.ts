import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import { io as connect } from "socket.io-client";
import { PROTOCOL_VERSION, type ChatMessage, type UserSummary } from "@/lib/realtime/contract";
import { buildAuthLimits, setAuthLimits } from "@/server/auth-limits";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { withRedis, type ScaleOut } from "@/server/scale";
import { createChannel } from "@/server/services/channels";
import { openDm } from "@/server/services/dms";
import { createGroup } from "@/server/services/groups";
import { acceptFriendRequest, sendFriendRequest } from "@/server/services/friends";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, inbox, settle, signInSession, type TestSocket } from "./helpers/realtime";

type Server = Awaited<ReturnType<typeof startApiServer>>;
type Kind = "public" | "private" | "dm" | "group";

const redisUrl = process.env.REDIS_URL;

describe.each(dialects)(`the app-client HTTP API on %s${redisUrl ? " + Redis" : ""}`, (dialect) => {
  let drop: () => Promise<void>;
  let server: Server;
  let scale: ScaleOut | undefined;
  let alice: UserSummary, bob: UserSummary, carol: UserSummary, eve: UserSummary;
  /** Alice's browser cookie; Bob's app token. */
  let aliceCookie: string;
  let bobToken: string;
  const channels = {} as Record<Kind, string>;
  /** Who can read each kind of channel but is not Alice or Bob (none for dms and groups), and who cannot. */
  const outsiders = {} as Record<Kind, Array<{ name: string; cookie: string }>>;
  const open: TestSocket[] = [];
  let n = 0;
  const cid = () => `api-client-${++n}`;

  /** A request as an app or a browser sends it. `cookie` requests carry our Origin unless told otherwise. */
  async function call(
    method: string,
    path: string,
    auth: { token?: string; cookie?: string; origin?: string | null },
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    if (auth.token) h.authorization = `Bearer ${auth.token}`;
    if (auth.cookie) h.cookie = auth.cookie;
    const origin = auth.origin === undefined ? (auth.cookie ? server.origin : null) : auth.origin;
    if (origin) h.origin = origin;
    if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { error?: { code: string } } };
  }
  const asBob = { token: "" };
  const asAlice = { cookie: "" };
  const send = (channelId: string, body: string, clientId = cid(), auth: object = asBob) =>
    call("POST", `/api/channels/${channelId}/messages`, auth, { clientId, body });

  async function socketOf(cookie: string) {
    const s = await connectAs(server, cookie);
    open.push(s);
    return s;
  }

  /** A socket from an app: no Origin, no cookie, its session token in the handshake. */
  function appSocket(token: string | undefined, cookie?: string): Promise<TestSocket> {
    const s: TestSocket = connect(server.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: token === undefined ? { protocol: PROTOCOL_VERSION } : { protocol: PROTOCOL_VERSION, token },
      extraHeaders: cookie ? { cookie } : {},
    });
    open.push(s);
    return new Promise((resolve, reject) => {
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  }

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    // With REDIS_URL, broadcasts go through the Redis adapter as on a real multi-node install.
    scale = redisUrl ? await withRedis(redisUrl) : undefined;
    server = await startApiServer({ scale });
    const person = (name: string) => signUp({ email: `${name.toLowerCase()}-api@example.test`, password: `${name}-pass-123`, name });
    [alice, bob, carol, eve] = (await Promise.all(["Alice", "Bob", "Carol", "Eve"].map(person))) as [
      UserSummary,
      UserSummary,
      UserSummary,
      UserSummary,
    ];
    await sendFriendRequest(alice.id, { userId: bob.id });
    await acceptFriendRequest(bob.id, { userId: alice.id });
    const { space } = await createSpace(alice.id, { name: "Study" });
    const { code } = await createInvite(alice.id, space.id);
    await acceptInvite(bob.id, code);
    await acceptInvite(carol.id, code);
    channels.public = (await createChannel(alice.id, space.id, { name: "general-api", kind: "text" })).channel.id;
    channels.private = (
      await createChannel(alice.id, space.id, { name: "staff", kind: "text", isPrivate: true, memberIds: [bob.id] })
    ).channel.id;
    channels.dm = (await openDm(alice.id, { userId: bob.id })).channelId;
    channels.group = (await createGroup(alice, { memberIds: [bob.id] })).channelId;

    aliceCookie = (await signInSession(alice.id, alice.name)).cookie;
    asAlice.cookie = aliceCookie;
    const signedIn = await call(
      "POST",
      "/api/sessions",
      {},
      { email: "bob-api@example.test", password: "Bob-pass-123" },
      { "user-agent": "Moim/1.0 (iPhone; iOS 18)" },
    );
    expect(signedIn.status).toBe(200);
    bobToken = signedIn.json.token as string;
    asBob.token = bobToken;
    const carolCookie = (await signInSession(carol.id, carol.name)).cookie;
    const eveCookie = (await signInSession(eve.id, eve.name)).cookie;
    const carolOut = { name: "Carol", cookie: carolCookie };
    const eveOut = { name: "Eve", cookie: eveCookie };
    outsiders.public = [eveOut];
    outsiders.private = [carolOut, eveOut];
    outsiders.dm = [carolOut, eveOut];
    outsiders.group = [carolOut, eveOut];
  });
  afterAll(async () => {
    for (const s of open) s.close();
    setSendLimiter(undefined);
    setAuthLimits(undefined);
    await server?.close();
    await scale?.close();
    await drop?.();
  });
  beforeEach(() => setSendLimiter(memoryRateLimiter(1000, 1000)));

  it.each(["public", "private", "dm", "group"] as const)(
    "an HTTP send in a %s channel reaches the other members' sockets exactly once, and its retries make no second message",
    async (kind) => {
      const channelId = channels[kind];
      const alices = [await socketOf(aliceCookie), await socketOf(aliceCookie)];
      for (const s of alices) expect(await ask(s, "channel:join", { channelId })).toMatchObject({ ok: true });
      const got = alices.map((s) => inbox(s, "message:new"));
      const clientId = cid();
      const first = await send(channelId, `hello in ${kind}`, clientId);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        ok: true,
        created: true,
        message: { channelId, clientId, body: `hello in ${kind}`, author: { id: bob.id, name: "Bob" } },
      });
      const original = first.json.message as ChatMessage;
      // A retry after a lost answer, and a burst of duplicates at once: the original, nothing new.
      const retries = await Promise.all([
        send(channelId, "other text", clientId),
        send(channelId, `hello in ${kind}`, clientId),
        send(channelId, "x", clientId),
      ]);
      for (const r of retries)
        expect(r.json).toMatchObject({
          ok: true,
          created: false,
          message: { id: original.id, seq: original.seq, body: `hello in ${kind}` },
        });
      // The same clientId over the socket is the same send too.
      const bobSocket = await appSocket(bobToken);
      expect(await ask(bobSocket, "message:send", { channelId, clientId, body: "again" })).toMatchObject({
        ok: true,
        message: { id: original.id },
      });
      await settle(...alices);
      for (const g of got) expect(g.map((m) => m.id)).toEqual([original.id]);
      const history = await call("GET", `/api/channels/${channelId}/messages`, asBob);
      expect((history.json.messages as ChatMessage[]).filter((m) => m.clientId === clientId)).toHaveLength(1);
    },
  );

  it("HTTP and socket sends interleaved reach a listening socket once each, in seq order", async () => {
    const channelId = channels.group;
    const listener = await socketOf(aliceCookie);
    await ask(listener, "channel:join", { channelId });
    const got = inbox(listener, "message:new");
    const bobSocket = await appSocket(bobToken);
    const sends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? send(channelId, `http ${i}`).then((r) => (r.json.message as ChatMessage).seq)
          : ask(bobSocket, "message:send", { channelId, clientId: cid(), body: `socket ${i}` }).then((a) => (a.ok ? a.message.seq : -1)),
      ),
    );
    await settle(listener);
    const seqs = got.map((m) => m.seq);
    expect(seqs).toEqual([...sends].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(20);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
  });

  it("pages history by seq: the newest page, before a seq, after a seq, and says when there is more", async () => {
    const { channelId } = await openDm(bob.id, { userId: carol.id });
    const carolCookie = outsiders.private[0]!.cookie;
    for (let i = 1; i <= 7; i++) expect((await send(channelId, `m${i}`)).status).toBe(200);
    const seqsOf = (r: { json: Record<string, unknown> }) => (r.json.messages as ChatMessage[]).map((m) => m.seq);
    const latest = await call("GET", `/api/channels/${channelId}/messages?limit=3`, asBob);
    expect([seqsOf(latest), latest.json.hasMore]).toEqual([[5, 6, 7], true]);
    const older = await call("GET", `/api/channels/${channelId}/messages?before=5&limit=3`, { cookie: carolCookie });
    expect([seqsOf(older), older.json.hasMore]).toEqual([[2, 3, 4], true]);
    const oldest = await call("GET", `/api/channels/${channelId}/messages?before=2`, asBob);
    expect([seqsOf(oldest), oldest.json.hasMore]).toEqual([[1], false]);
    const newer = await call("GET", `/api/channels/${channelId}/messages?after=4&limit=2`, asBob);
    expect([seqsOf(newer), newer.json.hasMore]).toEqual([[5, 6], true]);
    const caughtUp = await call("GET", `/api/channels/${channelId}/messages?after=7`, asBob);
    expect([seqsOf(caughtUp), caughtUp.json.hasMore]).toEqual([[], false]);
    expect((await call("GET", `/api/channels/${channelId}/messages`, asBob)).json.messages).toHaveLength(7);
    // The same page as the socket's message:list.
    const socket = await socketOf(carolCookie);
    const listed = await ask(socket, "message:list", { channelId, beforeSeq: 5 });
    expect(listed.ok && listed.messages.slice(-3)).toEqual(older.json.messages);
  });

  it("edits, deletes and reacts over HTTP, told to the channel's sockets as message:updated; only the author edits", async () => {
    const channelId = channels.public;
    const listener = await socketOf(aliceCookie);
    await ask(listener, "channel:join", { channelId });
    const updated = inbox(listener, "message:updated");
    const message = (await send(channelId, "typo")).json.message as ChatMessage;
    const path = `/api/channels/${channelId}/messages/${message.id}`;
    expect(await call("PATCH", path, asAlice, { body: "not yours" })).toMatchObject({
      status: 403,
      json: { error: { code: "forbidden" } },
    });
    expect(await call("PATCH", path, asBob, { body: "fixed" })).toMatchObject({ status: 200, json: { message: { body: "fixed" } } });
    expect(await call("POST", `${path}/reactions`, asAlice, { emoji: "👍" })).toMatchObject({
      status: 200,
      json: { message: { reactions: [{ emoji: "👍", userIds: [alice.id] }] } },
    });
    expect(await call("DELETE", path, asBob)).toMatchObject({
      status: 200,
      json: { message: { body: "", deletedAt: expect.any(String) } },
    });
    expect(await call("PATCH", path, asBob, { body: "back" })).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
    await settle(listener);
    expect(updated.map((m) => [m.body, m.reactions.length, !!m.deletedAt])).toEqual([
      ["fixed", 0, false],
      ["fixed", 1, false],
      ["", 0, true],
    ]);
  });

  it("a read mark over HTTP moves the unread state the user's sockets see, live, and the other member's receipts", async () => {
    const channelId = channels.dm;
    const aliceHere = await socketOf(aliceCookie);
    const aliceThere = await socketOf(aliceCookie);
    const bobListening = await appSocket(bobToken);
    await ask(bobListening, "channel:join", { channelId });
    const mine = inbox(aliceThere, "read:update");
    const receipts = inbox(bobListening, "read:update");
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push((await send(channelId, `unread ${i}`)).json.message as ChatMessage);
    const last = sent.at(-1)!.seq;
    const before = await call("GET", "/api/conversations", asAlice);
    expect(
      (before.json.conversations as Array<{ id: string; unread: number }>).find((c) => c.id === channelId)?.unread,
    ).toBeGreaterThanOrEqual(3);
    // Beyond the last seq is clamped; backwards does nothing.
    expect(await call("POST", `/api/channels/${channelId}/read`, asAlice, { seq: last + 100 })).toMatchObject({
      status: 200,
      json: { lastReadSeq: last },
    });
    expect(await call("POST", `/api/channels/${channelId}/read`, asAlice, { seq: 1 })).toMatchObject({
      status: 200,
      json: { lastReadSeq: last },
    });
    await settle(aliceThere, bobListening, aliceHere);
    expect(mine).toEqual([{ channelId, userId: alice.id, lastReadSeq: last }]);
    expect(receipts.filter((r) => r.userId === alice.id)).toEqual([{ channelId, userId: alice.id, lastReadSeq: last }]);
    const after = await call("GET", "/api/conversations", asAlice);
    expect((after.json.conversations as Array<{ id: string; unread: number }>).find((c) => c.id === channelId)?.unread).toBe(0);
    // What the socket's join says agrees.
    expect(await ask(aliceHere, "channel:join", { channelId })).toMatchObject({ ok: true, myLastReadSeq: last });
  });

  it.each(["public", "private", "dm", "group"] as const)(
    "refuses a non-member of a %s channel on every route, and stores nothing",
    async (kind) => {
      const channelId = channels[kind];
      const message = (await send(channelId, "members only")).json.message as ChatMessage;
      const before = (await call("GET", `/api/channels/${channelId}/messages`, asBob)).json.messages;
      const m = `/api/channels/${channelId}/messages/${message.id}`;
      for (const who of outsiders[kind]) {
        const tries: Array<[string, string, unknown]> = [
          ["GET", `/api/channels/${channelId}/messages`, undefined],
          ["GET", `/api/channels/${channelId}/messages?before=2`, undefined],
          ["POST", `/api/channels/${channelId}/messages`, { clientId: cid(), body: "let me in" }],
          ["PATCH", m, { body: "mine now" }],
          ["DELETE", m, undefined],
          ["POST", `${m}/reactions`, { emoji: "👀" }],
          ["POST", `/api/channels/${channelId}/read`, { seq: 1 }],
        ];
        for (const [method, path, body] of tries) {
          const res = await call(method, path, { cookie: who.cookie }, body);
          expect([403, 404], `${who.name} ${method} ${path}`).toContain(res.status);
          expect(["forbidden", "not_found"]).toContain(res.json.error?.code);
        }
      }
      expect((await call("GET", `/api/channels/${channelId}/messages`, asBob)).json.messages).toEqual(before);
    },
  );

  it("refuses every route without a session, and with a forged, malformed or unknown token", async () => {
    const path = `/api/channels/${channels.public}/messages`;
    for (const auth of [{}, { token: "nope" }, { token: bobToken.slice(0, -4) + "AAAA" }, { token: "x".repeat(5000) }]) {
      expect(await call("GET", path, auth)).toMatchObject({ status: 401, json: { ok: false, error: { code: "unauthorized" } } });
      expect(await call("POST", path, auth, { clientId: cid(), body: "hi" })).toMatchObject({
        status: 401,
        json: { error: { code: "unauthorized" } },
      });
    }
    // A bad Authorization header is not rescued by a good cookie.
    expect(await call("GET", path, { cookie: aliceCookie }, undefined, { authorization: "Basic abc" })).toMatchObject({ status: 401 });
  });

  it("refuses bad input cheaply with a clear code: huge and deep bodies, wrong types, unknown fields, bad queries and ids", async () => {
    const channelId = channels.group;
    const path = `/api/channels/${channelId}/messages`;
    const before = ((await call("GET", `${path}?limit=1`, asBob)).json.messages as ChatMessage[])[0]!.seq;
    const refusals: Array<[string, string, unknown, number, string, Record<string, string>?]> = [
      ["POST", path, { clientId: cid(), body: "x".repeat(2_000_000) }, 400, "validation"],
      ["POST", path, `{"clientId":"${cid()}","body":${"[".repeat(30_000)}${"]".repeat(30_000)}}`, 400, "validation"],
      ["POST", path, "[".repeat(60_000), 400, "validation"],
      ["POST", path, "{not json", 400, "validation"],
      ["POST", path, { clientId: 12345678, body: "x" }, 400, "validation"],
      ["POST", path, { clientId: cid(), body: { $gt: "" } }, 400, "validation"],
      ["POST", path, { clientId: cid(), body: "" }, 400, "validation"],
      ["POST", path, { clientId: cid(), body: "x".repeat(1001) }, 400, "validation"],
      ["POST", path, { clientId: "bad id!!", body: "x" }, 400, "validation"],
      ["POST", path, { clientId: cid(), body: "x", channelId: channels.public }, 400, "validation"],
      ["POST", path, [1, 2, 3], 400, "validation"],
      ["POST", path, null, 400, "validation"],
      ["POST", path, JSON.stringify({ clientId: cid(), body: "form" }), 415, "not_json", { "content-type": "text/plain" }],
      ["POST", `/api/channels/${channelId}/read`, { seq: -1 }, 400, "validation"],
      ["POST", `/api/channels/${channelId}/read`, { seq: "5" }, 400, "validation"],
      ["POST", `/api/channels/${channelId}/read`, { seq: 1e300 }, 400, "validation"],
      ["GET", `${path}?before=abc`, undefined, 400, "validation"],
      ["GET", `${path}?before=1&after=2`, undefined, 400, "validation"],
      ["GET", `${path}?before=1&before=2`, undefined, 400, "validation"],
      ["GET", `${path}?before=${"9".repeat(400)}`, undefined, 400, "validation"],
      ["GET", `${path}?limit=0`, undefined, 400, "validation"],
      ["GET", `${path}?limit=51`, undefined, 400, "validation"],
      ["GET", `${path}?whatever=1`, undefined, 400, "validation"],
      ["GET", `${path}?${"a".repeat(5000)}=1`, undefined, 400, "validation"],
      ["GET", `/api/channels/not-a-uuid/messages`, undefined, 403, "forbidden"],
      ["GET", `/api/channels/${"x".repeat(100)}/messages`, undefined, 400, "validation"],
      ["PATCH", `${path}/../../..`, { body: "x" }, 404, ""],
    ];
    for (const [method, p, body, status, code, headers] of refusals) {
      const res = await call(method, p, asBob, body, headers).catch((err: unknown) => ({
        status: -1,
        json: { err: String(err) } as never,
      }));
      expect(
        res.status,
        `${method} ${p.slice(0, 80)} ${String(typeof body === "string" ? body : JSON.stringify(body)).slice(0, 60)} ${JSON.stringify(res.json).slice(0, 300)}`,
      ).toBe(status);
      if (code) expect(res.json.error?.code).toBe(code);
    }
    // A chunked body (no Content-Length) is cut off at the cap, not buffered whole.
    let streamed = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (streamed > 50_000_000) return controller.close();
        streamed += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(0x20));
      },
    });
    const chunked = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${bobToken}`, "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect(await chunked.json()).toMatchObject({ error: { code: "validation", message: "Request body is too large" } });
    expect(streamed).toBeLessThan(10_000_000);
    // Nothing was stored, and the server still answers.
    const after = ((await call("GET", `${path}?limit=1`, asBob)).json.messages as ChatMessage[])[0]!.seq;
    expect(after).toBe(before);
  });

  it("refuses a cookie-authenticated state change from another origin, and takes a bearer request without any Origin", async () => {
    const channelId = channels.public;
    const path = `/api/channels/${channelId}/messages`;
    const forged = [
      { cookie: aliceCookie, origin: "https://evil.example" },
      { cookie: aliceCookie, origin: "null" },
      { cookie: aliceCookie, origin: `${server.origin}.evil.example` },
    ];
    const before = ((await call("GET", `${path}?limit=1`, asBob)).json.messages as ChatMessage[])[0]?.seq ?? 0;
    for (const auth of forged) {
      expect(await send(channelId, "forged", cid(), auth)).toMatchObject({ status: 403, json: { error: { code: "forbidden" } } });
      expect(await call("POST", `/api/channels/${channelId}/read`, auth, { seq: 1 })).toMatchObject({ status: 403 });
      expect(await call("DELETE", "/api/sessions/current", auth)).toMatchObject({ status: 403 });
    }
    expect(await send(channelId, "forged", cid(), { cookie: aliceCookie, origin: null }), "").toMatchObject({ status: 200 }); // no browser: no ambient cookie to abuse
    expect(
      await call("POST", path, { cookie: aliceCookie }, { clientId: cid(), body: "ours" }, { "sec-fetch-site": "cross-site" }),
    ).toMatchObject({ status: 200 }); // Origin in the allowlist
    expect(
      await call("POST", path, { cookie: aliceCookie, origin: null }, { clientId: cid(), body: "x" }, { "sec-fetch-site": "same-site" }),
    ).toMatchObject({ status: 403 });
    expect(await send(channelId, "from the app", cid(), { token: bobToken })).toMatchObject({ status: 200 });
    const after = ((await call("GET", `${path}?limit=1`, asBob)).json.messages as ChatMessage[])[0]!.seq;
    expect(after).toBe(before + 3);
  });

  it("shares the per-user send limit between the socket and HTTP: no second budget", async () => {
    setSendLimiter(memoryRateLimiter(3, 0.001));
    const channelId = channels.group;
    const bobSocket = await appSocket(bobToken);
    expect(await ask(bobSocket, "message:send", { channelId, clientId: cid(), body: "1" })).toMatchObject({ ok: true });
    expect((await send(channelId, "2")).status).toBe(200);
    expect(await ask(bobSocket, "message:send", { channelId, clientId: cid(), body: "3" })).toMatchObject({ ok: true });
    expect(await send(channelId, "4")).toMatchObject({ status: 429, json: { error: { code: "rate_limited" } } });
    expect(await ask(bobSocket, "message:send", { channelId, clientId: cid(), body: "5" })).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });

  it("signs an app in for a token with the sign-in form's limits; the token opens routes and sockets until its session ends", async () => {
    const wrong = await call("POST", "/api/sessions", {}, { email: "carol-api@example.test", password: "wrong-password" });
    expect(wrong).toMatchObject({ status: 401, json: { ok: false, error: { code: "invalid_credentials" } } });
    expect(await call("POST", "/api/sessions", {}, { email: "carol-api@example.test", password: "x".repeat(10_000) })).toMatchObject({
      status: 400,
      json: { error: { code: "validation" } },
    });
    expect(await call("POST", "/api/sessions", {}, { email: "carol-api@example.test" })).toMatchObject({ status: 400 });
    expect(
      await call(
        "POST",
        "/api/sessions",
        { origin: "https://evil.example" },
        { email: "carol-api@example.test", password: "Carol-pass-123" },
      ),
    ).toMatchObject({ status: 403 });
    const made = await call(
      "POST",
      "/api/sessions",
      {},
      { email: "Carol-API@example.test", password: "Carol-pass-123" },
      { "user-agent": "Moim/1.0 (Linux; Android 15)" },
    );
    expect(made).toMatchObject({
      status: 200,
      json: { ok: true, user: { id: carol.id, name: "Carol" }, sessionId: expect.any(String), token: expect.any(String) },
    });
    const token = made.json.token as string;
    expect(await call("GET", `/api/channels/${channels.public}/messages?limit=1`, { token })).toMatchObject({ status: 200 });
    const socket = await appSocket(token);
    expect(await ask(socket, "channel:join", { channelId: channels.public })).toMatchObject({ ok: true });
    // Without Origin a socket needs its token: a cookie alone (what another site could make a browser send) is not enough.
    await expect(appSocket(undefined, (await signInSession(carol.id)).cookie)).rejects.toThrow("unauthorized");
    await expect(appSocket("forged")).rejects.toThrow("unauthorized");

    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    expect(await call("DELETE", "/api/sessions/current", { token })).toMatchObject({ status: 200, json: { ok: true } });
    expect(await closed).toBe("io server disconnect");
    expect(await call("GET", `/api/channels/${channels.public}/messages`, { token })).toMatchObject({
      status: 401,
      json: { error: { code: "unauthorized" } },
    });
    await expect(appSocket(token)).rejects.toThrow("unauthorized");
  });

  it("ends app tokens with 'sign out everywhere else' from the browser", async () => {
    const made = await call("POST", "/api/sessions", {}, { email: "eve-api@example.test", password: "Eve-pass-123" });
    const token = made.json.token as string;
    const browser = (await signInSession(eve.id, eve.name)).cookie;
    expect(await call("GET", "/api/conversations", { token })).toMatchObject({ status: 200 });
    expect(await call("POST", "/api/sessions/revoke-others", { cookie: browser }, {})).toMatchObject({
      status: 200,
      json: { ended: expect.any(Number) },
    });
    expect(await call("GET", "/api/conversations", { token })).toMatchObject({ status: 401 });
    expect(await call("GET", "/api/conversations", { cookie: browser })).toMatchObject({ status: 200 });
  });

  it("holds token sign-ins to the per-account limit, with a clear code", async () => {
    setAuthLimits(buildAuthLimits({ signInAttemptsPerAccount: 2, signInAttemptsPerIp: 100, signUpsPerIpPerHour: 100 }));
    for (let i = 0; i < 2; i++)
      expect((await call("POST", "/api/sessions", {}, { email: "dave-api@example.test", password: "guess-guess" })).status).toBe(401);
    expect(await call("POST", "/api/sessions", {}, { email: "dave-api@example.test", password: "guess-guess" })).toMatchObject({
      status: 429,
      json: { error: { code: "sign_in_limited" } },
    });
    setAuthLimits(undefined);
  });
});
