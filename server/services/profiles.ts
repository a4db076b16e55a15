import "server-only";
import { requireOwnUploads } from "./uploads";
import { and, eq, inArray } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { rooms, type Profile } from "@/lib/realtime/contract";
import { id, profileInput } from "@/lib/schemas";
import { events } from "../events/sink";
import { hasBlocked } from "./access";
import { friendStateOf } from "./friends";

/**
 * Profiles: what anyone signed in may see of a person (like a search result in KakaoTalk), and
 * the person's own edits. The email is never part of a profile.
 */

export async function getProfile(viewerId: string, userId: unknown): Promise<Profile> {
  const otherId = id.parse(userId);
  const { db, t } = await getDatabase();
  const [user] = await db
    .select({
      id: t.users.id,
      name: t.users.name,
      image: t.users.image,
      statusMessage: t.users.statusMessage,
      backgroundImage: t.users.backgroundImage,
    })
    .from(t.users)
    .where(eq(t.users.id, otherId))
    .limit(1);
  if (!user) throw new AppError("not_found", "No such user");
  if (otherId === viewerId) return { ...user, friend: "none", blocked: false };
  const [friend, blocked] = await Promise.all([friendStateOf(viewerId, otherId), hasBlocked(viewerId, otherId)]);
  return { ...user, friend, blocked };
}

/**
 * Changes the user's own name, status message, avatar or background. Pictures must be images
 * the user uploaded themselves. All the user's tabs hear `profile:changed`, and so does every
 * socket that follows their presence (the friends screen, a space's member list, a group's
 * members panel), which re-reads what shows them. Messages are joined to the user row, so
 * history reads the new name too; messages already on a screen keep the old one until read
 * again.
 */
export async function updateProfile(userId: string, input: unknown): Promise<{ profile: Profile }> {
  const patch = profileInput.parse(input);
  const pictures = [patch.image, patch.backgroundImage].filter((url): url is string => !!url);
  await requireOwnUploads(userId, pictures);
  const changes = {
    ...patch,
    // An empty status message is no status message.
    ...(patch.statusMessage !== undefined ? { statusMessage: patch.statusMessage || null } : {}),
  };
  if (Object.keys(changes).length > 0) {
    const { db, t } = await getDatabase();
    await db.update(t.users).set(changes).where(eq(t.users.id, userId));
    events().publish([rooms.user(userId), rooms.presence(userId)], "profile:changed", { userId });
  }
  return { profile: await getProfile(userId, userId) };
}

/**
 * The user's name and picture as they are now, for what a socket sends on their behalf: its
 * handshake copy goes stale when the profile is edited (in another tab, maybe on another node).
 */
export async function currentNameAndImage(userId: string): Promise<{ name: string; image: string | null } | undefined> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ name: t.users.name, image: t.users.image }).from(t.users).where(eq(t.users.id, userId)).limit(1);
  return row;
}
