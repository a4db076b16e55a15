import "server-only";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Where a request says it comes from, judged once for both the HTTP routes and the socket
 * handshake, against the same allowlist (`config.allowedOrigins`).
 *
 * - `ours`: the browser says same-origin (or `none`: the user typed the address), or the
 *   Origin is in the allowlist. Sec-Fetch-Site and Origin are set by the browser itself; a page
 *   cannot forge them.
 * - `foreign`: a browser says the request comes from another origin (a same-site page on another
 *   port counts: cookies are sent to it), or from an opaque one (`Origin: null`).
 * - `unknown`: neither header. Every browser Moim supports sends Origin on a cross-origin POST
 *   (and Sec-Fetch-Site on everything), so this is a non-browser client (curl, a script). It
 *   carries only the credentials it was given, not a victim's ambient cookies, so there is no
 *   forgery to stop; each caller decides what it accepts.
 */
export type RequestSource = "ours" | "foreign" | "unknown";

export function requestSource(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): RequestSource {
  const site = headers["sec-fetch-site"];
  if (site === "same-origin" || site === "none") return "ours";
  const origin = headers.origin;
  if (origin !== undefined) return allowed.has(origin) ? "ours" : "foreign";
  return site === undefined ? "unknown" : "foreign";
}

/** Methods that only read: everything else changes state and must come from us. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The HTTP half of the forgery guard: a state-changing request is refused only when a browser
 * says it comes from elsewhere. Called by server/index.ts for every request before Next sees it,
 * so it covers app/api/**, next-auth's own POST routes and anything Next adds later.
 */
export function isForgedRequest(method: string | undefined, headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): boolean {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return false;
  return requestSource(headers, allowed) === "foreign";
}
