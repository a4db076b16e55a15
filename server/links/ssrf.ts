import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where the server may connect on a user's behalf (link previews and their pictures): only
 * http and https, only ports 80 and 443, and only to addresses that are public unicast after
 * DNS resolution — never loopback, private, link-local, unique-local, multicast, CGNAT,
 * 0.0.0.0/8, or an IPv6 form that embeds one of those (IPv4-mapped, NAT64, 6to4, Teredo).
 * The caller connects to the address checked here (fetch-preview.ts pins it), so a DNS answer
 * that changes between the check and the connection (rebinding) cannot move it.
 */

export interface TargetPolicy {
  /**
   * Test only (LINK_PREVIEW_ALLOW_HOSTS): host names, exactly as written in the URL, that may
   * resolve to any address and use any port, so a test can serve a page on 127.0.0.1. Empty in
   * every real install.
   */
  allowHosts: ReadonlySet<string>;
}

export interface Target {
  url: URL;
  /** The address to connect to; the URL's host stays the Host header and the TLS server name. */
  address: string;
  family: 4 | 6;
}

export class RefusedTarget extends Error {
  constructor(readonly reason: "scheme" | "port" | "credentials" | "address" | "dns") {
    super(`link preview target refused: ${reason}`);
  }
}

/** True for a public unicast address; every special range ipaddr.js names is refused. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 inside.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Checks a URL and resolves its host to one address to connect to, or throws RefusedTarget. */
export async function resolveTarget(raw: string | URL, policy: TargetPolicy): Promise<Target> {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefusedTarget("scheme");
  if (url.username || url.password) throw new RefusedTarget("credentials");
  const host = hostOf(url);
  const allowed = policy.allowHosts.has(host);
  if (!allowed && url.port !== "" && url.port !== (url.protocol === "https:" ? "443" : "80")) throw new RefusedTarget("port");
  let answers: Array<{ address: string; family: number }>;
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try {
      answers = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new RefusedTarget("dns");
    }
  }
  if (answers.length === 0) throw new RefusedTarget("dns");
  // Every answer must be public: a name with one private answer among public ones is refused
  // rather than hoping the public one is picked.
  if (!allowed && !answers.every((a) => isPublicAddress(a.address))) throw new RefusedTarget("address");
  const first = answers[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
