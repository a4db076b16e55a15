import "server-only";
import { areaLog } from "../ops/logger";
import { and, asc, count, eq, inArray, or, sql } from "drizzle-orm";
import { getDatabase, type Db } from "../database";
import {
  createGroupInput,
  inviteInput,
  muteInput,
  openDmInput,
  STACKED_AVATARS,
  updateGroupInput,
  type ConversationView,
} from "@/lib/conversations";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { mentionedIds } from "@/lib/mentions";
import {
  rooms,
  type ChannelSummary,
  type ChatMessage,
  type ConversationSummary,
  type SystemEvent,
  type UserSummary,
} from "@/lib/realtime/contract";
import { newId } from "../ids";
import { takeSendToken } from "../rate-limit";
import { events } from "../events/sink";
import { joinedChannelMembers } from "../events/subscriptions";
import { getMessageStore, lastSeqsOf } from "../messages";
import { postCommitted, type MessageDraft } from "../messages/pipeline";
import { parseSystemEvent, usersById as namesById } from "../messages/views";
import { blockedEitherWay, listBlockedIds, requireChannelAccess } from "./access";
import { notAddableBy } from "./friends";
import { revokeChannelAccess } from "./revoke";
import { requireOwnUploads } from "./uploads";

/**
 * Direct conversations: 1:1 dms and group chats. Each is a channel with no space whose
 * members are its channel_members rows, so sending, reading, typing and "unread by N" work
 * exactly as in a space channel (requireChannelAccess lets only those members in).
 */

const PREVIEW_CHARS = 120;
/**
 * An "invited" event names at most this many people, without their pictures: a message body
 * holds 4,000 characters, and a group can take 99 people at once (they get several messages).
 */
const INVITED_PER_MESSAGE = 25;
/** Longest fallback title of an unnamed group ("Bob, Carol, Dave…"). */
const DEFAULT_NAME_CHARS = 64;

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

/** Mutes or unmutes a conversation for the user alone (their row; the others are not told). */
export async function setMuted(userId: string, channelId: string, input: unknown): Promise<{ muted: boolean }> {
  const { muted } = muteInput.parse(input);
  await requireConversation(userId, channelId);
  const { db, t } = await getDatabase();
  await db
    .update(t.channelMembers)
    .set({ muted })
    .where(and(eq(t.channelMembers.channelId, channelId), eq(t.channelMembers.userId, userId)));
  events().publish(rooms.user(userId), "conversation:changed", { channelId });
  return { muted };
}

/** Everything the conversation screen shows, for a member (anyone else: forbidden). */
export async function getConversation(userId: string, channelId: string): Promise<ConversationView> {
  const channel = await requireConversation(userId, channelId);
  const { db, t } = await getDatabase();
  const [[row], members] = await Promise.all([
    db
      .select({ image: t.channels.image, muted: t.channelMembers.muted })
      .from(t.channels)
      .innerJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
      .where(eq(t.channels.id, channelId))
      .limit(1),
    membersOf([channelId]),
  ]);
  const kind = channel.kind as ConversationView["kind"];
  const others = members.filter((m) => m.id !== userId);
  const other = others[0];
  return {
    channel,
    kind,
    name: titleFor(kind, channel.name, others),
    named: kind === "group" && channel.name !== "",
    image: kind === "dm" ? (other?.image ?? null) : (row?.image ?? null),
    members: members.map(summary),
    muted: row?.muted ?? false,
  };
}

/**
 * The chat list: the user's dms and group chats, newest activity first, each with its last
 * message, unread count and mute flag. A few queries however many conversations there are. A dm
 * someone else opened shows up once it has a message. People the user blocked stay hidden here
 * as in the chat: their last message is not previewed and their messages are not unread.
 */
export async function listConversations(userId: string): Promise<ConversationSummary[]> {
  const { db, t } = await getDatabase();
  const c = t.channels;
  const sqlRows = await db
    .select({
      id: c.id,
      kind: c.kind,
      name: c.name,
      image: c.image,
      lastSeq: c.lastSeq,
      createdAt: c.createdAt,
      createdBy: c.createdBy,
      muted: t.channelMembers.muted,
      lastReadSeq: t.channelReads.lastReadSeq,
    })
    .from(t.channelMembers)
    .innerJoin(c, eq(c.id, t.channelMembers.channelId))
    .leftJoin(t.channelReads, and(eq(t.channelReads.channelId, c.id), eq(t.channelReads.userId, userId)))
    .where(and(eq(t.channelMembers.userId, userId), inArray(c.kind, ["dm", "group"])));
  const lastSeqs = await lastSeqsOf(sqlRows); // the store's counter (the SQL column only for the SQL store)
  const rows = sqlRows.map((r) => ({ ...r, lastSeq: lastSeqs.get(r.id) ?? 0 }));
  const shown = rows.filter((r) => r.kind === "group" || r.lastSeq > 0 || r.createdBy === userId);
  const store = await getMessageStore();
  const [members, blocked, lastMessages] = await Promise.all([
    membersOf(shown.map((r) => r.id)),
    listBlockedIds(userId),
    store.lastOfChannels(shown.filter((r) => r.lastSeq > 0).map((r) => r.id)),
  ]);
  const authorNames = await namesById([...lastMessages.values()].map((m) => m.authorId));
  // A preview shows mentions by name, the reader's own too (the list's members leave the reader out).
  const previewed = [...lastMessages.values()].flatMap((m) => (m.kind === "user" ? mentionedIds(m.body.slice(0, PREVIEW_CHARS)) : []));
  const nameOf = new Map((await usersByIds([...new Set(previewed)])).map((u) => [u.id, u.name]));
  const unreadFromBlocked = await store.unreadCounts(
    shown.filter((r) => r.lastSeq > (r.lastReadSeq ?? 0)).map((r) => ({ channelId: r.id, lastReadSeq: r.lastReadSeq ?? 0 })),
    { authorIds: blocked },
  );
  const blockedSet = new Set(blocked);
  const byChannel = new Map<string, UserSummary[]>();
  for (const { channelId, ...user } of members) byChannel.set(channelId, [...(byChannel.get(channelId) ?? []), user]);

  return shown
    .map((r): ConversationSummary => {
      const everyone = byChannel.get(r.id) ?? [];
      const others = everyone.filter((u) => u.id !== userId);
      const dm = r.kind === "dm";
      const last = lastMessages.get(r.id);
      // System messages ("Bob left") are not theirs to hide: they stay, as in the chat.
      const fromBlocked = last !== undefined && last.kind !== "system" && blockedSet.has(last.authorId);
      // "" for a deleted or hidden message (a user's text is never empty); a system message is its event.
      const shownBody = !last || last.kind === "system" || last.deletedAt || fromBlocked ? "" : last.body.slice(0, PREVIEW_CHARS);
      return {
        id: r.id,
        kind: dm ? "dm" : "group",
        name: titleFor(dm ? "dm" : "group", r.name, others),
        named: !dm && r.name !== "",
        image: dm ? (others[0]?.image ?? null) : r.image,
        members: dm ? others.slice(0, 1) : others.slice(0, STACKED_AVATARS),
        memberCount: everyone.length,
        lastMessage: last
          ? {
              seq: last.seq,
              authorName: authorNames.get(last.authorId)?.name ?? "",
              body: shownBody,
              mentionNames: Object.fromEntries(mentionedIds(shownBody).flatMap((id) => (nameOf.has(id) ? [[id, nameOf.get(id)!]] : []))),
              system: last.kind === "system" && !last.deletedAt ? parseSystemEvent(last.body) : null,
              fromBlocked,
              createdAt: last.createdAt.toISOString(),
            }
          : null,
        lastActivityAt: (last?.createdAt ?? r.createdAt).toISOString(),
        unread: Math.max(0, r.lastSeq - (r.lastReadSeq ?? 0) - (unreadFromBlocked.get(r.id) ?? 0)),
        muted: r.muted,
      };
    })
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id));
}

/**
 * The people the user can start a conversation with, or add to a group: those who share a
 * space with them, and their accepted friends (notAddableBy's rule) — not anyone blocked
 * either way. Someone known only from a conversation is not offered: a stranger who opened a
 * dm could otherwise be put into groups. By name.
 */
export async function listContacts(userId: string): Promise<UserSummary[]> {
  const { db, t } = await getDatabase();
  const mySpaces = db.select({ id: t.spaceMembers.spaceId }).from(t.spaceMembers).where(eq(t.spaceMembers.userId, userId));
  const [spaceMates, friends, blocks] = await Promise.all([
    db.selectDistinct({ id: t.spaceMembers.userId }).from(t.spaceMembers).where(inArray(t.spaceMembers.spaceId, mySpaces)),
    db
      .select({ a: t.friendships.userA, b: t.friendships.userB })
      .from(t.friendships)
      .where(and(eq(t.friendships.status, "accepted"), or(eq(t.friendships.userA, userId), eq(t.friendships.userB, userId)))),
    db
      .select({ blocker: t.blocks.blockerId, blocked: t.blocks.blockedId })
      .from(t.blocks)
      .where(or(eq(t.blocks.blockerId, userId), eq(t.blocks.blockedId, userId))),
  ]);
  const excluded = new Set([userId, ...blocks.flatMap((b) => [b.blocker, b.blocked])]);
  const ids = new Set([...spaceMates.map((r) => r.id), ...friends.flatMap((f) => [f.a, f.b])]);
  const people = await usersByIds([...ids].filter((id) => !excluded.has(id)));
  return people.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

// ---- helpers ----------------------------------------------------------------------------

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A dm or group chat the user is in; anything else (even a channel they can read) is forbidden. */
async function requireConversation(userId: string, channelId: string): Promise<ChannelSummary> {
  const channel = await requireChannelAccess(userId, channelId);
  if (channel.kind !== "dm" && channel.kind !== "group") throw new AppError("forbidden", "You cannot access this channel");
  return channel;
}

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

async function findDm(dmKey: string): Promise<string | null> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ id: t.channels.id }).from(t.channels).where(eq(t.channels.dmKey, dmKey)).limit(1);
  return row?.id ?? null;
}

/** The dm between two people, if they ever opened one. */
export async function findDmBetween(a: string, b: string): Promise<string | null> {
  return findDm(dmKeyOf(a, b));
}

async function usersByIds(ids: string[]): Promise<UserSummary[]> {
  if (ids.length === 0) return [];
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.users.id, name: t.users.name, image: t.users.image }).from(t.users).where(inArray(t.users.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Members of these conversations, each in the order they joined. */
async function membersOf(channelIds: string[]): Promise<(UserSummary & { channelId: string })[]> {
  if (channelIds.length === 0) return [];
  const { db, t } = await getDatabase();
  return db
    .select({ channelId: t.channelMembers.channelId, id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.channelMembers)
    .innerJoin(t.users, eq(t.users.id, t.channelMembers.userId))
    .where(inArray(t.channelMembers.channelId, channelIds))
    .orderBy(asc(t.channelMembers.joinedAt), asc(t.channelMembers.userId));
}

async function memberIdsOf(channelId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.channelMembers.userId }).from(t.channelMembers).where(eq(t.channelMembers.channelId, channelId));
  return rows.map((r) => r.id);
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

function summary(user: UserSummary): UserSummary {
  return { id: user.id, name: user.name, image: user.image };
}

/**
 * What a conversation is called for one member: a dm after the other person, a group by its
 * name or, without one, after the others ("Bob, Carol"; the client words the "and 3 others").
 */
function titleFor(kind: "dm" | "group", name: string, others: UserSummary[]): string {
  if (kind === "dm") return others[0]?.name ?? "";
  if (name) return name;
  const names = others.map((p) => p.name).join(", ");
  return names.length > DEFAULT_NAME_CHARS ? `${names.slice(0, DEFAULT_NAME_CHARS - 1)}…` : names;
}

/** Tells each member's tabs to re-read the chat list (created, joined, left, renamed). */
function tellMembers(userIds: string[], channelId: string): void {
  for (const id of new Set(userIds)) events().publish(rooms.user(id), "conversation:changed", { channelId });
}
