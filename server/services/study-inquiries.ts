import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { newId } from "../ids";
import { joinedChannelMembers } from "../events/subscriptions";
import { blockedEitherWay } from "./access";
import { tellMembers } from "./conversations";
import { isSpaceMember } from "./spaces";
import { studyGroupOf } from "./study-groups";

/**
 * "문의하기": from a study group's card, a 1:1 chat between the asker and the group's organizer
 * (the space's owner) that belongs to that group. It is a dm-kind channel — two members,
 * blocks stop its messages and calls exactly as in a dm — apart from the pair's ordinary dm:
 * study_inquiries keys it by (group, asker), so it is made on first use and found after that,
 * also when two clicks race (one insert wins the key, the other reads what it made).
 */

/** Opens (or finds) the asker's chat with the organizer about this group. */
export async function openInquiry(userId: string, spaceId: string): Promise<{ channelId: string; created: boolean }> {
  const group = await studyGroupOf(spaceId);
  const { db, t, dialect } = await getDatabase();
  const [space] = group ? await db.select({ ownerId: t.spaces.ownerId }).from(t.spaces).where(eq(t.spaces.id, spaceId)).limit(1) : [];
  // A group the asker could not find in the directory (unlisted, not theirs) is not there for them.
  if (!group || !space || (!group.listed && !(await isSpaceMember(userId, spaceId))))
    throw new AppError("forbidden", "You cannot see this study group");
  const organizerId = space.ownerId;
  if (organizerId === userId) throw new AppError("study_own_group", "You organize this group");
  const existing = await findInquiry(spaceId, userId);
  if (existing) return { channelId: existing, created: false };
  if ((await blockedEitherWay(userId, [organizerId])).length) throw new AppError("blocked", "You cannot message this person");

  const channelId = newId();
  const now = new Date();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(t.studyInquiries).values({ channelId, spaceId, askerId: userId, organizerId, createdAt: now });
      await tx.insert(t.channels).values({ id: channelId, spaceId: null, name: "", kind: "dm", createdBy: userId, createdAt: now });
      await tx.insert(t.channelMembers).values([userId, organizerId].map((id) => ({ channelId, userId: id, muted: false, joinedAt: now })));
    });
  } catch (err) {
    const made = dialect.isUniqueViolation(err) ? await findInquiry(spaceId, userId) : null;
    if (made) return { channelId: made, created: false };
    throw err;
  }
  joinedChannelMembers([userId, organizerId], channelId);
  tellMembers([userId, organizerId], channelId);
  return { channelId, created: true };
}

async function findInquiry(spaceId: string, askerId: string): Promise<string | null> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ id: t.studyInquiries.channelId })
    .from(t.studyInquiries)
    .where(and(eq(t.studyInquiries.spaceId, spaceId), eq(t.studyInquiries.askerId, askerId)))
    .limit(1);
  return row?.id ?? null;
}

/** Which of these channels are inquiry chats, with their group's name (for the chat list's titles). */
export async function inquiriesOf(channelIds: string[]): Promise<Map<string, { spaceId: string; spaceName: string; askerId: string }>> {
  const out = new Map<string, { spaceId: string; spaceName: string; askerId: string }>();
  if (channelIds.length === 0) return out;
  const { db, t } = await getDatabase();
  const rows = await db
    .select({
      channelId: t.studyInquiries.channelId,
      spaceId: t.studyInquiries.spaceId,
      askerId: t.studyInquiries.askerId,
      spaceName: t.spaces.name,
    })
    .from(t.studyInquiries)
    .innerJoin(t.spaces, eq(t.spaces.id, t.studyInquiries.spaceId))
    .where(inArray(t.studyInquiries.channelId, channelIds));
  for (const { channelId, ...rest } of rows) out.set(channelId, rest);
  return out;
}
