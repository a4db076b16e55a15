import "server-only";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { LIMITS } from "@/lib/limits";
import { memoryPresence, redisPresence, type PresenceStore } from "./presence";
import { memoryRateLimiter, type RateLimiter } from "./rate-limit";
import { memoryVideoRooms, redisVideoRooms, type VideoRoomStore } from "./video-rooms";

/**
 * What changes when Moim runs on several nodes: with REDIS_URL, Socket.IO broadcasts through
 * Redis pub/sub, and presence, video rooms and send rate limits live in Redis so every node sees the same.
 * Without it, all three stay in this process.
 */
export interface ScaleOut {
  adapter?: ReturnType<typeof createAdapter>;
  presence: PresenceStore;
  videoRooms: VideoRoomStore;
  sendLimiter: RateLimiter;
  /** Calls that ring, per caller and conversation (server/services/video-rooms.ts). */
  ringLimiter: RateLimiter;
  close(): Promise<void>;
}

export function inProcess(): ScaleOut {
  return {
    presence: memoryPresence(),
    videoRooms: memoryVideoRooms(),
    sendLimiter: memoryRateLimiter(LIMITS.sendBurst, LIMITS.sendPerSecond),
    ringLimiter: memoryRateLimiter(LIMITS.callRingsPerMinute, LIMITS.callRingsPerMinute / 60),
    close: async () => {},
  };
}

export async function withRedis(url: string): Promise<ScaleOut> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await pub.connect(); // fail fast at start-up when Redis is unreachable
  const sub = pub.duplicate();
  return {
    adapter: createAdapter(pub, sub, { key: "moim" }),
    presence: redisPresence(pub),
    videoRooms: redisVideoRooms(pub),
    sendLimiter: redisRateLimiter(pub, LIMITS.sendBurst, LIMITS.sendPerSecond),
    ringLimiter: redisRateLimiter(pub, LIMITS.callRingsPerMinute, LIMITS.callRingsPerMinute / 60),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

/** The token bucket of ./rate-limit.ts, kept in Redis and timed by Redis's clock. */
export function redisRateLimiter(redis: Redis, burst: number, perSecond: number): RateLimiter {
  const script = `
    local t = redis.call('TIME')
    local now = t[1] * 1000 + math.floor(t[2] / 1000)
    local burst, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
    local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
    local tokens = math.min(burst, (tonumber(b[1]) or burst) + (now - (tonumber(b[2]) or now)) / 1000 * rate)
    local ok = 0
    if tokens >= 1 then tokens = tokens - 1; ok = 1 end
    redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
    redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
    return ok`;
  return {
    async take(key) {
      return (await redis.eval(script, 1, `moim:rl:${key}`, burst, perSecond)) === 1;
    },
  };
}
