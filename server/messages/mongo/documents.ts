import "server-only";
import type { Filter } from "mongodb";
import type { LinkQuery, SearchQuery, StoredMessage } from "../store";

/**
 * The MongoDB store's documents and the pure parts of its queries: what can be checked without
 * a server is here (tests/mongo-message-documents.test.ts), and ./store.ts only sends it.
 */

/** One message: a StoredMessage with its id as _id and its reactions in it, in the order they were made. */
export type MessageDoc = Omit<StoredMessage, "id" | "reactions"> & { _id: string; reactions: ReactionDoc[] };

export interface ReactionDoc {
  emoji: string;
  userId: string;
  at: Date;
}

/** A channel's seq counter: the highest seq handed out, and when (the gap filler reads `at`). */
export interface CounterDoc {
  _id: string;
  seq: number;
  at: Date;
}

/**
 * Who is appending (channel, author, clientId) right now. Copies of one append wait on it
 * instead of each taking a seq (a seq taken and not used is a gap); `owner` lets exactly one
 * taker carry on after an owner that died (kill -9) mid-append.
 */
export interface ClaimDoc {
  _id: string;
  channelId: string;
  owner: string;
  at: Date;
}

/**
 * How long an append may be between taking its seq and storing its message before the seq
 * counts as abandoned (the process died, or stalled this long), and how long a copy waits on
 * another copy's claim before taking it over. Node clocks are assumed to agree to well within it.
 */
export const ABANDONED_AFTER_MS = 5_000;

/** The claim's key: one string, so equality does not depend on a sub-document's field order. */
export const claimKey = (channelId: string, authorId: string, clientId: string): string => JSON.stringify([channelId, authorId, clientId]);

/** The author id of a gap's placeholder: no user has it (user ids are uuids). */
export const GAP_AUTHOR = "";

/**
 * The placeholder for a seq that was taken and never used: a deleted system message, which
 * clients already show as nothing (a deleted message keeps its seq and loses its text). Its
 * clientId is the seq's own, so two fillers of one gap collide on the unique indexes, not twice.
 */
export function gapPlaceholder(id: string, channelId: string, seq: number, at: Date): MessageDoc {
  return {
    _id: id,
    channelId,
    seq,
    authorId: GAP_AUTHOR,
    clientId: `gap:${seq}`,
    body: "",
    kind: "system",
    replyToId: null,
    createdAt: at,
    editedAt: null,
    deletedAt: at,
    updatedAt: at,
    reactions: [],
  };
}

/** The seqs in lo..hi (inclusive) that `present` lacks. */
export function missingSeqs(present: number[], lo: number, hi: number): number[] {
  const have = new Set(present);
  const out: number[] = [];
  for (let seq = lo; seq <= hi; seq++) if (!have.has(seq)) out.push(seq);
  return out;
}

/**
 * Which missing seqs are abandoned, not in flight. A seq is handed out before every higher one,
 * so it was taken no later than (a) the counter's last hand-out and (b) any higher seq's
 * message's creation (an append stamps createdAt after its seq is taken). Once either is older
 * than ABANDONED_AFTER_MS, its appender has had that long and is taken for dead.
 */
export function abandonedSeqs(missing: number[], evidence: { counter: CounterDoc | null; later: Array<{ seq: number; createdAt: Date }> }, now: Date): number[] {
  const cutoff = now.getTime() - ABANDONED_AFTER_MS;
  if (evidence.counter && evidence.counter.at.getTime() < cutoff) return missing.filter((seq) => seq <= evidence.counter!.seq);
  // The lowest seq above which an old enough message stands: every missing seq below it is old.
  const old = evidence.later.filter((m) => m.createdAt.getTime() < cutoff).map((m) => m.seq);
  if (old.length === 0) return [];
  const oldAbove = Math.min(...old);
  return missing.filter((seq) => seq < oldAbove);
}

/** Reactions as the interface gives them: by emoji in order of each one's earliest, users in order. */
export function groupReactions(list: ReactionDoc[]): StoredMessage["reactions"] {
  const out: StoredMessage["reactions"] = [];
  // The array is in the order the reactions were pushed (node clocks may disagree; it does not).
  for (const r of list) {
    const entry = out.find((x) => x.emoji === r.emoji);
    if (entry) entry.userIds.push(r.userId);
    else out.push({ emoji: r.emoji, userIds: [r.userId] });
  }
  return out;
}

export function toStored(doc: MessageDoc): StoredMessage {
  return {
    id: doc._id,
    channelId: doc.channelId,
    seq: doc.seq,
    authorId: doc.authorId,
    clientId: doc.clientId,
    body: doc.body,
    kind: doc.kind,
    replyToId: doc.replyToId,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt,
    deletedAt: doc.deletedAt,
    updatedAt: doc.updatedAt,
    reactions: groupReactions(doc.reactions),
  };
}

/** Text for a $regex that matches it literally (every regex metacharacter escaped). */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** A message whose text contains an http(s) URL: search's "has a link" and the drawer's links. */
export const HAS_LINK: Filter<MessageDoc> = { body: { $regex: "https?://", $options: "i" } };

/** The filter of the drawer's links: one channel's standing user messages with a URL, below a seq. */
export function linkFilter(q: LinkQuery): Filter<MessageDoc> {
  const and: Filter<MessageDoc>[] = [
    { channelId: q.channelId, ...(q.beforeSeq !== undefined ? { seq: { $lt: q.beforeSeq } } : {}) },
    { kind: "user" },
    { deletedAt: null },
    HAS_LINK,
  ];
  if (q.excludeAuthorIds?.length) and.push({ authorId: { $nin: q.excludeAuthorIds } });
  return { $and: and };
}

/**
 * The filter of a search: an unanchored, case-insensitive $regex over the allowed channels,
 * which no index can answer, so MongoDB reads every standing user message of those channels in
 * the date range (narrowed by the (channelId, createdAt) index) and tests each. That is the
 * limit: fine for a community's history, slow over millions of messages in the channels asked.
 */
export function searchFilter(q: SearchQuery): Filter<MessageDoc> {
  const and: Filter<MessageDoc>[] = [
    { channelId: { $in: q.channelIds } },
    { kind: "user" },
    { deletedAt: null },
    { body: { $regex: literalPattern(q.text), $options: "i" } },
  ];
  if (q.authorId !== undefined) and.push({ authorId: q.authorId });
  if (q.excludeAuthorIds?.length) and.push({ authorId: { $nin: q.excludeAuthorIds } });
  if (q.after) and.push({ createdAt: { $gt: q.after } });
  if (q.before) and.push({ createdAt: { $lt: q.before } });
  if (q.hasLink) and.push(HAS_LINK);
  if (q.below) and.push({ $or: [{ createdAt: { $lt: q.below.createdAt } }, { createdAt: q.below.createdAt, _id: { $lt: q.below.id } }] });
  return { $and: and };
}

/** The filter of unreadCounts: each channel past its cursor, with authorIds only their user messages. */
export function unreadFilter(cursors: Array<{ channelId: string; lastReadSeq: number }>, authorIds?: string[]): Filter<MessageDoc> {
  const past: Filter<MessageDoc> = { $or: cursors.map((c) => ({ channelId: c.channelId, seq: { $gt: c.lastReadSeq } })) };
  return authorIds ? { $and: [past, { authorId: { $in: authorIds } }, { kind: { $ne: "system" } }] } : past;
}

/**
 * Whether a toggle may add this emoji: the user has not reacted with it, and it is already on
 * the message or the message has fewer than `maxDistinct` emoji. As a query on the message, so
 * the check and the $push are one atomic update.
 */
export function mayAddReaction(userId: string, emoji: string, maxDistinct: number): Filter<MessageDoc> {
  return {
    $nor: [{ reactions: { $elemMatch: { userId, emoji } } }],
    $expr: {
      $or: [{ $in: [emoji, "$reactions.emoji"] }, { $lt: [{ $size: { $setUnion: ["$reactions.emoji", []] } }, maxDistinct] }],
    },
  };
}
