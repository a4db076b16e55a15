import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorBody } from "@/lib/errors";
import { stampClientIp } from "./client-ip";
import { logRequest } from "./ops/access-log";
import { isForgedRequest } from "./origin";
import { stampPagePath } from "./page-path";

/**
 * What every request goes through before Next (server/index.ts) sees a byte: a request id and
 * its access-log line,
 * the forged-request guard (a state change a browser says came from another origin is refused:
 * cookie-authenticated routes need no token of their own), the client's address and the page
 * path. Answers and returns false when it refused the request.
 */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { allowedOrigins: ReadonlySet<string>; trustProxy: number },
): boolean {
  logRequest(req, res); // gives the request its id, and logs it once answered
  if (isForgedRequest(req.method, req.headers, options.allowedOrigins)) {
    refuseForged(res);
    return false;
  }
  stampClientIp(req, options.trustProxy);
  stampPagePath(req);
  return true;
}

/** Another site's page tried to act with our user's cookies; refused before Next reads a byte. */
function refuseForged(res: ServerResponse) {
  const error: ErrorBody = { code: "forbidden", message: "Cross-site request refused" };
  res.writeHead(403, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: false, error }));
}
