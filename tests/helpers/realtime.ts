import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientEvent,
  type ClientPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type UserSummary,
} from "@/lib/realtime/contract";
import { createRealtimeServer } from "@/server/realtime";
import type { ScaleOut } from "@/server/scale";
import type { RealtimeOptions } from "@/server/realtime";
import { setEventSink } from "@/server/events/sink";
import type { RealtimeServer } from "@/server/realtime/socket-sink";
import { startSession } from "@/server/services/sessions";
import { signUp } from "@/server/services/users";

/** Connection limits high enough that no suite but the abuse test meets them. */
export const UNLIMITED_CONNECTIONS = { socketsPerUser: 1000, connectionsPerIpPerMinute: 100_000 };
/** A per-socket send budget to go with a raised per-user send limit (suites that send in bulk). */
export const BULK_SENDS = { socketSendBurst: 10_000, socketSendsPerSecond: 10_000 };
export const TEST_SECRET = "test-secret-that-is-long-enough-123";
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real Socket.IO server (no Next) on a random port, using the process-wide database. */
export async function startRealtime(
  options: {
    scale?: ScaleOut;
    limits?: RealtimeOptions["limits"];
    /** Answers the HTTP requests that are not Socket.IO's (tests/helpers/api-server.ts serves app/api); else 404. */
    handle?: (req: IncomingMessage, res: ServerResponse, allowedOrigins: ReadonlySet<string>) => void;
  } = {},
): Promise<{ url: string; origin: string; io: RealtimeServer; close: () => Promise<void> }> {
  let allowedOrigins: ReadonlySet<string> = new Set();
  const http: HttpServer = createServer((req, res) => (options.handle ? options.handle(req, res, allowedOrigins) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  // Suites open many sockets from one address: the abuse limits are tested on their own (tests/abuse.test.ts).
  const limits = { ...UNLIMITED_CONNECTIONS, ...options.limits };
  allowedOrigins = new Set([origin]);
  const io = createRealtimeServer(http, { allowedOrigins, authSecret: TEST_SECRET, scale: options.scale, limits });
  return {
    url: `http://127.0.0.1:${port}`,
    origin,
    io,
    close: async () => {
      setEventSink(undefined);
      await io.close();
    },
  };
}

/** A real session row for the user (in the process-wide database) and the cookie next-auth would have set for it. */
export async function signInSession(userId: string, name = "Test"): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await startSession(userId, "vitest");
  return { cookie: await cookieFor({ sub: userId, name, sid: sessionId }), sessionId };
}

/**
 * Signs up one account per name (`<name>-<tag>@example.test`) and signs each in: the users and
 * their session cookies, by name.
 */
export async function signedInPeople<N extends string>(names: readonly N[], tag: string): Promise<{ users: Record<N, UserSummary>; cookies: Record<N, string> }> {
  const users = {} as Record<N, UserSummary>;
  const cookies = {} as Record<N, string>;
  for (const name of names) {
    users[name] = await signUp({ email: `${name.toLowerCase()}-${tag}@example.test`, password: `${name}-pass-123`, name });
    cookies[name] = (await signInSession(users[name].id, name)).cookie;
  }
  return { users, cookies };
}

/** The session cookie next-auth would have set for this user at sign-in. */
export async function sessionCookie(userId: string, name = "Test"): Promise<string> {
  return (await signInSession(userId, name)).cookie;
}

/**
 * Like sessionCookie, for a server process (tests/helpers/node-main.ts) that owns its database:
 * the node starts the session row itself.
 */
export async function sessionCookieOn(node: { url: string }, userId: string, name = "Test"): Promise<string> {
  const res = await fetch(`${node.url}/test/sign-in/${userId}`, { method: "POST" });
  if (!res.ok) throw new Error(`sign-in on the node failed: ${res.status}`);
  const { sessionId } = (await res.json()) as { sessionId: string };
  return cookieFor({ sub: userId, name, sid: sessionId });
}

/** A cookie carrying exactly this token (e.g. one from before sessions were rows, without `sid`). */
export async function cookieFor(token: { sub: string; name: string; sid?: string }): Promise<string> {
  return `next-auth.session-token=${await encode({ token, secret: TEST_SECRET })}`;
}

/** Connects as a user; resolves once connected, rejects with the handshake error. */
export function connectAs(
  server: { url: string; origin: string },
  cookie: string | null,
  /** `ip`: the client's address as a trusted proxy would forward it (for a server with trustProxy). */
  options: { origin?: string; protocol?: number; ip?: string } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { protocol: options.protocol ?? PROTOCOL_VERSION },
    extraHeaders: {
      origin: options.origin ?? server.origin,
      ...(cookie ? { cookie } : {}),
      ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function ask<E extends ClientEvent>(socket: TestSocket, event: E, payload: ClientPayload<E>): Promise<Ack<E>> {
  const timed = socket.timeout(5000) as unknown as { emitWithAck(e: E, p: ClientPayload<E>): Promise<Ack<E>> };
  return timed.emitWithAck(event, payload);
}

/** Resolves with the next event of that name on a socket (fails after 5 s). */
export function nextEvent<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    socket.once(
      event as never,
      ((payload: never) => {
        clearTimeout(timer);
        resolve(payload);
      }) as never,
    );
  });
}

/** Connects users to a test server as they are needed; `closeAll` closes every socket it opened. */
export function socketPool(server: () => { url: string; origin: string }) {
  const open: TestSocket[] = [];
  return {
    connect: async (userId: string) => {
      const socket = await connectAs(server(), await sessionCookie(userId));
      open.push(socket);
      return socket;
    },
    closeAll: () => {
      for (const socket of open.splice(0)) socket.close();
    },
  };
}

/** Collects what a socket receives of one event. */
export function inbox<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E) {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => got.push(payload)) as never);
  return got;
}

/** A round trip per socket: whatever was emitted to it before has been delivered by then. */
export async function settle(...sockets: TestSocket[]) {
  await Promise.all(sockets.map((s) => ask(s, "channel:leave", { channelId: "00000000-0000-7000-8000-000000000000" })));
}
