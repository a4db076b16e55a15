import "server-only";
import { eq } from "drizzle-orm";
import { getDatabase } from "../database";
import { openDmInput } from "@/lib/conversations";
import { AppError } from "@/lib/errors";
import { newId } from "../ids";
import { joinedChannelMembers } from "../events/subscriptions";
import { blockedEitherWay } from "./access";
import { tellMembers, usersByIds } from "./conversations";

/** 1:1 dms: one per pair of people, made on first open (./conversations.ts has what all conversations share). */

/** The pair's one dm: "<smaller id>:<larger id>", unique in channels. */
function dmKeyOf(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * The one dm between the user and another person, made on first open. When both open it at
 * once, one insert wins the unique dm key and the other reads what it made. A new dm is
 * refused if either has blocked the other; an existing one still opens (its history stays).
 */
export async function openDm(userId: string, input: unknown): Promise<{ channelId: string }> {
  const { userId: otherId } = openDmInput.parse(input);
  if (otherId === userId) throw new AppError("validation", "You cannot start a conversation with yourself");
  const dmKey = dmKeyOf(userId, otherId);
  const existing = await findDm(dmKey);
  if (existing) return { channelId: existing };
  if ((await usersByIds([otherId])).length === 0) throw new AppError("not_found", "No such user");
  if ((await blockedEitherWay(userId, [otherId])).length) throw new AppError("blocked", "You cannot message this person");

  const { db, t, dialect } = await getDatabase();
  const now = new Date();
  const channelId = newId();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(t.channels).values({ id: channelId, spaceId: null, name: "", kind: "dm", dmKey, createdBy: userId, createdAt: now });
      await tx.insert(t.channelMembers).values([userId, otherId].map((id) => ({ channelId, userId: id, muted: false, joinedAt: now })));
    });
  } catch (err) {
    const made = dialect.isUniqueViolation(err) ? await findDm(dmKey) : null;
    if (made) return { channelId: made };
    throw err;
  }
  joinedChannelMembers([userId, otherId], channelId);
  tellMembers([userId, otherId], channelId);
  return { channelId };
}

async function findDm(dmKey: string): Promise<string | null> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ id: t.channels.id }).from(t.channels).where(eq(t.channels.dmKey, dmKey)).limit(1);
  return row?.id ?? null;
}

/** The dm between two people, if they ever opened one. */
export async function findDmBetween(a: string, b: string): Promise<string | null> {
  return findDm(dmKeyOf(a, b));
}
