import "server-only";
import type { Redis } from "ioredis";
import type { PresenceStatus } from "@/lib/realtime/contract";
import { redisCall } from "./redis-call";

/**
 * Who is online, across every tab and device (and, with Redis, every node). A user is online
 * when any of their sockets is active, idle when all are idle, offline when none is left.
 */

export type { PresenceStatus };

export interface PresenceStore {
  /** Records a socket's state; returns the user's status afterwards. */
  set(userId: string, socketId: string, idle: boolean): Promise<PresenceStatus>;
  /** Forgets a socket; returns the user's status afterwards. */
  remove(userId: string, socketId: string): Promise<PresenceStatus>;
  statuses(userIds: string[]): Promise<Record<string, PresenceStatus>>;
  /** At most `limit` users who are online or idle right now (in no particular order). */
  listOnline(limit: number): Promise<string[]>;
  /**
   * Users whose last socket died with its node (no heartbeat for PRESENCE_TTL_MS), now offline.
   * Each such user is reported by exactly one caller.
   */
  sweep(): Promise<string[]>;
  /** Keeps this node's sockets alive in the shared store. */
  heartbeat(sockets: Array<{ userId: string; socketId: string; idle: boolean }>): Promise<void>;
  close(): Promise<void>;
}

/** How long a socket counts without a heartbeat from its node: a dead node's users go offline within this plus a sweep. */
export const PRESENCE_TTL_MS = 30_000;
export const PRESENCE_HEARTBEAT_MS = 10_000;

function aggregate(idles: boolean[]): PresenceStatus {
  if (idles.length === 0) return "offline";
  return idles.some((idle) => !idle) ? "online" : "idle";
}

export function memoryPresence(): PresenceStore {
  const users = new Map<string, Map<string, boolean>>();
  const statusOf = (userId: string) => aggregate([...(users.get(userId)?.values() ?? [])]);
  return {
    async set(userId, socketId, idle) {
      const sockets = users.get(userId) ?? new Map<string, boolean>();
      sockets.set(socketId, idle);
      users.set(userId, sockets);
      return statusOf(userId);
    },
    async remove(userId, socketId) {
      const sockets = users.get(userId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) users.delete(userId);
      return statusOf(userId);
    },
    async statuses(userIds) {
      return Object.fromEntries(userIds.map((id) => [id, statusOf(id)]));
    },
    async listOnline(limit) {
      const online: string[] = [];
      // remove() forgets a user with no sockets left, so every key is online or idle.
      for (const userId of users.keys()) {
        if (online.length >= limit) break;
        online.push(userId);
      }
      return online;
    },
    async sweep() {
      return []; // one process: its sockets leave through remove()
    },
    async heartbeat() {},
    async close() {},
  };
}

/**
 * Shared presence in Redis. Per user a hash `presence:u:<id>` of socketId → "<idle>:<expiresAt>";
 * a sorted set `presence:due` holds each user at their earliest expiry, so any node can sweep
 * the users of a node that died. Times come from Redis, so node clocks do not matter.
 */
export function redisPresence(redis: Redis, { ttlMs = PRESENCE_TTL_MS, prefix = "moim" } = {}): PresenceStore {
  const key = (userId: string) => `${prefix}:presence:u:${userId}`;
  const DUE = `${prefix}:presence:due`;

  // Writes one socket's entry (or deletes it), drops expired entries, reschedules the user,
  // and returns the live entries' idle flags.
  const update = `
    local t = redis.call('TIME')
    local now = t[1] * 1000 + math.floor(t[2] / 1000)
    local ttl = tonumber(ARGV[4])
    if ARGV[2] == 'del' then redis.call('HDEL', KEYS[1], ARGV[1])
    elseif ARGV[2] ~= 'none' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + ttl)) end
    local flat = redis.call('HGETALL', KEYS[1])
    local idles, earliest = {}, nil
    for i = 1, #flat, 2 do
      local idle, exp = string.match(flat[i + 1], '^(%d):(%d+)$')
      exp = tonumber(exp)
      if exp and exp > now then
        table.insert(idles, idle)
        if not earliest or exp < earliest then earliest = exp end
      else
        redis.call('HDEL', KEYS[1], flat[i])
      end
    end
    if earliest then redis.call('ZADD', KEYS[2], earliest, ARGV[3]) else redis.call('ZREM', KEYS[2], ARGV[3]) end
    return idles`;

  const run = async (userId: string, socketId: string, op: string): Promise<PresenceStatus> => {
    const idles = (await redisCall(redis.eval(update, 2, key(userId), DUE, socketId, op, userId, ttlMs))) as string[];
    return aggregate(idles.map((i) => i === "1"));
  };

  return {
    set: (userId, socketId, idle) => run(userId, socketId, idle ? "1" : "0"),
    remove: (userId, socketId) => run(userId, socketId, "del"),
    async statuses(userIds) {
      const entries = await Promise.all(userIds.map(async (id) => [id, await run(id, "", "none")] as const));
      return Object.fromEntries(entries);
    },
    async listOnline(limit) {
      if (limit <= 0) return [];
      // The due set holds every user with a socket entry, scored by its earliest expiry: the
      // highest scores heartbeated last. A dead node's users stay in it until swept, so each
      // candidate is still checked (which also drops what has expired).
      const candidates = await redisCall(redis.zrevrange(DUE, 0, limit - 1));
      const statuses = await Promise.all(candidates.map((id) => run(id, "", "none")));
      return candidates.filter((_, i) => statuses[i] !== "offline");
    },
    async sweep() {
      const [seconds] = (await redisCall(redis.time())) as [number | string, number | string];
      const due = await redisCall(redis.zrangebyscore(DUE, 0, Number(seconds) * 1000));
      const gone: string[] = [];
      for (const userId of due) {
        if ((await run(userId, "", "none")) !== "offline") continue;
        // run() has already dropped the user from the due set; a short-lived marker makes sure
        // only one of the nodes sweeping at the same moment reports them.
        const marker = redis.set(`${prefix}:presence:swept:${userId}`, "1", "PX", Math.min(ttlMs, PRESENCE_HEARTBEAT_MS), "NX");
        if ((await redisCall(marker)) === "OK") gone.push(userId);
      }
      return gone;
    },
    async heartbeat(sockets) {
      await Promise.all(sockets.map((s) => run(s.userId, s.socketId, s.idle ? "1" : "0")));
    },
    async close() {},
  };
}

/**
 * The store the realtime server uses, for pages and routes that list who is online. It lives on
 * globalThis because route handlers (bundled by Next) and the custom server are separate module
 * graphs in one process. With no realtime server (scripts), nobody is online.
 */
const registry = globalThis as unknown as { __moimPresence?: PresenceStore };

export function setPresenceStore(store: PresenceStore | undefined): void {
  registry.__moimPresence = store;
}

export function presenceStore(): PresenceStore | undefined {
  return registry.__moimPresence;
}
