import "server-only";
import type { Reaction } from "@/lib/realtime/contract";

/**
 * Everything about stored messages, behind one interface, so the services do not care where
 * messages live. Users, spaces, channels, memberships and read cursors stay in SQL; a message
 * store holds the messages and their reactions and hands out each channel's seqs.
 *
 * Rows come back as stored: an author id, not an author's name (the service joins names from
 * the users table), so a store without joins can implement this. Implementations:
 * ./sql-store.ts (SQLite and MySQL/MariaDB) and ./mongo/store.ts (MongoDB, chosen by MONGODB_URL;
 * unverified on the machines this was written on, which have no MongoDB server). All of them
 * run tests/message-store.contract.test.ts.
 */

export interface StoredMessage {
  id: string;
  channelId: string;
  seq: number;
  authorId: string;
  clientId: string;
  /** A user's text; for a system message, its SystemEvent as JSON. "" once deleted. */
  body: string;
  kind: "user" | "system";
  replyToId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  /** Last edit, delete or reaction change (or the append): what changesSince looks at. */
  updatedAt: Date;
  /** By emoji, in the order of each emoji's earliest standing reaction; userIds in the order they reacted. */
  reactions: Reaction[];
}

export interface MessageDraft {
  channelId: string;
  authorId: string;
  /** With channelId and authorId, what makes an append idempotent. */
  clientId: string;
  body: string;
  kind: "user" | "system";
  replyToId?: string | null;
}

export interface AppendOptions {
  /**
   * Called once the message's seq is taken and before it is committed, so the caller can hold
   * its place in the broadcast order (./publish-order.ts). If the append then
   * fails, or finds the message already stored, that seq is not the message's: the caller
   * gives the place back.
   */
  onSeq?: (seq: number) => void;
  /**
   * Writing is reading: the author's read cursor (in SQL, whichever store holds messages) should
   * move past the message. A store on the cursors' own database moves it in the append's
   * transaction and says so (`authorCursorMoved`); any other leaves it to the caller.
   */
  moveAuthorCursor?: boolean;
}

export interface AppendResult {
  message: StoredMessage;
  /** False when (channel, author, clientId) was stored before: `message` is that original. */
  created: boolean;
  /** True when the append also moved the author's read cursor past it (see `moveAuthorCursor`). */
  authorCursorMoved?: boolean;
}

/** Newest page (no bound), the page before a seq, or the page after one (filling a gap). */
export type PageBound = { beforeSeq?: number } | { afterSeq: number };

export type ReactionResult = { ok: true; message: StoredMessage; added: boolean } | { ok: false; reason: "gone" | "too_many" };

export interface ReadCursor {
  channelId: string;
  /** The last seq the reader has read (0 for none). */
  lastReadSeq: number;
}

export interface SearchQuery {
  /** The channels the searcher may read: the caller applies the access rule; the store searches only these. */
  channelIds: string[];
  /** Already trimmed and bounded by the caller (1–100 characters); matched as a case-insensitive substring. */
  text: string;
  authorId?: string;
  /** User messages by these authors are left out (e.g. people the searcher blocked), if the access rule wants that. */
  excludeAuthorIds?: string[];
  /** Strictly after this time (createdAt). */
  after?: Date;
  /** Strictly before this time (createdAt). */
  before?: Date;
  /** Only messages whose text contains an http(s) URL. */
  hasLink?: boolean;
  /** Newest first; the next page continues strictly below this message. */
  below?: { createdAt: Date; id: string };
  limit: number;
}

/** The drawer's links: a channel's messages that carry a URL, a page at a time. */
export interface LinkQuery {
  /** One channel the caller has checked the reader may read. */
  channelId: string;
  /** The next page continues strictly below this seq. */
  beforeSeq?: number;
  /** User messages by these authors are left out (people the reader blocked). */
  excludeAuthorIds?: string[];
  limit: number;
}

export interface AuthorInChannel {
  channelId: string;
  authorId: string;
}

export interface MessageStore {
  /**
   * Stores a message with the channel's next seq, atomically: seqs of a channel are 1, 2, 3 …
   * with no gap and no repeat, however many append at once. Appending (channel, author,
   * clientId) again returns the stored original and takes no seq.
   */
  append(draft: MessageDraft, options?: AppendOptions): Promise<AppendResult>;
  /** A page of a channel, oldest first; `hasMore` says the page was cut short at `limit`. */
  page(channelId: string, bound: PageBound, limit: number): Promise<{ messages: StoredMessage[]; hasMore: boolean }>;
  /** Messages up to `uptoSeq` changed after `since`, oldest change first; the newest `limit` of them. */
  changesSince(channelId: string, uptoSeq: number, since: Date, limit: number): Promise<StoredMessage[]>;
  /** These messages of a channel (ids of another channel are not found); in no particular order. */
  get(channelId: string, messageIds: string[]): Promise<StoredMessage[]>;
  findByClientId(channelId: string, authorId: string, clientId: string): Promise<StoredMessage | null>;
  /** Replaces the text of a standing message; null if there is none (or it was deleted first). */
  edit(channelId: string, messageId: string, body: string, at: Date): Promise<StoredMessage | null>;
  /** Empties a message and drops its reactions; it keeps its seq as a placeholder. Null if gone. */
  softDelete(channelId: string, messageId: string, at: Date): Promise<StoredMessage | null>;
  /** Adds the user's reaction, or removes it if they had it; at most `maxDistinct` emoji per message. */
  toggleReaction(channelId: string, messageId: string, userId: string, emoji: string, maxDistinct: number): Promise<ReactionResult>;
  /** The message with the highest seq of each channel that has one (the chat list). */
  lastOfChannels(channelIds: string[]): Promise<Map<string, StoredMessage>>;
  /**
   * Per channel, how many messages come after the reader's cursor; with `authorIds`, only user
   * messages by those authors (e.g. to take blocked people's messages off a badge).
   */
  unreadCounts(cursors: ReadCursor[], filter?: { authorIds: string[] }): Promise<Map<string, number>>;
  /**
   * Of these (channel, author) pairs, the ones whose author has a user message in that channel
   * (a deleted one counts, a system message does not), in no particular order: who has spoken
   * in a conversation.
   */
  wroteIn(pairs: AuthorInChannel[]): Promise<AuthorInChannel[]>;
  /** Deletes every message (and reaction) of these channels. */
  deleteChannels(channelIds: string[]): Promise<void>;
  /**
   * The highest seq taken in each of these channels (0 for one with none): what unread counts,
   * catch-up and read cursors are measured against. Every id asked for has an entry.
   */
  lastSeqs(channelIds: string[]): Promise<Map<string, number>>;
  /** Standing (not deleted) user messages matching the query, newest first (createdAt, then id). */
  search(query: SearchQuery): Promise<{ messages: StoredMessage[]; hasMore: boolean }>;
  /**
   * Standing (not deleted) user messages of one channel whose text contains an http(s) URL
   * (search's `hasLink` test), newest first by seq; `hasMore` says the page was cut short.
   */
  linkMessages(query: LinkQuery): Promise<{ messages: StoredMessage[]; hasMore: boolean }>;
}
