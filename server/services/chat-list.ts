import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDatabase } from "../database";
import { STACKED_AVATARS } from "@/lib/conversations";
import { mentionedIds } from "@/lib/mentions";
import type { ConversationSummary, UserSummary } from "@/lib/realtime/contract";
import { getMessageStore, lastSeqsOf } from "../messages";
import { parseSystemEvent, usersById as namesById } from "../messages/views";
import { listBlockedIds } from "./access";
import { membersOf, titleFor, usersByIds } from "./conversations";
import { inquiriesOf } from "./study-inquiries";

const PREVIEW_CHARS = 120;

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
  const [members, blocked, lastMessages, inquiries] = await Promise.all([
    membersOf(shown.map((r) => r.id)),
    listBlockedIds(userId),
    store.lastOfChannels(shown.filter((r) => r.lastSeq > 0).map((r) => r.id)),
    inquiriesOf(shown.filter((r) => r.kind === "dm").map((r) => r.id)),
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
      const inquiry = inquiries.get(r.id);
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
        ...(inquiry ? { study: { spaceId: inquiry.spaceId, spaceName: inquiry.spaceName, asking: inquiry.askerId === userId } } : {}),
      };
    })
    .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id));
}
