import "server-only";
import { and, count, eq, ne, or } from "drizzle-orm";
import { getDatabase } from "../database";
import { LIMITS } from "@/lib/limits";
import { unreadCounts as countsOf } from "@/lib/live-merge";
import { rooms, type ChannelReadState, type ChannelSummary, type ReadCursor } from "@/lib/realtime/contract";
import { events } from "../events/sink";
import { lastSeqOf, lastSeqsOf } from "../messages";
import { channelReaderIds, hasOwnMembers, requireChannelAccess } from "./access";

/**
 * Moves the user's read cursor in a channel forward to `seq` (clamped to the channel's last
 * seq) and tells the channel, so "unread by N" updates for everyone looking.
 */
export async function markRead(userId: string, channelId: string, seq: number): Promise<number> {
  const channel = await requireChannelAccess(userId, channelId);
  const { db, dialect } = await getDatabase();
  const before = await readCursorOf(userId, channelId);
  const target = Math.min(seq, await lastSeqOf(channel));
  if (target <= before) return before; // nothing moved: nothing to store or tell
  await dialect.advanceReadCursor(db, channelId, userId, target);
  const lastReadSeq = await readCursorOf(userId, channelId);
  // The reader's own tabs and devices always hear it (badges, the divider, the jump bar); the
  // channel only where it shows "unread by N". One emit to both rooms reaches a socket once.
  const to = (await showsReadReceipts(channel)) ? [rooms.user(userId), rooms.channel(channelId)] : [rooms.user(userId)];
  events().publish(to, "read:update", { channelId, userId, lastReadSeq });
  return lastReadSeq;
}

export async function readCursorOf(userId: string, channelId: string): Promise<number> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ lastReadSeq: t.channelReads.lastReadSeq })
    .from(t.channelReads)
    .where(and(eq(t.channelReads.channelId, channelId), eq(t.channelReads.userId, userId)))
    .limit(1);
  return row?.lastReadSeq ?? 0;
}

/** Every reader's cursor in a channel (0 for those who never read it); empty for large channels. */
export async function listReadCursors(channel: ChannelSummary): Promise<ReadCursor[]> {
  const readers = await channelReaderIds(channel);
  if (readers.length > LIMITS.readReceiptsMaxMembers) return [];
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ userId: t.channelReads.userId, lastReadSeq: t.channelReads.lastReadSeq })
    .from(t.channelReads)
    .where(eq(t.channelReads.channelId, channel.id));
  const read = new Map(rows.map((r) => [r.userId, r.lastReadSeq]));
  return readers.map((userId) => ({ userId, lastReadSeq: read.get(userId) ?? 0 }));
}

/**
 * The user may see a space channel: public, or private with the user chosen, or the user
 * administers the space (the rule of requireChannelAccess in ./access.ts, as a join condition).
 */
async function seesChannel(userId: string) {
  const { t } = await getDatabase();
  return or(eq(t.channels.isPrivate, false), ne(t.spaceMembers.role, "member"), eq(t.channelMembers.userId, userId));
}

/** Unread message counts per channel of a space the user can see. */
export async function unreadCounts(userId: string, spaceId: string): Promise<Record<string, number>> {
  return countsOf(await readStates(userId, spaceId));
}

/**
 * Each channel of a space the user can see: its last seq and the user's cursor. The space screen
 * merges these with live events by seq (a page read before a message must not undo its count).
 */
export async function readStates(userId: string, spaceId: string): Promise<Record<string, ChannelReadState>> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.channels.id, lastSeq: t.channels.lastSeq, lastReadSeq: t.channelReads.lastReadSeq })
    .from(t.channels)
    .innerJoin(t.spaceMembers, and(eq(t.spaceMembers.spaceId, t.channels.spaceId), eq(t.spaceMembers.userId, userId)))
    .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
    .leftJoin(t.channelReads, and(eq(t.channelReads.channelId, t.channels.id), eq(t.channelReads.userId, userId)))
    .where(and(eq(t.channels.spaceId, spaceId), await seesChannel(userId)));
  const lastSeqs = await lastSeqsOf(rows);
  return Object.fromEntries(rows.map((r) => [r.id, { lastSeq: lastSeqs.get(r.id) ?? 0, lastReadSeq: r.lastReadSeq ?? 0 }]));
}

/** Unread message counts per space (the channels the user can see), for the rail of spaces. */
export async function unreadBySpace(userId: string): Promise<Record<string, number>> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.channels.id, spaceId: t.channels.spaceId, lastSeq: t.channels.lastSeq, lastReadSeq: t.channelReads.lastReadSeq })
    .from(t.spaceMembers)
    .innerJoin(t.channels, eq(t.channels.spaceId, t.spaceMembers.spaceId))
    .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
    .leftJoin(t.channelReads, and(eq(t.channelReads.channelId, t.channels.id), eq(t.channelReads.userId, userId)))
    .where(and(eq(t.spaceMembers.userId, userId), await seesChannel(userId)));
  const lastSeqs = await lastSeqsOf(rows);
  const counts: Record<string, number> = {};
  for (const r of rows) if (r.spaceId) counts[r.spaceId] = (counts[r.spaceId] ?? 0) + Math.max(0, (lastSeqs.get(r.id) ?? 0) - (r.lastReadSeq ?? 0));
  return counts;
}

/** "Unread by N" is for channels small enough to read it in (LIMITS.readReceiptsMaxMembers). */
async function showsReadReceipts(channel: ChannelSummary): Promise<boolean> {
  if (channel.kind === "dm") return true;
  if (!channel.spaceId || hasOwnMembers(channel)) return (await channelReaderIds(channel)).length <= LIMITS.readReceiptsMaxMembers;
  const { db, t } = await getDatabase();
  const [size] = await db.select({ n: count() }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, channel.spaceId));
  return (size?.n ?? 0) <= LIMITS.readReceiptsMaxMembers;
}
