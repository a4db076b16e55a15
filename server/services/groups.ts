import "server-only";
import { areaLog } from "../ops/logger";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getDatabase, type Tx } from "../database";
import { createGroupInput, inviteInput, updateGroupInput } from "@/lib/conversations";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { type ChannelSummary, type ChatMessage, type SystemEvent, type UserSummary } from "@/lib/realtime/contract";
import { newId } from "../ids";
import { takeSendToken } from "../rate-limit";
import { joinedChannelMembers } from "../events/subscriptions";
import { postCommitted, type MessageDraft } from "../messages/pipeline";
import { blockedEitherWay } from "./access";
import { memberIdsOf, requireConversation, summary, tellMembers, usersByIds } from "./conversations";
import { notAddableBy } from "./friends";
import { revokeChannelAccess } from "./revoke";
import { requireOwnUploads } from "./uploads";

/**
 * Group chats: creating one, inviting to it, leaving it, renaming it; each change posts its
 * system message after it commits (./conversations.ts has what all conversations share).
 */

/**
 * An "invited" event names at most this many people, without their pictures: a message body
 * holds 4,000 characters, and a group can take 99 people at once (they get several messages).
 */
const INVITED_PER_MESSAGE = 25;

/**
 * A group chat of the creator and the chosen people (at most LIMITS.groupChatMaxMembers in all).
 * Without a name its name stays "" and each member sees it titled after the others ("Bob,
 * Carol" to Alice, "Alice, Carol" to Bob), as KakaoTalk does. It opens with two system
 * messages: "created" and "invited".
 */
export async function createGroup(creator: UserSummary, input: unknown): Promise<{ channelId: string }> {
  const { name, image, memberIds } = createGroupInput.parse(input);
  await requireSendToken(creator.id);
  if (image) await requireOwnUploads(creator.id, [image]);
  const otherIds = [...new Set(memberIds)].filter((id) => id !== creator.id);
  if (otherIds.length === 0) throw new AppError("validation", "Choose at least one person");
  if (otherIds.length + 1 > LIMITS.groupChatMaxMembers) throw new AppError("group_full", "A group chat has too many members");
  const others = await usersByIds(otherIds);
  if (others.length !== otherIds.length) throw new AppError("not_found", "No such user");
  // A group is a way to message someone: a block either way keeps them out, as in a dm.
  if ((await blockedEitherWay(creator.id, otherIds)).length) throw new AppError("blocked", "You cannot add this person");
  await requireAddable(creator.id, otherIds);

  const { db, t } = await getDatabase();
  const now = new Date();
  const channel: ChannelSummary = {
    id: newId(),
    spaceId: null,
    name: name ?? "",
    kind: "group",
    lastSeq: 0,
    categoryId: null,
    isPrivate: false,
  };
  const everyone = [creator.id, ...otherIds];
  await db.transaction(async (tx) => {
    await tx.insert(t.channels).values({ ...channel, image: image ?? null, createdBy: creator.id, createdAt: now });
    await tx.insert(t.channelMembers).values(everyone.map((userId) => ({ channelId: channel.id, userId, muted: false, joinedAt: now })));
  });
  // The group is committed first; its members' sockets join before its first messages go out.
  joinedChannelMembers(everyone, channel.id);
  await postCommitted(channel, system(creator, "created", { type: "created", actor: summary(creator), name: channel.name }));
  const invited = await postInvited(channel, creator, others, now);
  await advanceCursor(channel.id, creator.id, invited.at(-1)!.seq);
  tellMembers(everyone, channel.id);
  return { channelId: channel.id };
}

/**
 * Any member adds people to a group chat, up to LIMITS.groupChatMaxMembers. The group's row is
 * locked first, so concurrent invites count one after the other (and a waiting one reads the
 * rows the other added); the count is checked again after the insert, and over the limit the
 * whole invite rolls back. People already in it are skipped.
 */
export async function inviteToGroup(actor: UserSummary, channelId: string, input: unknown): Promise<{ added: number }> {
  const { userIds } = inviteInput.parse(input);
  await requireSendToken(actor.id);
  const channel = await requireGroup(actor.id, channelId);
  const wanted = [...new Set(userIds)].filter((id) => id !== actor.id);
  const people = await usersByIds(wanted);
  if (people.length !== wanted.length) throw new AppError("not_found", "No such user");
  if ((await blockedEitherWay(actor.id, wanted)).length) throw new AppError("blocked", "You cannot add this person");
  await requireAddable(actor.id, wanted);
  const { db, t } = await getDatabase();
  const members = t.channelMembers;

  const now = new Date();
  const added = await db.transaction(async (tx) => {
    await lockChannel(tx, channelId);
    const present = new Set(
      (
        await tx
          .select({ userId: members.userId })
          .from(members)
          .where(and(eq(members.channelId, channelId), inArray(members.userId, wanted)))
      ).map((r) => r.userId),
    );
    const newcomers = people.filter((p) => !present.has(p.id));
    if (newcomers.length === 0) return [];
    if ((await memberCount(tx, channelId)) + newcomers.length > LIMITS.groupChatMaxMembers) throw groupFull();
    await tx.insert(members).values(newcomers.map((p) => ({ channelId, userId: p.id, muted: false, joinedAt: now })));
    if ((await memberCount(tx, channelId)) > LIMITS.groupChatMaxMembers) throw groupFull();
    return newcomers;
  });
  if (added.length === 0) return { added: 0 };
  // Committed: the newcomers' sockets join before "invited" goes out, so they hear it.
  joinedChannelMembers(
    added.map((p) => p.id),
    channelId,
  );
  const invited = await postInvited(channel, actor, added, now);
  // Newcomers start unread from their invitation, not from the group's first message.
  for (const p of added) await advanceCursor(channelId, p.id, invited[0]!.seq - 1);
  await advanceCursor(channelId, actor.id, invited.at(-1)!.seq);
  tellMembers(await memberIdsOf(channelId), channelId);
  return { added: added.length };
}

/** Leaves a group chat: "left" is posted, and the leaver's sockets stop hearing it. The group stays, with its messages. */
export async function leaveGroup(user: UserSummary, channelId: string): Promise<void> {
  const channel = await requireGroup(user.id, channelId);
  const { db, t } = await getDatabase();
  const mine = and(eq(t.channelMembers.channelId, channelId), eq(t.channelMembers.userId, user.id));
  const joinedAt = await db.transaction(async (tx) => {
    await lockChannel(tx, channelId);
    // A second leave that raced this one finds no row and posts nothing.
    const [still] = await tx.select({ joinedAt: t.channelMembers.joinedAt }).from(t.channelMembers).where(mine).limit(1);
    if (!still) throw new AppError("forbidden", "You cannot access this channel");
    await tx.delete(t.channelMembers).where(mine);
    // A later re-invite starts from that invitation, not from this old cursor.
    await tx.delete(t.channelReads).where(and(eq(t.channelReads.channelId, channelId), eq(t.channelReads.userId, user.id)));
    return still.joinedAt;
  });
  // The leaver's sockets stop hearing the group before "left" goes out.
  void revokeChannelAccess(user.id, [channelId]).catch((err: unknown) => areaLog("conversations").error({ err }, "revoke failed"));
  // One membership ends once: the membership it ends (its joinedAt) names the message.
  await postCommitted(channel, system(user, `left:${joinedAt.getTime()}`, { type: "left", actor: summary(user) }));
  tellMembers([...(await memberIdsOf(channelId)), user.id], channelId);
}

/** Any member renames a group chat ("renamed" is posted) or changes its photo. */
export async function updateGroup(actor: UserSummary, channelId: string, input: unknown): Promise<void> {
  const { name, image } = updateGroupInput.parse(input);
  if (image) await requireOwnUploads(actor.id, [image]);
  const channel = await requireGroup(actor.id, channelId);
  const { db, t } = await getDatabase();
  const renamed = name !== undefined && name !== channel.name;
  await db
    .update(t.channels)
    .set({ ...(renamed ? { name } : {}), ...(image !== undefined ? { image } : {}) })
    .where(eq(t.channels.id, channelId));
  if (renamed) {
    const message = await postCommitted(
      { ...channel, name },
      system(actor, `renamed:${newId()}`, { type: "renamed", actor: summary(actor), name }),
    );
    await advanceCursor(channelId, actor.id, message.seq);
  }
  tellMembers(await memberIdsOf(channelId), channelId);
}

// ---- helpers ----------------------------------------------------------------------------


/** Creating a group or inviting to one posts system messages: it costs a send, before any database work. */
async function requireSendToken(userId: string): Promise<void> {
  if (!(await takeSendToken(userId))) throw new AppError("rate_limited", "Slow down: too many messages");
}

/** Strangers cannot be put into a group chat (they could be added to any number of them). */
async function requireAddable(userId: string, otherIds: string[]): Promise<void> {
  if ((await notAddableBy(userId, otherIds)).length)
    throw new AppError("not_addable", "You can add only friends and people who share a space with you");
}

async function requireGroup(userId: string, channelId: string): Promise<ChannelSummary> {
  const channel = await requireConversation(userId, channelId);
  if (channel.kind !== "group") throw new AppError("validation", "Only a group chat can do this");
  return channel;
}

async function memberCount(tx: Tx, channelId: string): Promise<number> {
  const { t } = await getDatabase();
  const [row] = await tx.select({ n: count() }).from(t.channelMembers).where(eq(t.channelMembers.channelId, channelId));
  return row?.n ?? 0;
}

/**
 * Takes the group's row lock (a write that changes nothing) so membership changes to one
 * group run one at a time. On MySQL it also comes before the transaction's first read, so
 * what that read sees includes the rows of the change it waited for.
 */
async function lockChannel(tx: Tx, channelId: string): Promise<void> {
  const { t } = await getDatabase();
  await tx
    .update(t.channels)
    .set({ lastSeq: sql`${t.channels.lastSeq}` })
    .where(eq(t.channels.id, channelId));
}

/** Moves a member's read cursor (their own system message is not unread to them). */
async function advanceCursor(channelId: string, userId: string, seq: number): Promise<void> {
  const { db, dialect } = await getDatabase();
  await dialect.advanceReadCursor(db, channelId, userId, seq);
}

/**
 * "Actor invited …": one system message per INVITED_PER_MESSAGE people, after their
 * memberships (joined at `joinedAt`) are committed. Each is named by its first person and that
 * moment: a person joins a group once at a time, so a retry names the same message.
 */
async function postInvited(channel: ChannelSummary, actor: UserSummary, targets: UserSummary[], joinedAt: Date) {
  const posted: ChatMessage[] = [];
  for (let i = 0; i < targets.length; i += INVITED_PER_MESSAGE) {
    const chunk = targets.slice(i, i + INVITED_PER_MESSAGE).map((p) => ({ id: p.id, name: p.name, image: null }));
    const key = `invited:${chunk[0]!.id}:${joinedAt.getTime()}`;
    posted.push(await postCommitted(channel, system(actor, key, { type: "invited", actor: summary(actor), targets: chunk })));
  }
  return posted;
}

function groupFull() {
  return new AppError("group_full", `A group chat has at most ${LIMITS.groupChatMaxMembers} members`);
}

/**
 * A system message posted after the change it reports was committed. Its clientId is `sys:`
 * and a key the change determines (unique per channel and actor), so posting it again — a
 * retry after a lost reply — finds the one already stored (docs/architecture.md).
 */
function system(actor: UserSummary, key: string, event: SystemEvent): MessageDraft & { system: SystemEvent } {
  return { author: actor, clientId: `sys:${key}`, body: "", system: event };
}
