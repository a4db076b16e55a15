import "server-only";
import type { IncomingMessage } from "node:http";

/**
 * The path and query a page was asked for, stamped by the custom server for every request:
 * Next gives layouts no pathname, and a signed-out visitor is sent to sign-in with it as the
 * callbackUrl. Whatever a client sent in this header is overwritten.
 */
export const PAGE_PATH_HEADER = "x-moim-page-path";

export function stampPagePath(req: IncomingMessage): void {
  const url = new URL(req.url ?? "/", "http://moim.invalid");
  url.searchParams.delete("_rsc"); // Next's client-navigation cache buster, not part of the page
  req.headers[PAGE_PATH_HEADER] = `${url.pathname}${url.search}`;
}
