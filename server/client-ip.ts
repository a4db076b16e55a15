import "server-only";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * The address a request came from, worked out once by the custom server and handed to Next's
 * bundles in this header (route handlers and next-auth see headers, not the socket). Whatever
 * a client sent in it is overwritten, so it cannot be forged.
 */
export const CLIENT_IP_HEADER = "x-moim-client-ip";

/**
 * The client's address: the socket's peer, or, behind `trustProxy` reverse proxies, the
 * address the outermost trusted proxy saw (the n-th entry of X-Forwarded-For from the right;
 * entries further left are the client's own say and can be forged).
 */
export function clientIpOf(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: number): string {
  const peer = normalize(req.socket.remoteAddress ?? "");
  if (trustProxy === 0) return peer;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = forwarded[forwarded.length - trustProxy];
  return candidate && isIP(normalize(candidate)) ? normalize(candidate) : peer;
}

/** Stamps the request with its client address (called for every request before Next sees it). */
export function stampClientIp(req: IncomingMessage, trustProxy: number): void {
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req, trustProxy);
}

/** The stamped address, from a Fetch API request's headers or Node's. */
export function stampedClientIp(headers: Headers | IncomingHttpHeaders): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value) || "unknown";
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client. */
function normalize(ip: string): string {
  return ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}
