import "server-only";
import type { Redis } from "ioredis";
import type { UserSummary } from "@/lib/realtime/contract";

/**
 * Who is in each video room right now (a room is a video channel, dm or group chat). An entry
 * is one socket; a user is in a room at most once (joining from a second tab takes the place of
 * the first). With Redis every node sees the same rooms, and a dead node's entries expire.
 */
export interface Participant extends UserSummary {
  socketId: string;
}

export type JoinResult =
  | { ok: true; participants: Participant[]; /** The user's earlier socket, now out of the room. */ replaced: string | null }
  | { ok: false; reason: "full"; participants: Participant[] };

export interface VideoRoomStore {
  /** Enters a room unless it already holds `cap` other users. */
  join(roomId: string, who: Participant, cap: number): Promise<JoinResult>;
  /** Takes a socket out of a room; returns who is left. */
  leave(roomId: string, socketId: string): Promise<Participant[]>;
  participants(roomId: string): Promise<Participant[]>;
  /** Rooms whose entries from dead nodes expired (no heartbeat), with who is left in each. */
  sweep(): Promise<Array<{ roomId: string; participants: Participant[] }>>;
  /** Keeps this node's entries alive in the shared store. */
  heartbeat(entries: Array<{ roomId: string; socketId: string }>): Promise<void>;
  close(): Promise<void>;
}

export const VIDEO_ROOM_TTL_MS = 30_000;

export function memoryVideoRooms(): VideoRoomStore {
  const rooms = new Map<string, Participant[]>();
  const list = (roomId: string) => rooms.get(roomId) ?? [];
  return {
    async join(roomId, who, cap) {
      const current = list(roomId);
      const earlier = current.find((p) => p.id === who.id) ?? null;
      const others = current.filter((p) => p.id !== who.id);
      if (others.length >= cap) return { ok: false, reason: "full", participants: current };
      const participants = [...others, who];
      rooms.set(roomId, participants);
      return { ok: true, participants, replaced: earlier && earlier.socketId !== who.socketId ? earlier.socketId : null };
    },
    async leave(roomId, socketId) {
      const participants = list(roomId).filter((p) => p.socketId !== socketId);
      if (participants.length) rooms.set(roomId, participants);
      else rooms.delete(roomId);
      return participants;
    },
    async participants(roomId) {
      return list(roomId);
    },
    async sweep() {
      return []; // one process: sockets leave through leave()
    },
    async heartbeat() {},
    async close() {},
  };
}

/**
 * Video rooms in Redis: per room a hash `rtc:room:<id>` of socketId → JSON entry with an expiry
 * (Redis time). Join is one script, so the cap holds across nodes; `rtc:rooms` lists rooms with
 * entries so a sweep finds the expired ones of a dead node.
 */
export function redisVideoRooms(redis: Redis, { ttlMs = VIDEO_ROOM_TTL_MS, prefix = "moim" } = {}): VideoRoomStore {
  const key = (roomId: string) => `${prefix}:rtc:room:${roomId}`;
  const ROOMS = `${prefix}:rtc:rooms`;

  // ARGV: op (join|leave|list|touch), socketId, entry JSON, userId, cap, ttl, roomId.
  // Drops expired entries first; returns { status, live entries..., replaced socket }.
  const script = `
    local t = redis.call('TIME')
    local now = t[1] * 1000 + math.floor(t[2] / 1000)
    local op, sid, entry, uid, cap, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
    local flat = redis.call('HGETALL', KEYS[1])
    local live, mine = {}, nil
    for i = 1, #flat, 2 do
      local e = cjson.decode(flat[i + 1])
      if e.exp > now then
        if op == 'join' and e.id == uid and flat[i] ~= sid then mine = flat[i]
        elseif not (op == 'leave' and flat[i] == sid) then table.insert(live, flat[i + 1]) end
      else
        redis.call('HDEL', KEYS[1], flat[i])
      end
    end
    local status = 'ok'
    if op == 'join' then
      local others = 0
      for _, raw in ipairs(live) do if cjson.decode(raw).id ~= uid then others = others + 1 end end
      if others >= cap then
        status = 'full'
        if mine then table.insert(live, redis.call('HGET', KEYS[1], mine)) ; mine = nil end
      else
        if mine then redis.call('HDEL', KEYS[1], mine) end
        local e = cjson.decode(entry)
        e.exp = now + ttl
        local encoded = cjson.encode(e)
        redis.call('HSET', KEYS[1], sid, encoded)
        local kept = {}
        for _, raw in ipairs(live) do if cjson.decode(raw).socketId ~= sid then table.insert(kept, raw) end end
        table.insert(kept, encoded)
        live = kept
      end
    elseif op == 'leave' then
      redis.call('HDEL', KEYS[1], sid)
    elseif op == 'touch' then
      local raw = redis.call('HGET', KEYS[1], sid)
      if raw then
        local e = cjson.decode(raw)
        e.exp = now + ttl
        redis.call('HSET', KEYS[1], sid, cjson.encode(e))
      end
    end
    if #live == 0 then redis.call('SREM', KEYS[2], ARGV[7]) else redis.call('SADD', KEYS[2], ARGV[7]) end
    return { status, mine or '', unpack(live) }`;

  const run = async (roomId: string, op: string, socketId = "", entry = "{}", userId = "", cap = 0) => {
    const [status, replaced, ...raw] = (await redis.eval(
      script,
      2,
      key(roomId),
      ROOMS,
      op,
      socketId,
      entry,
      userId,
      cap,
      ttlMs,
      roomId,
    )) as string[];
    const participants = raw
      .map((r) => JSON.parse(r) as Participant & { exp: number; joinedAt: number })
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map(({ exp: _exp, joinedAt: _at, ...p }) => p);
    return { status, replaced: replaced || null, participants };
  };

  return {
    async join(roomId, who, cap) {
      const { status, replaced, participants } = await run(
        roomId,
        "join",
        who.socketId,
        JSON.stringify({ ...who, joinedAt: Date.now() }),
        who.id,
        cap,
      );
      return status === "full" ? { ok: false, reason: "full", participants } : { ok: true, participants, replaced };
    },
    async leave(roomId, socketId) {
      return (await run(roomId, "leave", socketId)).participants;
    },
    async participants(roomId) {
      return (await run(roomId, "list")).participants;
    },
    async sweep() {
      const changed: Array<{ roomId: string; participants: Participant[] }> = [];
      for (const roomId of await redis.smembers(ROOMS)) {
        const before = await redis.hlen(key(roomId));
        const { participants } = await run(roomId, "list");
        if (participants.length !== before) changed.push({ roomId, participants });
      }
      return changed;
    },
    async heartbeat(entries) {
      await Promise.all(entries.map((e) => run(e.roomId, "touch", e.socketId)));
    },
    async close() {},
  };
}

/**
 * The process's store. Route handlers and server components (Next's bundle) read occupancy
 * too, so it lives on globalThis like the database and the Socket.IO server.
 */
const registry = globalThis as unknown as { __moimVideoRooms?: VideoRoomStore };

export function setVideoRoomStore(store: VideoRoomStore | undefined): void {
  registry.__moimVideoRooms = store;
}

export function videoRoomStore(): VideoRoomStore {
  return (registry.__moimVideoRooms ??= memoryVideoRooms());
}
