import { LIMITS } from "@/lib/limits";

/**
 * The client's copy of the server's per-user send budget (LIMITS.sendBurst, then
 * LIMITS.sendPerSecond; server/rate-limit.ts): a token bucket that says how long to wait before
 * the next send, so a fast burst goes out paced, in order, instead of being refused. Each
 * `reserve()` takes a token, borrowing ahead when none is left, and answers the wait in ms.
 */
export class SendPacer {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number = LIMITS.sendBurst,
    private readonly perSecond: number = LIMITS.sendPerSecond,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  reserve(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }
}
