import type { ChatMessage } from "@/lib/realtime/contract";

/**
 * KakaoTalk's number beside a message: the members other than its author and the viewer whose
 * read cursor is still before it (a member who never opened the channel has not read it). The
 * viewer is never one of them: a row they have not scrolled to yet is theirs to read, and the
 * number is about the others (their own cursor moves as soon as they see it).
 */
export function unreadBy(message: Pick<ChatMessage, "seq" | "author">, memberIds: readonly string[], reads: ReadonlyMap<string, number>, viewerId: string): number {
  let n = 0;
  for (const id of memberIds) if (id !== message.author.id && id !== viewerId && (reads.get(id) ?? 0) < message.seq) n++;
  return n;
}
