import "server-only";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { getDatabase } from "../database";
import { muteInput, type ConversationView } from "@/lib/conversations";
import { AppError } from "@/lib/errors";
import { rooms, type ChannelSummary, type UserSummary } from "@/lib/realtime/contract";
import { events } from "../events/sink";
import { requireChannelAccess } from "./access";
import { inquiriesOf } from "./study-inquiries";

/**
 * Direct conversations: 1:1 dms and group chats. Each is a channel with no space whose
 * members are its channel_members rows, so sending, reading, typing and "unread by N" work
 * exactly as in a space channel (requireChannelAccess lets only those members in).
 *
 * This file holds what every conversation has (its screen, its members and title, muting, who
 * one can start one with); starting a dm is in ./dms.ts, group chats in ./groups.ts, and the
 * chat list in ./chat-list.ts.
 */

/** Longest fallback title of an unnamed group ("Bob, Carol, Dave…"). */
const DEFAULT_NAME_CHARS = 64;

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
  const [[row], members, inquiries] = await Promise.all([
    db
      .select({ image: t.channels.image, muted: t.channelMembers.muted })
      .from(t.channels)
      .innerJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
      .where(eq(t.channels.id, channelId))
      .limit(1),
    membersOf([channelId]),
    channel.kind === "dm" ? inquiriesOf([channelId]) : new Map<string, never>(),
  ]);
  const inquiry = inquiries.get(channelId);
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
    ...(inquiry ? { study: { spaceId: inquiry.spaceId, spaceName: inquiry.spaceName, asking: inquiry.askerId === userId } } : {}),
  };
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

/** A dm or group chat the user is in; anything else (even a channel they can read) is forbidden. */
export async function requireConversation(userId: string, channelId: string): Promise<ChannelSummary> {
  const channel = await requireChannelAccess(userId, channelId);
  if (channel.kind !== "dm" && channel.kind !== "group") throw new AppError("forbidden", "You cannot access this channel");
  return channel;
}

export async function usersByIds(ids: string[]): Promise<UserSummary[]> {
  if (ids.length === 0) return [];
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.users.id, name: t.users.name, image: t.users.image }).from(t.users).where(inArray(t.users.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Members of these conversations, each in the order they joined. */
export async function membersOf(channelIds: string[]): Promise<(UserSummary & { channelId: string })[]> {
  if (channelIds.length === 0) return [];
  const { db, t } = await getDatabase();
  return db
    .select({ channelId: t.channelMembers.channelId, id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.channelMembers)
    .innerJoin(t.users, eq(t.users.id, t.channelMembers.userId))
    .where(inArray(t.channelMembers.channelId, channelIds))
    .orderBy(asc(t.channelMembers.joinedAt), asc(t.channelMembers.userId));
}

export async function memberIdsOf(channelId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.channelMembers.userId }).from(t.channelMembers).where(eq(t.channelMembers.channelId, channelId));
  return rows.map((r) => r.id);
}

export function summary(user: UserSummary): UserSummary {
  return { id: user.id, name: user.name, image: user.image };
}

/**
 * What a conversation is called for one member: a dm after the other person, a group by its
 * name or, without one, after the others ("Bob, Carol"; the client words the "and 3 others").
 */
export function titleFor(kind: "dm" | "group", name: string, others: UserSummary[]): string {
  if (kind === "dm") return others[0]?.name ?? "";
  if (name) return name;
  const names = others.map((p) => p.name).join(", ");
  return names.length > DEFAULT_NAME_CHARS ? `${names.slice(0, DEFAULT_NAME_CHARS - 1)}…` : names;
}

/** Tells each member's tabs to re-read the chat list (created, joined, left, renamed). */
export function tellMembers(userIds: string[], channelId: string): void {
  for (const id of new Set(userIds)) events().publish(rooms.user(id), "conversation:changed", { channelId });
}
