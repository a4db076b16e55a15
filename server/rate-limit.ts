import "server-only";
import { LIMITS } from "@/lib/limits";

/**
 * Per-user token buckets: a burst, then a steady refill. In-process by default; with Redis
 * configured, the bucket lives in Redis so every node counts the same sends (see ./scale.ts).
 */
export interface RateLimiter {
  take(key: string): Promise<boolean>;
}

export function memoryRateLimiter(burst: number, perSecond: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
      b.at = t;
      buckets.set(key, b);
      if (buckets.size > 50_000) pruneFull(buckets, burst, perSecond, t);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}

/** Forget buckets that have refilled: they behave exactly like new ones. */
function pruneFull(buckets: Map<string, { tokens: number; at: number }>, burst: number, perSecond: number, t: number) {
  for (const [key, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * perSecond >= burst) buckets.delete(key);
}

const registry = globalThis as unknown as {
  __moimSendLimiter?: RateLimiter;
  __moimRingLimiter?: RateLimiter;
  __moimUndoLimiter?: RateLimiter;
  __moimUserEventLimiter?: RateLimiter;
  __moimSearchLimiter?: RateLimiter;
};

export function setSearchLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimSearchLimiter = limiter;
}

/** True if this user may search once more now: a search may scan every channel they read. */
export function takeSearchToken(userId: string): Promise<boolean> {
  registry.__moimSearchLimiter ??= memoryRateLimiter(LIMITS.searchBurst, LIMITS.searchesPerSecond);
  return registry.__moimSearchLimiter.take(`search:${userId}`);
}

/** An undo token's one use comes back only after this long, well past the token's own life. */
export const UNDO_REFILL_PER_SECOND = 1 / (10 * 60);

export function setUndoLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimUndoLimiter = limiter;
}

/** True the first time this undo token is used (on any node, with Redis), false after. */
export function takeUndoUse(nonce: string): Promise<boolean> {
  registry.__moimUndoLimiter ??= memoryRateLimiter(1, UNDO_REFILL_PER_SECOND);
  return registry.__moimUndoLimiter.take(`undo:${nonce}`);
}

export function setSendLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimSendLimiter = limiter;
}

export function setRingLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimRingLimiter = limiter;
}

/** True if this caller may ring this conversation once more now (LIMITS.callRingsPerMinute). */
export function takeRingToken(callerId: string, channelId: string): Promise<boolean> {
  registry.__moimRingLimiter ??= memoryRateLimiter(LIMITS.callRingsPerMinute, LIMITS.callRingsPerMinute / 60);
  return registry.__moimRingLimiter.take(`ring:${callerId}:${channelId}`);
}

/** True if the user may send one more message now. */
export function takeSendToken(userId: string): Promise<boolean> {
  registry.__moimSendLimiter ??= memoryRateLimiter(LIMITS.sendBurst, LIMITS.sendPerSecond);
  return registry.__moimSendLimiter.take(`send:${userId}`);
}

/**
 * True if the user may make one more database-touching request now (everything but sends,
 * which have the send limit): one budget per user on this node, shared by all their sockets'
 * events and their HTTP requests, so more tabs or an app beside them buy no bigger share.
 */
export function setUserEventLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimUserEventLimiter = limiter;
}

export function takeUserEventToken(userId: string): Promise<boolean> {
  registry.__moimUserEventLimiter ??= memoryRateLimiter(LIMITS.userEventBurst, LIMITS.userEventsPerSecond);
  return registry.__moimUserEventLimiter.take(userId);
}

const feedRegistry = globalThis as unknown as { __moimFeedLimiter?: RateLimiter };

export function setFeedLimiter(limiter: RateLimiter | undefined): void {
  feedRegistry.__moimFeedLimiter = limiter;
}

/**
 * True if this address may fetch a calendar feed once more now: calendar apps poll every few
 * minutes to hours, so a burst of 20 and one a minute refilling leaves room for a household
 * behind one address and none for guessing tokens.
 */
export function takeFeedToken(address: string): Promise<boolean> {
  feedRegistry.__moimFeedLimiter ??= memoryRateLimiter(20, 1 / 60);
  return feedRegistry.__moimFeedLimiter.take(`feed:${address}`);
}
