import "server-only";
import { areaLog } from "../ops/logger";
import { and, eq, inArray, isNull, lt, ne } from "drizzle-orm";
import { getDatabase } from "../database";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { newId } from "../ids";
import { events } from "../events/sink";

/**
 * Sessions are rows: a sign-in makes one, its id travels in the JWT cookie (`sid`), and a
 * cookie opens pages, routes and sockets only while its row is live. Ending a session marks
 * the row and disconnects the session's sockets on every node.
 */

/** What a live session lets in: the user, and which session it is (for "sign out everywhere else"). */
export interface LiveSession {
  user: UserSummary;
  sessionId: string;
}

/** Starts a session for a user who just signed in; the id goes into their cookie. */
export async function startSession(userId: string, userAgent: string | null | undefined): Promise<string> {
  const { db, t } = await getDatabase();
  const now = new Date();
  const id = newId();
  await db.insert(t.sessions).values({ id, userId, device: deviceLabel(userAgent), createdAt: now, lastSeenAt: now, revokedAt: null });
  return id;
}

/**
 * The user of a live session, read with the session in one query; null when the session was
 * ended, never existed, or belongs to someone else (a forged pairing of sub and sid).
 */
export async function liveSession(sessionId: string, userId: string): Promise<LiveSession | null> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, lastSeenAt: t.sessions.lastSeenAt })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
    .where(and(eq(t.sessions.id, sessionId), eq(t.sessions.userId, userId), isNull(t.sessions.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LIMITS.sessionSeenRefreshMs) void touchSession(sessionId);
  return { user: { id: row.id, name: row.name, image: row.image }, sessionId };
}

/** Ends one session (sign-out): its cookie stops working and its sockets are disconnected. */
export async function endSession(sessionId: string): Promise<void> {
  const { db, t } = await getDatabase();
  await db
    .update(t.sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(t.sessions.id, sessionId), isNull(t.sessions.revokedAt)));
  events().disconnectSessions([sessionId]);
}

/** "Sign out everywhere else": ends every live session of the user but the one asking. */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<{ ended: number }> {
  const { db, t } = await getDatabase();
  const others = and(eq(t.sessions.userId, userId), ne(t.sessions.id, keepSessionId), isNull(t.sessions.revokedAt));
  const ids = (await db.select({ id: t.sessions.id }).from(t.sessions).where(others)).map((r) => r.id);
  if (ids.length === 0) return { ended: 0 };
  // By id, so exactly the sessions whose sockets are disconnected are the ones ended.
  await db
    .update(t.sessions)
    .set({ revokedAt: new Date() })
    .where(and(inArray(t.sessions.id, ids), isNull(t.sessions.revokedAt)));
  events().disconnectSessions(ids);
  return { ended: ids.length };
}

/** lastSeenAt moves forward at most every LIMITS.sessionSeenRefreshMs, so reads stay reads. */
async function touchSession(sessionId: string): Promise<void> {
  try {
    const { db, t } = await getDatabase();
    const now = new Date();
    await db
      .update(t.sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(t.sessions.id, sessionId), lt(t.sessions.lastSeenAt, new Date(now.getTime() - LIMITS.sessionSeenRefreshMs))));
  } catch (err) {
    areaLog("sessions").error({ err }, "could not record when a session was last seen");
  }
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/KAKAOTALK/i, "KakaoTalk"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Chrome on Windows": enough to tell one's devices apart; the raw User-Agent is not kept. */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? "").slice(0, 512); // bound the input before any pattern runs over it
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}
