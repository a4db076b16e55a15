import "server-only";
import type { Redis } from "ioredis";
import type { MediaState, UserSummary } from "@/lib/realtime/contract";
import { redisCall } from "./redis-call";

/**
 * Who is in each video room right now (a room is a video channel, dm or group chat). An entry
 * is one socket; a user is in a room at most once (joining from a second tab takes the place of
 * the first). With Redis every node sees the same rooms, and a dead node's entries expire.
 */
export interface Participant extends UserSummary {
  socketId: string;
  media: MediaState;
}

/**
 * A call is the time a room is not empty: who started it, the most people in it at once, and
 * how long it lasted from the moment a second person came in (0 when no one answered).
 */
export interface CallRecord {
  callerId: string;
  peak: number;
  answeredMs: number;
}

export type JoinResult =
  | {
      ok: true;
      participants: Participant[];
      /** The user's earlier socket, now out of the room. */
      replaced: string | null;
      /** The room was empty: this join started a call. */
      started: boolean;
    }
  | { ok: false; reason: "full"; participants: Participant[] };

export interface LeaveResult {
  participants: Participant[];
  /** The room is empty now: the call that just ended. */
  ended: CallRecord | null;
}

export interface VideoRoomStore {
  /** Enters a room unless it already holds `cap` other users. */
  join(roomId: string, who: Participant, cap: number): Promise<JoinResult>;
  /** Takes a socket out of a room. */
  leave(roomId: string, socketId: string): Promise<LeaveResult>;
  /** Takes a user's sockets (or, with null, everyone's) out of a room: access was taken away. */
  evict(roomId: string, userId: string | null): Promise<{ gone: string[] } & LeaveResult>;
  /** Records a participant's mic/camera/screen state; false if the socket is not in the room. */
  setMedia(roomId: string, socketId: string, media: MediaState): Promise<boolean>;
  participants(roomId: string): Promise<Participant[]>;
  /** Rooms whose entries from dead nodes expired (no heartbeat): the sockets gone, who is left. */
  sweep(): Promise<Array<{ roomId: string; gone: string[] } & LeaveResult>>;
  /**
   * Keeps this node's entries alive in the shared store, and puts back any the store lost
   * (Redis restarted without them, or this node stalled past their expiry) while the socket is
   * still in the room here. Resolves with one row per entry that came back: its room and who is
   * in that room once it is back.
   */
  heartbeat(entries: Array<{ roomId: string; participant: Participant }>): Promise<Array<{ roomId: string; participants: Participant[] }>>;
  close(): Promise<void>;
}

export const VIDEO_ROOM_TTL_MS = 30_000;

export function memoryVideoRooms(): VideoRoomStore {
  const rooms = new Map<string, Participant[]>();
  const calls = new Map<string, { callerId: string; peak: number; answeredAt: number | null }>();
  const list = (roomId: string) => rooms.get(roomId) ?? [];
  return {
    async join(roomId, who, cap) {
      const current = list(roomId);
      const earlier = current.find((p) => p.id === who.id) ?? null;
      const others = current.filter((p) => p.id !== who.id);
      if (others.length >= cap) return { ok: false, reason: "full", participants: current };
      const participants = [...others, who];
      rooms.set(roomId, participants);
      const call = calls.get(roomId) ?? { callerId: who.id, peak: 0, answeredAt: null };
      const answeredAt = call.answeredAt ?? (participants.length >= 2 ? Date.now() : null);
      calls.set(roomId, { ...call, peak: Math.max(call.peak, participants.length), answeredAt });
      return {
        ok: true,
        participants,
        replaced: earlier && earlier.socketId !== who.socketId ? earlier.socketId : null,
        started: current.length === 0,
      };
    },
    async leave(roomId, socketId) {
      const participants = list(roomId).filter((p) => p.socketId !== socketId);
      if (participants.length) {
        rooms.set(roomId, participants);
        return { participants, ended: null };
      }
      rooms.delete(roomId);
      const call = calls.get(roomId);
      calls.delete(roomId);
      const ended = call ? { callerId: call.callerId, peak: call.peak, answeredMs: call.answeredAt === null ? 0 : Date.now() - call.answeredAt } : null;
      return { participants, ended };
    },
    async evict(roomId, userId) {
      const gone = list(roomId).filter((p) => userId === null || p.id === userId);
      let result: LeaveResult = { participants: list(roomId), ended: null };
      for (const p of gone) result = await this.leave(roomId, p.socketId);
      return { gone: gone.map((p) => p.socketId), ...result };
    },
    async setMedia(roomId, socketId, media) {
      const entry = list(roomId).find((p) => p.socketId === socketId);
      if (entry) entry.media = media;
      return !!entry;
    },
    async participants(roomId) {
      return list(roomId);
    },
    async sweep() {
      return []; // one process: sockets leave through leave()
    },
    async heartbeat() {
      return []; // the entries live with the sockets: nothing to lose
    },
    async close() {},
  };
}

/**
 * Video rooms in Redis: per room a hash `rtc:room:<id>` of socketId → JSON entry with an expiry
 * (Redis time), and a hash `rtc:call:<id>` with the call's caller, peak and answer time. Every operation is
 * one script, so the cap holds across nodes; `rtc:rooms` lists non-empty rooms for the sweep.
 */
export function redisVideoRooms(redis: Redis, { ttlMs = VIDEO_ROOM_TTL_MS, prefix = "moim" } = {}): VideoRoomStore {
  const keys = (roomId: string) => [`${prefix}:rtc:room:${roomId}`, `${prefix}:rtc:rooms`, `${prefix}:rtc:call:${roomId}`];

  // ARGV: op (join|leave|evict|media|touch|list|sweep), socketId, JSON (entry or media), userId ('' with evict: all), cap, ttl, roomId.
  // A touch whose entry is missing or expired puts the entry back (status 'restored'): the
  // socket is still in the room on its node. Its call record starts again if it was lost too.
  // Expired entries count as gone; only a sweep deletes them and reports their sockets (so a
  // dead node's people get a peerLeft), unless the room is empty of live entries, which ends it.
  // Returns { status, replaced socket, started, ended caller, ended peak, gone sockets (JSON), ended answered ms, live entries... }.
  const script = `
    local t = redis.call('TIME')
    local now = t[1] * 1000 + math.floor(t[2] / 1000)
    local op, sid, arg, uid, cap, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
    local flat = redis.call('HGETALL', KEYS[1])
    local live, gone, hadEvicted = {}, {}, false
    for i = 1, #flat, 2 do
      local e = cjson.decode(flat[i + 1])
      if op == 'evict' and (uid == '' or e.id == uid) then
        if e.exp > now then hadEvicted = true end
        table.insert(gone, flat[i])
        redis.call('HDEL', KEYS[1], flat[i])
      elseif e.exp > now then
        live[flat[i]] = e
      elseif op == 'sweep' then
        table.insert(gone, flat[i])
        redis.call('HDEL', KEYS[1], flat[i])
      end
    end
    local hadAnyone = next(live) ~= nil or #gone > 0 or hadEvicted
    local status, replaced, started = 'ok', '', '0'
    -- An entry into the room (a join, or a live socket's entry restored after Redis lost it):
    -- its expiry and join order, then the call record's peak and "answered".
    local function enter(e)
      e.exp = now + ttl
      e.order = redis.call('HINCRBY', KEYS[3], 'joins', 1)
      live[sid] = e
      redis.call('HSET', KEYS[1], sid, cjson.encode(e))
      local n = 0
      for _ in pairs(live) do n = n + 1 end
      if n > tonumber(redis.call('HGET', KEYS[3], 'peak') or '0') then redis.call('HSET', KEYS[3], 'peak', n) end
      if n >= 2 then redis.call('HSETNX', KEYS[3], 'answered', now) end
    end
    if op == 'join' then
      local others = 0
      for s, e in pairs(live) do if e.id ~= uid then others = others + 1 end end
      if others >= cap then
        status = 'full'
      else
        for s, e in pairs(live) do
          if e.id == uid and s ~= sid then replaced = s; live[s] = nil; redis.call('HDEL', KEYS[1], s) end
        end
        if not hadAnyone then
          started = '1'
          redis.call('DEL', KEYS[3])
          redis.call('HSET', KEYS[3], 'caller', uid, 'peak', 0)
        end
        enter(cjson.decode(arg))
      end
    elseif op == 'leave' then
      live[sid] = nil
      redis.call('HDEL', KEYS[1], sid)
    elseif op == 'touch' and not live[sid] then
      local e = cjson.decode(arg)
      status = 'restored'
      if redis.call('HEXISTS', KEYS[3], 'caller') == 0 then redis.call('HSET', KEYS[3], 'caller', e.id, 'peak', 0) end
      enter(e)
    elseif (op == 'touch' or op == 'media') and live[sid] then
      if op == 'media' then live[sid].media = cjson.decode(arg) else live[sid].exp = now + ttl end
      redis.call('HSET', KEYS[1], sid, cjson.encode(live[sid]))
    elseif op == 'media' then
      status = 'absent'
    end
    local out = { status, replaced, started, '', '0', cjson.encode(gone), '0' }
    if next(live) == nil and hadAnyone then
      local call = redis.call('HMGET', KEYS[3], 'caller', 'peak', 'answered')
      if call[1] then out[4] = call[1]; out[5] = call[2] end
      if call[3] then out[7] = tostring(now - tonumber(call[3])) end
      redis.call('DEL', KEYS[3])
    end
    -- Rooms with any entry (even expired ones a sweep has yet to report) stay listed.
    if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[7]) else redis.call('SADD', KEYS[2], ARGV[7]) end
    for _, e in pairs(live) do table.insert(out, cjson.encode(e)) end
    return out`;

  const run = async (roomId: string, op: string, socketId = "", arg = "{}", userId = "", cap = 0) => {
    const [status, replaced, started, endedCaller, endedPeak, goneJson, answeredMs, ...raw] = (await redisCall(
      redis.eval(script, 3, ...keys(roomId), op, socketId, arg, userId, cap, ttlMs, roomId),
    )) as string[];
    const participants = raw
      .map((r) => JSON.parse(r) as Participant & { exp: number; order: number })
      .sort((a, b) => a.order - b.order)
      .map(({ exp: _exp, order: _order, ...p }) => p);
    const ended = endedCaller ? { callerId: endedCaller, peak: Number(endedPeak), answeredMs: Number(answeredMs) } : null;
    // cjson encodes an empty table as {}
    const gone = JSON.parse(goneJson!) as string[] | Record<string, never>;
    return { status, replaced: replaced || null, started: started === "1", ended, participants, gone: Array.isArray(gone) ? gone : [] };
  };

  return {
    async join(roomId, who, cap) {
      const r = await run(roomId, "join", who.socketId, JSON.stringify(who), who.id, cap);
      return r.status === "full"
        ? { ok: false, reason: "full", participants: r.participants }
        : { ok: true, participants: r.participants, replaced: r.replaced, started: r.started };
    },
    async leave(roomId, socketId) {
      const { participants, ended } = await run(roomId, "leave", socketId);
      return { participants, ended };
    },
    async evict(roomId, userId) {
      const { gone, participants, ended } = await run(roomId, "evict", "", "{}", userId ?? "");
      return { gone, participants, ended };
    },
    async setMedia(roomId, socketId, media) {
      return (await run(roomId, "media", socketId, JSON.stringify(media))).status !== "absent";
    },
    async participants(roomId) {
      return (await run(roomId, "list")).participants;
    },
    async sweep() {
      const changed: Array<{ roomId: string; gone: string[] } & LeaveResult> = [];
      for (const roomId of await redisCall(redis.smembers(keys("")[1]!))) {
        const { participants, ended, gone } = await run(roomId, "sweep");
        if (gone.length) changed.push({ roomId, gone, participants, ended });
      }
      return changed;
    },
    async heartbeat(entries) {
      const results = await Promise.all(entries.map((e) => run(e.roomId, "touch", e.participant.socketId, JSON.stringify(e.participant))));
      return results.flatMap((r, i) => (r.status === "restored" ? [{ roomId: entries[i]!.roomId, participants: r.participants }] : []));
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
