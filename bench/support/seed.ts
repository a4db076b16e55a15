/**
 * Bench users written straight into the database before the server starts: signing hundreds of
 * people up and in over HTTP costs two scrypt hashes each (minutes on a loaded 2-core machine),
 * and a session cookie needs a session row (server/session-token.ts). Every user shares one
 * password hash; each gets a session row, and the cookie is minted for it as next-auth would.
 * Spaces, invites and memberships still go through the HTTP API (./api.ts).
 */
import { openDatabase } from "../../db/client";
import { hashPassword } from "../../server/services/passwords";
import { newId } from "../../server/ids";
import { sessionCookie, type BenchUser } from "./api";

export async function seedUsers(
  database: { dialect: "sqlite" | "mysql"; url: string },
  secret: string,
  runTag: string,
  count: number,
): Promise<BenchUser[]> {
  const { db, t, close } = await openDatabase(database);
  try {
    const passwordHash = await hashPassword(`bench-pass-${runTag}`);
    const now = new Date();
    const users = Array.from({ length: count }, (_, index) => ({ index, id: newId(), name: `bench ${index}`, sessionId: newId() }));
    for (let i = 0; i < users.length; i += 200) {
      const chunk = users.slice(i, i + 200);
      await db.transaction(async (tx) => {
        await tx
          .insert(t.users)
          .values(
            chunk.map((u) => ({
              id: u.id,
              email: `bench-${runTag}-${u.index}@example.com`,
              name: u.name,
              image: null,
              passwordHash,
              createdAt: now,
            })),
          );
        await tx
          .insert(t.sessions)
          .values(chunk.map((u) => ({ id: u.sessionId, userId: u.id, device: "bench", createdAt: now, lastSeenAt: now, revokedAt: null })));
      });
    }
    return Promise.all(
      users.map(async (u) => ({ index: u.index, id: u.id, name: u.name, cookie: await sessionCookie(secret, u.id, u.name, u.sessionId) })),
    );
  } finally {
    await close();
  }
}
