import { describe, expect, it } from "vitest";
import { clientIpOf } from "@/server/client-ip";

const req = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded } }) as never;

describe("the client address", () => {
  it("is the connection's peer unless proxies are trusted, whatever X-Forwarded-For claims", () => {
    expect(clientIpOf(req("::ffff:203.0.113.7", "198.51.100.1"), 0)).toBe("203.0.113.7");
    expect(clientIpOf(req("::1"), 0)).toBe("::1");
  });

  it("behind n trusted proxies is the n-th forwarded entry from the right, so a forged leftmost entry is ignored", () => {
    expect(clientIpOf(req("10.0.0.2", "6.6.6.6, 198.51.100.1"), 1)).toBe("198.51.100.1");
    expect(clientIpOf(req("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9"), 2)).toBe("198.51.100.1");
  });

  it("falls back to the peer when the forwarded entry is missing or not an address", () => {
    expect(clientIpOf(req("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientIpOf(req("10.0.0.2", "not-an-ip"), 1)).toBe("10.0.0.2");
    expect(clientIpOf(req("10.0.0.2", "198.51.100.1"), 3)).toBe("10.0.0.2");
  });
});
