import "server-only";
import { parseCookie } from "cookie";
import { getToken } from "next-auth/jwt";
import { liveSession, type LiveSession } from "./services/sessions";

declare module "next-auth/jwt" {
  interface JWT {
    /** The session row this cookie belongs to (server/services/sessions.ts). */
    sid?: string;
  }
}

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
