/** Setup through the app's real HTTP API: users, spaces, invites, memberships. */
import { encode } from "next-auth/jwt";
import type { ServerHandle } from "./server";

export interface BenchUser {
  index: number;
  id: string;
  name: string;
  /** `next-auth.session-token=<jwt>`, as the browser would send it. */
  cookie: string;
}

export interface BenchRoom {
  index: number;
  spaceId: string;
  channelId: string;
  inviteCode: string;
  /** Users of this room; the first is the space's owner. */
  members: BenchUser[];
}

type ApiBody = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

async function call<T>(server: ServerHandle, method: "POST" | "GET", path: string, body: object | null, cookie?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: ApiBody;
  try {
    json = JSON.parse(text) as ApiBody;
  } catch {
    throw new Error(`${method} ${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!json.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${json.error.code}: ${json.error.message}`);
  return json as unknown as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** A session cookie for a live session row (`sid`: server/session-token.ts). */
export async function sessionCookie(secret: string, userId: string, name: string, sid?: string): Promise<string> {
  const token = await encode({ token: { sub: userId, name, ...(sid ? { sid } : {}) }, secret });
  return `next-auth.session-token=${token}`;
}

/** Signs up and signs in `count` users (password hashing makes this the slow part of setup). */
export async function createUsers(server: ServerHandle, runTag: string, count: number): Promise<BenchUser[]> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return pool(indexes, 8, async (n) => {
    const name = `bench ${n}`;
    const account = { email: `bench-${runTag}-${n}@example.com`, password: `bench-pass-${n}-x` };
    const { user } = await call<{ user: { id: string } }>(server, "POST", "/api/signup", { ...account, name });
    // A session row of its own (POST /api/sessions): its token is what the session cookie holds.
    const { token } = await call<{ token: string }>(server, "POST", "/api/sessions", account);
    return { index: n, id: user.id, name, cookie: `next-auth.session-token=${token}` };
  });
}

/**
 * Makes `roomCount` spaces. `membersOf(room)` lists each room's users; the first creates the
 * space and an invite, the rest accept it.
 */
export async function createRooms(server: ServerHandle, roomCount: number, membersOf: (room: number) => BenchUser[]): Promise<BenchRoom[]> {
  const indexes = Array.from({ length: roomCount }, (_, i) => i);
  const rooms = await pool(indexes, 4, async (index): Promise<BenchRoom> => {
    const members = membersOf(index);
    const owner = members[0];
    if (!owner) throw new Error(`room ${index} has no members`);
    const { space } = await call<{ space: { id: string; defaultChannelId: string | null } }>(
      server,
      "POST",
      "/api/spaces",
      { name: `Bench room ${index}` },
      owner.cookie,
    );
    if (!space.defaultChannelId) throw new Error(`space ${space.id} has no default channel`);
    const { code } = await call<{ code: string }>(server, "POST", `/api/spaces/${space.id}/invites`, {}, owner.cookie);
    return { index, spaceId: space.id, channelId: space.defaultChannelId, inviteCode: code, members };
  });
  const joins = rooms.flatMap((room) => room.members.slice(1).map((user) => ({ room, user })));
  await pool(joins, 8, ({ room, user }) => call(server, "POST", `/api/invites/${room.inviteCode}`, {}, user.cookie));
  return rooms;
}
