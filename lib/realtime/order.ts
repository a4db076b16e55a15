import { LIMITS } from "../limits";
import type { ChatMessage } from "./contract";

/**
 * Adds messages to a channel's list, unique by seq and in seq order. Live events can arrive
 * out of seq order (two nodes publish independently after their commits), so clients never
 * trust arrival order, only seq.
 */
export function mergeBySeq(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The first missing seq after `from` in a seq-ordered list, or null when there is no gap. */
export function firstGap(messages: ChatMessage[]): number | null {
  for (let i = 1; i < messages.length; i++) if (messages[i]!.seq !== messages[i - 1]!.seq + 1) return messages[i - 1]!.seq + 1;
  return null;
}

/**
 * Applies a changed message (edited, deleted, reacted to) to the messages held: the message
 * itself, and the quotes of it in replies, which are not re-sent.
 */
export function applyChange(current: ChatMessage[], changed: ChatMessage): ChatMessage[] {
  const excerpt = changed.deletedAt ? "" : changed.body.slice(0, LIMITS.replyExcerptChars);
  const deleted = changed.deletedAt !== null;
  return mergeBySeq(
    current.map((m) =>
      m.replyTo?.id === changed.id && (m.replyTo.excerpt !== excerpt || m.replyTo.deleted !== deleted)
        ? { ...m, replyTo: { ...m.replyTo, excerpt, deleted } }
        : m,
    ),
    current.some((m) => m.id === changed.id) ? [changed] : [],
  );
}
