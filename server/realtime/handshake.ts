import "server-only";
import type { IncomingMessage } from "node:http";
import type { Socket } from "socket.io";
import { PROTOCOL_MISMATCH, PROTOCOL_VERSION } from "@/lib/realtime/contract";
import { socketLog } from "../ops/logger";
import { sessionFromCookies, sessionFromToken } from "../session-token";
import { requestSource } from "../origin";
import type { SocketData } from "./socket-sink";

/**
 * Refuses a socket whose Origin is not ours before Engine.IO accepts it, so another site
 * cannot open a socket with our users' cookies (cross-site WebSocket hijacking).
 */
export function originGuard(allowed: ReadonlySet<string>) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    // A browser must say it is ours (Origin in the allowlist, or Sec-Fetch-Site same-origin on
    // the polling transport's GETs); a foreign one is refused. A client that sends neither is
    // no browser (an app): it gets past here, but sessionGuard lets it in only with a bearer
    // token, never with cookies, so there are no ambient credentials to hijack.
    const ok = requestSource(req.headers, allowed) !== "foreign";
    callback(ok ? null : "origin not allowed", ok);
  };
}

/** A tab running an older or newer build is told to reload instead of speaking past us. */
export function protocolGuard() {
  return (socket: Socket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { protocol?: unknown } | undefined;
    next(auth?.protocol === PROTOCOL_VERSION ? undefined : new Error(PROTOCOL_MISMATCH));
  };
}

/**
 * Reads the same next-auth session cookie the pages use, or, from an app client (no Origin),
 * the session token it sends as `auth: { token }`; no live session, no socket.
 */
export function sessionGuard(secret: string, allowed: ReadonlySet<string>) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    // At debug level an operator sees what a handshake brought; the logger redacts its cookie.
    const log = socketLog(socket);
    if (log.isLevelEnabled("debug")) log.debug({ headers: socket.request.headers }, "handshake");
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const session =
        typeof token === "string"
          ? await sessionFromToken(token, secret)
          : requestSource(socket.request.headers, allowed) === "ours"
            ? await sessionFromCookies(socket.request.headers.cookie, secret)
            : null;
      if (!session) return next(new Error("unauthorized"));
      const { user, sessionId } = session;
      (socket.data as SocketData) = {
        userId: user.id,
        sessionId,
        name: user.name,
        image: user.image,
        joined: new Set(),
        typingRelayedAt: new Map(),
        idle: false,
        videoRoom: null,
      };
      next();
    } catch (err) {
      socketLog(socket).error({ err }, "handshake failed");
      next(new Error("unavailable")); // not the user's fault: the client retries
    }
  };
}
