import { describe, expect, it } from "vitest";
import { memoryRateLimiter } from "@/server/rate-limit";

describe("token bucket", () => {
  it("allows a burst, then one send per refill interval, per key", async () => {
    let now = 0;
    const limiter = memoryRateLimiter(3, 2, () => now);
    const takes = async (n: number, key = "a") => {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) out.push(await limiter.take(key));
      return out;
    };
    expect(await takes(4)).toEqual([true, true, true, false]);
    expect(await takes(1, "b")).toEqual([true]);
    now += 499;
    expect(await takes(1)).toEqual([false]);
    now += 1;
    expect(await takes(2)).toEqual([true, false]);
    now += 10_000; // refills to the burst, no further
    expect(await takes(4)).toEqual([true, true, true, false]);
  });
});
