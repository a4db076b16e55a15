import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { REQUEST_ID_HEADER, requestLog, stampRequestId } from "./logger";

/** Longest path logged; a longer one is cut (hostile input is normal input). */
const PATH_MAX = 200;

/**
 * What of a request's URL is logged: the path alone. The query string can carry an OAuth code
 * and state, and an invite path carries the invite code, which lets anyone join the space: both
 * are left out.
 */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "").split("?")[0]!.replace(/(^|\/)(invite|invites)\/[^/]+/g, "$1$2/[code]");
  return path.length > PATH_MAX ? `${path.slice(0, PATH_MAX)}…` : path;
}

/**
 * Gives the request its id (on the request for route handlers, and on the response for the
 * client to quote) and logs one line about it once its response is done or the client went:
 * the id, method, path, status and time taken. No header, query or body is logged.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.setHeader(REQUEST_ID_HEADER, stampRequestId(req));
  res.once("close", () => {
    requestLog(req.headers).info(
      {
        method: req.method,
        path: loggedPath(req.url),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      "http request",
    );
  });
}
