import "server-only";
import { and, eq, inArray, ne, or } from "drizzle-orm";
import { getDatabase, type Tables } from "../database";
import { AppError } from "@/lib/errors";
import { rooms, type ChannelSummary } from "@/lib/realtime/contract";

/**
 * Who may read and write a channel — the one rule every message, read mark, typing notice and
 * join goes through:
 * - a dm or group chat: its channel_members;
 * - a public space channel: the space's members;
 * - a private space channel: its channel_members, and the space's owner and admins.
 */
export async function requireChannelAccess(userId: string, channelId: string): Promise<ChannelSummary> {
  const { db, t } = await getDatabase();
  // One query on every send: the channel, joined to the user's space and channel memberships.
  const [row] = await db
    .select({
      ...channelSummaryColumns(t),
      spaceRole: t.spaceMembers.role,
      channelMember: t.channelMembers.userId,
    })
    .from(t.channels)
    .leftJoin(t.spaceMembers, and(eq(t.spaceMembers.spaceId, t.channels.spaceId), eq(t.spaceMembers.userId, userId)))
    .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
    .where(eq(t.channels.id, channelId))
    .limit(1);
  // A non-member learns nothing, not even that the channel exists.
  if (!row || !mayAccess(row)) throw new AppError("forbidden", "You cannot access this channel");
  const { spaceRole: _role, channelMember: _member, ...channel } = row;
  return channel;
}

/** The columns of a ChannelSummary, for every query that reads one. */
export function channelSummaryColumns(t: Tables) {
  return {
    id: t.channels.id,
    spaceId: t.channels.spaceId,
    name: t.channels.name,
    kind: t.channels.kind,
    lastSeq: t.channels.lastSeq,
    categoryId: t.channels.categoryId,
    isPrivate: t.channels.isPrivate,
  };
}

/** Whether a user may open a channel, from their space role and channel membership (null: none). */
export function mayAccess(row: { kind: ChannelSummary["kind"]; isPrivate: boolean; spaceRole: string | null; channelMember: string | null }) {
  if (row.kind === "dm" || row.kind === "group") return row.channelMember !== null;
  if (row.spaceRole === null) return false;
  return !row.isPrivate || row.channelMember !== null || row.spaceRole !== "member";
}

/**
 * Every channel the user may read, by the rule above (mayAccess): each channel of the spaces
 * they are in that is public, or private with them in it or them an owner or admin; and the
 * dms and group chats they are in. Two indexed queries, whatever the number of channels.
 * Leaving, a kick or a ban removes the membership these read, so the channel goes with it.
 */
export async function readableChannels(userId: string): Promise<Array<ChannelSummary & { spaceName: string | null }>> {
  const { db, t } = await getDatabase();
  const columns = { ...channelSummaryColumns(t), channelMember: t.channelMembers.userId };
  const [inSpaces, own] = await Promise.all([
    db
      .select({ ...columns, spaceRole: t.spaceMembers.role, spaceName: t.spaces.name })
      .from(t.spaceMembers)
      .innerJoin(t.channels, eq(t.channels.spaceId, t.spaceMembers.spaceId))
      .innerJoin(t.spaces, eq(t.spaces.id, t.spaceMembers.spaceId))
      .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
      .where(eq(t.spaceMembers.userId, userId)),
    db
      .select(columns)
      .from(t.channelMembers)
      .innerJoin(t.channels, eq(t.channels.id, t.channelMembers.channelId))
      .where(and(eq(t.channelMembers.userId, userId), inArray(t.channels.kind, ["dm", "group"]))),
  ]);
  return [...inSpaces, ...own.map((row) => ({ ...row, spaceRole: null, spaceName: null }))]
    .filter(mayAccess)
    .map(({ spaceRole: _role, channelMember: _member, ...channel }) => channel);
}

/** Channels whose members are listed in channel_members (not a whole space). */
export function hasOwnMembers(channel: Pick<ChannelSummary, "kind" | "isPrivate">): boolean {
  return channel.kind === "dm" || channel.kind === "group" || channel.isPrivate;
}

/**
 * The rooms that hear a channel's activity (new last seq, who is in its call): the whole space
 * for a public channel; its own members for a dm or group; its members and the space's owner
 * and admins (who see every private channel) for a private one.
 */
export function activityRoom(channel: Pick<ChannelSummary, "id" | "spaceId" | "kind" | "isPrivate">): string[] {
  if (!channel.spaceId) return [rooms.members(channel.id)];
  return channel.isPrivate ? [rooms.members(channel.id), rooms.spaceAdmins(channel.spaceId)] : [rooms.space(channel.spaceId)];
}

/** The spaces the user administers (owner or admin): their sockets join those spaces' admin rooms. */
export async function myAdminSpaces(userId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ spaceId: t.spaceMembers.spaceId })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.userId, userId), ne(t.spaceMembers.role, "member")));
  return rows.map((r) => r.spaceId);
}

/**
 * The ids of everyone who can read a channel: channel_members for dms, groups and private
 * channels (plus a private channel's owner and admins), else the space's members.
 */
export async function channelReaderIds(channel: Pick<ChannelSummary, "id" | "spaceId" | "kind" | "isPrivate">): Promise<string[]> {
  const { db, t } = await getDatabase();
  const own = db.select({ userId: t.channelMembers.userId }).from(t.channelMembers).where(eq(t.channelMembers.channelId, channel.id));
  if (!channel.spaceId) return (await own).map((r) => r.userId);
  if (!channel.isPrivate) {
    const rows = await db.select({ userId: t.spaceMembers.userId }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, channel.spaceId));
    return rows.map((r) => r.userId);
  }
  const admins = db
    .select({ userId: t.spaceMembers.userId })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.spaceId, channel.spaceId), ne(t.spaceMembers.role, "member")));
  const [a, b] = await Promise.all([own, admins]);
  return [...new Set([...a, ...b].map((r) => r.userId))];
}

// ---- blocks: who may reach whom -------------------------------------------------------

/** The user has blocked the other. */
export async function hasBlocked(blockerId: string, blockedId: string): Promise<boolean> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ id: t.blocks.blockerId })
    .from(t.blocks)
    .where(and(eq(t.blocks.blockerId, blockerId), eq(t.blocks.blockedId, blockedId)))
    .limit(1);
  return !!row;
}

/** Of these people, those who blocked the user or whom the user blocked: neither can pull the other into a conversation. */
export async function blockedEitherWay(userId: string, otherIds: string[]): Promise<string[]> {
  if (otherIds.length === 0) return [];
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ blocker: t.blocks.blockerId, blocked: t.blocks.blockedId })
    .from(t.blocks)
    .where(
      or(
        and(eq(t.blocks.blockerId, userId), inArray(t.blocks.blockedId, otherIds)),
        and(inArray(t.blocks.blockerId, otherIds), eq(t.blocks.blockedId, userId)),
      ),
    );
  return [...new Set(rows.map((r) => (r.blocker === userId ? r.blocked : r.blocker)))];
}

/** Either member of a dm has blocked the other (one query: the other member joined to blocks): no messages, no calls. */
export async function dmBlocked(userId: string, channelId: string): Promise<boolean> {
  const { db, t } = await getDatabase();
  const other = t.channelMembers.userId;
  const [row] = await db
    .select({ id: t.blocks.blockerId })
    .from(t.channelMembers)
    .innerJoin(
      t.blocks,
      or(
        and(eq(t.blocks.blockerId, userId), eq(t.blocks.blockedId, other)),
        and(eq(t.blocks.blockerId, other), eq(t.blocks.blockedId, userId)),
      ),
    )
    .where(and(eq(t.channelMembers.channelId, channelId), ne(other, userId)))
    .limit(1);
  return !!row;
}

/** The dms, group chats and private channels the user is a member of (their sockets join these rooms). */
export async function myOwnMemberChannels(userId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db.select({ channelId: t.channelMembers.channelId }).from(t.channelMembers).where(eq(t.channelMembers.userId, userId));
  return rows.map((r) => r.channelId);
}

/** Everyone the user has blocked: their messages are hidden from the user. */
export async function listBlockedIds(userId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.blocks.blockedId }).from(t.blocks).where(eq(t.blocks.blockerId, userId));
  return rows.map((r) => r.id);
}
