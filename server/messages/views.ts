import "server-only";
import { inArray } from "drizzle-orm";
import { getDatabase } from "../database";
import { LIMITS } from "@/lib/limits";
import type { ChatMessage, ReplyPreview, SystemEvent } from "@/lib/realtime/contract";
import { getMessageStore } from ".";
import type { StoredMessage } from "./store";
import { attachmentsOf } from "./attachments";
import { linkPreviewsOf } from "../links/previews";

/**
 * Stored messages as clients see them: the store keeps author ids, and the names and pictures
 * come from the users table here (one query per batch), with each reply's quoted original and
 * the files each message carries and the cards of its links (one more query each).
 */
export async function toChatMessages(channelId: string, stored: StoredMessage[]): Promise<ChatMessage[]> {
  if (stored.length === 0) return [];
  const replyIds = [...new Set(stored.flatMap((m) => (m.replyToId ? [m.replyToId] : [])))];
  const quoted = replyIds.length ? await (await getMessageStore()).get(channelId, replyIds) : [];
  const showing = stored.filter((m) => m.kind === "user" && !m.deletedAt).map((m) => m.id);
  const [authors, files, cards] = await Promise.all([
    usersById([...stored, ...quoted].map((m) => m.authorId)),
    attachmentsOf(channelId, stored),
    linkPreviewsOf(channelId, showing),
  ]);
  const previews = new Map(quoted.map((q) => [q.id, toPreview(q, authors.get(q.authorId)?.name ?? "")]));
  return stored.map((m) => ({
    id: m.id,
    channelId: m.channelId,
    seq: m.seq,
    clientId: m.clientId,
    body: m.kind === "system" ? "" : m.body,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    author: authors.get(m.authorId) ?? { id: m.authorId, name: "", image: null },
    system: m.kind === "system" ? parseSystemEvent(m.body) : null,
    replyTo: m.replyToId ? (previews.get(m.replyToId) ?? null) : null,
    reactions: m.reactions,
    attachments: files.get(m.id) ?? [],
    linkPreviews: cards.get(m.id) ?? [],
  }));
}

/** A message as a reply quotes it (its author's name given). */
export function toPreview(m: StoredMessage, authorName: string): ReplyPreview {
  return {
    id: m.id,
    seq: m.seq,
    authorId: m.authorId,
    authorName,
    excerpt: m.deletedAt ? "" : m.body.slice(0, LIMITS.replyExcerptChars),
    deleted: Boolean(m.deletedAt),
  };
}

/** Names and pictures of these users as they are now. */
export async function usersById(ids: string[]): Promise<Map<string, { id: string; name: string; image: string | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.users)
    .where(inArray(t.users.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A system message's body is its SystemEvent as JSON (written by the pipeline). */
export function parseSystemEvent(body: string): SystemEvent | null {
  try {
    return JSON.parse(body) as SystemEvent;
  } catch {
    return null;
  }
}
