import "server-only";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis, type RedisOptions } from "ioredis";
import { LIMITS } from "@/lib/limits";
import { memoryPresence, redisPresence, type PresenceStore } from "./presence-store";
import { memoryRateLimiter, UNDO_REFILL_PER_SECOND, type RateLimiter } from "./rate-limit";
import { areaLog } from "./ops/logger";
import { memoryVideoRooms, redisVideoRooms, type VideoRoomStore } from "./video-room-store";

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
  /**
   * Told when clients may have missed live events because Redis was unreachable: "here" once
   * this node hears broadcasts again (its sockets missed what other nodes sent meanwhile),
   * "everywhere" once it can publish again after dropping broadcasts (every node's sockets
   * may have missed them). Clients then catch up from the database.
   */
  onMissedEvents?(listener: (where: "here" | "everywhere") => void): void;
  /** Calls that ring, per caller and conversation (server/services/video-rooms.ts). */
  ringLimiter: RateLimiter;
  /** Each undo token is honoured once (server/undo-token.ts): one use, not refilled within its life. */
  undoLimiter: RateLimiter;
  /**
   * Told when the command connection (presence, video rooms) is ready again after Redis was
   * away: what Redis lost with a restart can be put back at once.
   */
  onCommandsBack?(listener: () => void): void;
  /** Rejects unless Redis answers a PING now (/readyz); absent without Redis. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

const redisLog = areaLog("redis");

export function inProcess(): ScaleOut {
  return {
    presence: memoryPresence(),
    videoRooms: memoryVideoRooms(),
    sendLimiter: memoryRateLimiter(LIMITS.sendBurst, LIMITS.sendPerSecond),
    ringLimiter: memoryRateLimiter(LIMITS.callRingsPerMinute, LIMITS.callRingsPerMinute / 60),
    undoLimiter: memoryRateLimiter(1, UNDO_REFILL_PER_SECOND),
    close: async () => {},
  };
}

/**
 * Three connections, each set for what it carries while Redis is away:
 * - commands (presence, video rooms, send limits): no offline queue and a command timeout, so a
 *   handler gets an error at once (a typed `unavailable`, or the local send limit) instead of
 *   waiting; a command cut off mid-flight is not re-sent later, after its caller was told it failed.
 * - pub (the adapter's broadcasts): queued until Redis is back and delivered then, never
 *   rejected after a few reconnect attempts; at most LIMITS.redisPublishBacklogMax wait, and
 *   past that the node drops them and has every client resync once it can publish again.
 * - sub (the adapter's subscriptions): re-subscribes on reconnect; once Redis has confirmed
 *   that, this node's clients resync, since whatever was published in between never reached it.
 */
export async function withRedis(url: string): Promise<ScaleOut> {
  const watcher = outageLog();
  const connect = async (name: string, options: RedisOptions) => {
    // Reconnect attempts at most a second apart (the default waits up to two), so clients catch up soon after Redis is back.
    const retryStrategy = (attempt: number) => Math.min(attempt * 100, 1000);
    const client = watcher.watch(name, new Redis(url, { lazyConnect: true, retryStrategy, ...options }));
    await client.connect(); // fail fast at start-up when Redis is unreachable
    return client;
  };
  const [commands, pub, sub] = await Promise.all([
    connect("commands", { enableOfflineQueue: false, commandTimeout: 1000, autoResendUnfulfilledCommands: false }),
    connect("pub", { maxRetriesPerRequest: null }),
    connect("sub", { maxRetriesPerRequest: null }),
  ]);
  const listeners: Array<(where: "here" | "everywhere") => void> = [];
  const tell = (where: "here" | "everywhere") => listeners.forEach((listener) => listener(where));
  const publishes = boundPublishBacklog(pub, LIMITS.redisPublishBacklogMax);
  const commandsBack: Array<() => void> = [];
  let commandsLost = false;
  commands.on("close", () => (commandsLost = !watcher.closing));
  commands.on("ready", () => {
    if (!commandsLost) return;
    commandsLost = false;
    commandsBack.forEach((listener) => listener());
  });
  pub.on("ready", () => publishes.takeDropped() && tell("everywhere"));
  let subscriptionLost = false;
  sub.on("close", () => (subscriptionLost = !watcher.closing));
  sub.on("ready", () => {
    if (!subscriptionLost) return;
    // ioredis re-sends the subscriptions before "ready" reaches us; the PING's reply comes
    // after Redis has processed them, so a catch-up read after it misses nothing.
    sub.ping().then(
      () => {
        subscriptionLost = false;
        tell("here");
      },
      () => undefined, // cut off again: the next "ready" tries again
    );
  });
  return {
    adapter: createAdapter(pub, sub, { key: "moim" }),
    presence: redisPresence(commands),
    videoRooms: redisVideoRooms(commands),
    sendLimiter: redisRateLimiter(commands, LIMITS.sendBurst, LIMITS.sendPerSecond),
    ringLimiter: redisRateLimiter(commands, LIMITS.callRingsPerMinute, LIMITS.callRingsPerMinute / 60, "call ring"),
    undoLimiter: redisRateLimiter(commands, 1, UNDO_REFILL_PER_SECOND, "undo"),
    onMissedEvents: (listener) => void listeners.push(listener),
    onCommandsBack: (listener) => void commandsBack.push(listener),
    ping: async () => void (await commands.ping()),
    close: async () => {
      watcher.closing = true;
      await Promise.allSettled([commands.quit(), pub.quit(), sub.quit()]);
    },
  };
}

/**
 * Error handlers for every client, and one log line when Redis becomes unreachable and one when
 * all clients are back, however many retries and errors come in between.
 */
function outageLog() {
  const down = new Set<string>();
  let since = 0;
  const state = {
    closing: false,
    watch(name: string, client: Redis): Redis {
      const lost = (err?: Error) => {
        if (state.closing || down.has(name)) return;
        if (down.size === 0) {
          since = Date.now();
          redisLog.error({ client: name, reason: err?.message ?? "connection closed" }, "Redis unreachable; sends are limited per node until it is back");
        }
        down.add(name);
      };
      client.on("error", lost);
      client.on("close", () => lost());
      client.on("ready", () => {
        if (!down.delete(name) || down.size > 0) return;
        redisLog.warn({ downSeconds: Number(((Date.now() - since) / 1000).toFixed(1)) }, "Redis reachable again");
      });
      return client;
    },
  };
  return state;
}

/**
 * The adapter publishes without awaiting: a publish that fails would be an unhandled rejection,
 * and one queued for an outage waits in memory. Wraps `publish` so that failures are counted,
 * not thrown, and at most `max` wait while the client is not ready.
 */
function boundPublishBacklog(pub: Redis, max: number) {
  let waiting = 0;
  let dropped = 0;
  const publish = pub.publish.bind(pub) as (channel: string | Buffer, message: string | Buffer) => Promise<number>;
  (pub as unknown as { publish: typeof publish }).publish = (channel, message) => {
    if (pub.status !== "ready" && waiting >= max) {
      dropped++;
      return Promise.resolve(0);
    }
    waiting++;
    return publish(channel, message).then(
      (receivers) => {
        waiting--;
        return receivers;
      },
      () => {
        waiting--;
        dropped++;
        return 0;
      },
    );
  };
  return {
    /** Whether broadcasts were dropped since the last call. */
    takeDropped(): boolean {
      const any = dropped > 0;
      dropped = 0;
      return any;
    },
  };
}

/**
 * The token bucket of ./rate-limit.ts, kept in Redis and timed by Redis's clock. While Redis is
 * unreachable (not ready, an error, or slower than LIMITS.redisSendLimitTimeoutMs) a bucket of
 * this node's answers at once with the same limits, so sends keep working; a user spread over
 * several nodes then gets each node's burst, which is the price of not refusing everyone.
 */
export function redisRateLimiter(redis: Redis, burst: number, perSecond: number, name = "send"): RateLimiter {
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
  const local = memoryRateLimiter(burst, perSecond);
  let onLocal = false;
  const fallBack = (key: string, why: string) => {
    if (!onLocal) redisLog.error({ limit: name, reason: why }, "limits counted on this node for now");
    onLocal = true;
    return local.take(key);
  };
  return {
    async take(key) {
      if (redis.status !== "ready") return fallBack(key, `client ${redis.status}`);
      let timer: NodeJS.Timeout | undefined;
      const call = redis.eval(script, 1, `moim:rl:${key}`, burst, perSecond);
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), LIMITS.redisSendLimitTimeoutMs)));
      try {
        const result = await Promise.race([call, late]);
        if (result === "late") {
          call.catch(() => undefined); // settles later (the client's command timeout); nobody waits for it
          return fallBack(key, `no answer in ${LIMITS.redisSendLimitTimeoutMs} ms`);
        }
        onLocal = false;
        return result === 1;
      } catch (err) {
        return fallBack(key, err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
