import "server-only";
import { parseCookie } from "cookie";
import { decode, encode, getToken } from "next-auth/jwt";
import { liveSession, type LiveSession } from "./services/sessions";

declare module "next-auth/jwt" {
  interface JWT {
    /** The session row this cookie belongs to (server/services/sessions.ts). */
    sid?: string;
  }
}

/** As long as the cookie's session (server/auth.ts `session.maxAge`). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A session token is a JWE of a few hundred characters; anything much longer is not decrypted. */
const TOKEN_MAX_CHARS = 4096;

/**
 * The live session a request's cookies carry, or null. The one check behind pages, routes
 * and socket handshakes: a valid JWT is not enough, its session must not have ended. Cookies
 * from before sessions were rows have no `sid` and are signed out.
 */
export async function sessionFromCookies(cookieHeader: string | null | undefined, secret: string): Promise<LiveSession | null> {
  // next-auth v4 reads cookies from `req.cookies` and ignores the raw header.
  const cookies = parseCookie(cookieHeader ?? "");
  const token = await getToken({ req: { headers: { cookie: cookieHeader ?? "" }, cookies } as never, secret });
  if (!token?.sub || typeof token.sid !== "string") return null;
  return liveSession(token.sid, token.sub);
}

/**
 * A session token for an app client that cannot keep cookies (`POST /api/sessions`): the very
 * value the session cookie holds (a next-auth JWE of `sub`, `name`, `sid`), sent back as
 * `Authorization: Bearer <token>`. It opens what the cookie opens, for as long, and ends with
 * its session row (sign-out, "sign out everywhere else").
 */
export function issueSessionToken(user: { id: string; name: string; image: string | null }, sessionId: string, secret: string): Promise<string> {
  return encode({ token: { sub: user.id, name: user.name, picture: user.image, sid: sessionId }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** The live session of a bearer token, or null (malformed, expired, forged, or its session ended). */
export async function sessionFromToken(raw: string, secret: string): Promise<LiveSession | null> {
  if (raw.length === 0 || raw.length > TOKEN_MAX_CHARS) return null;
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    return null; // not ours, tampered with, or past its expiry
  }
  if (!token?.sub || typeof token.sid !== "string") return null;
  return liveSession(token.sid, token.sub);
}

/**
 * The session a request carries: `Authorization: Bearer` when present (app clients; a bad one
 * is not rescued by a cookie), else the session cookie (the browser).
 */
export async function sessionFromHeaders(headers: Headers, secret: string): Promise<LiveSession | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.slice(0, TOKEN_MAX_CHARS + 8));
    return match ? sessionFromToken(match[1]!, secret) : null;
  }
  return sessionFromCookies(headers.get("cookie"), secret);
}
