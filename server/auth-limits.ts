import "server-only";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { getConfig } from "./config";
import { areaLog } from "./ops/logger";

/**
 * Brute-force and sign-up limits (rate-limiter-flexible). Every sign-in attempt takes a point
 * from its account's and its address's budget before the password is checked, so parallel
 * guesses cannot slip past the count; a correct password gives them back. With REDIS_URL the
 * counts live in Redis (every node counts the same attempts), with an in-memory insurance
 * limiter per node so a Redis outage never blocks signing in.
 */
export interface AuthLimits {
  signInPerAccount: RateLimiterAbstract;
  signInPerIp: RateLimiterAbstract;
  signUpPerIp: RateLimiterAbstract;
}

export interface AuthLimitOptions {
  signInAttemptsPerAccount: number;
  signInAttemptsPerIp: number;
  signUpsPerIpPerHour: number;
  /** Defaults to LIMITS.signInWindowSeconds; tests shorten it. */
  signInWindowSeconds?: number;
}

/** A refusal that says when to try again (the sign-in form shows the minutes). */
export class RetryLater extends AppError {
  constructor(
    code: "sign_in_limited" | "sign_up_limited",
    readonly retryAfterSeconds: number,
  ) {
    super(code, `Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

export function buildAuthLimits(options: AuthLimitOptions, redis?: Redis): AuthLimits {
  const window = options.signInWindowSeconds ?? LIMITS.signInWindowSeconds;
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    // Not ready (down, reconnecting): straight to the node's own count instead of waiting.
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `moim:${keyPrefix}`, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true });
  };
  return {
    signInPerAccount: limiter("signin-account", options.signInAttemptsPerAccount, window),
    signInPerIp: limiter("signin-ip", options.signInAttemptsPerIp, window),
    signUpPerIp: limiter("signup-ip", options.signUpsPerIpPerHour, 60 * 60),
  };
}

const registry = globalThis as unknown as { __moimAuthLimits?: AuthLimits };

/** For tests: small limits to test them, or none of the configured ones. */
export function setAuthLimits(limits: AuthLimits | undefined): void {
  registry.__moimAuthLimits = limits;
}

function authLimits(): AuthLimits {
  if (!registry.__moimAuthLimits) {
    const config = getConfig();
    registry.__moimAuthLimits = buildAuthLimits(config.abuse, config.redisUrl ? limiterRedis(config.redisUrl) : undefined);
  }
  return registry.__moimAuthLimits;
}

function limiterRedis(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
  let failing = false;
  redis.on("error", (err) => {
    if (!failing) areaLog("auth-limits").error({ err }, "Redis unreachable; counting sign-ins on this node until it is back");
    failing = true;
  });
  redis.on("ready", () => (failing = false));
  return redis;
}

/**
 * Takes one attempt from the address's and the account's budgets, or refuses the sign-in. A
 * refusal by one limiter costs nothing from the other, so a person behind a busy address does
 * not also lock their account by retrying, nor the other way round.
 */
export async function takeSignInAttempt(email: string, ip: string): Promise<void> {
  const limits = authLimits();
  await take(limits.signInPerIp, ip, "sign_in_limited");
  try {
    await take(limits.signInPerAccount, email, "sign_in_limited");
  } catch (err) {
    await limits.signInPerIp.reward(ip, 1);
    throw err;
  }
}

/** A correct password: the account's failures are forgiven and the address's attempt given back. */
export async function signInSucceeded(email: string, ip: string): Promise<void> {
  const limits = authLimits();
  await Promise.all([limits.signInPerAccount.delete(email), limits.signInPerIp.reward(ip, 1)]);
}

/** Takes one sign-up from the address's hourly budget, or refuses it. */
export async function takeSignUp(ip: string): Promise<void> {
  await take(authLimits().signUpPerIp, ip, "sign_up_limited");
}

async function take(limiter: RateLimiterAbstract, key: string, code: "sign_in_limited" | "sign_up_limited") {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new RetryLater(code, Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    throw res;
  }
}
