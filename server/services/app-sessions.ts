import "server-only";
import type { UserSummary } from "@/lib/realtime/contract";
import { stampedClientIp } from "../client-ip";
import { getConfig } from "../config";
import { issueSessionToken, SESSION_MAX_AGE_SECONDS } from "../session-token";
import { startSession } from "./sessions";
import { signInWithPassword } from "./users";

/**
 * Signs an app client in with email and password, as the sign-in form does (the same
 * brute-force limits, per account and per address), and starts a session labelled with its
 * User-Agent. The token it answers is the session cookie's value (server/session-token.ts).
 */
export async function startAppSession(
  credentials: { email: string; password: string },
  headers: Headers,
): Promise<{ token: string; sessionId: string; expiresAt: string; user: UserSummary }> {
  const user = await signInWithPassword(credentials.email, credentials.password, { ip: stampedClientIp(headers) });
  const sessionId = await startSession(user.id, headers.get("user-agent"));
  const token = await issueSessionToken(user, sessionId, getConfig().authSecret);
  return { token, sessionId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000).toISOString(), user };
}
