import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL } from "drizzle-orm";
import { getDatabase, type Database, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import {
  clientPayloads,
  rooms,
  type ChannelSummary,
  type ChatMessage,
  type ClientPayload,
  type Reaction,
  type ReplyPreview,
  type UserSummary,
  type SystemEvent,
} from "@/lib/realtime/contract";
import { newId } from "../ids";
import { takeSendToken } from "../rate-limit";
import { publish, publishExcept } from "../realtime/emitter";
import { publishOrder, type Reservation } from "../realtime/publish-order";
import { activityRoom, dmBlocked, requireChannelAccess } from "./access";

const CATCH_UP_UPDATES_MAX = 200;
/** `updatedAt` is written by whichever node made the change; look back this far for clock skew (repeats are harmless). */
const CLOCK_SKEW_MARGIN_MS = 5_000;

/**
 * Stores a message and then broadcasts it to the channel. The seq bump and the insert are
 * one transaction; a send whose clientId was stored before returns the stored original, so a
 * retried or doubled send never makes a second message. The hot path is: token, one access
 * query, one transaction (bump + insert), then one broadcast encoded once for the room.
 * `refreshAuthor` (the author's name and picture as they are now) runs only once the send is
 * allowed: a refused send touches no database at all.
 */
export async function sendMessage(
  author: UserSummary,
  input: ClientPayload<"message:send">,
  refreshAuthor?: () => Promise<UserSummary>,
): Promise<ChatMessage> {
  const { channelId, clientId, body, replyToId } = clientPayloads["message:send"].parse(input);
  // A refused send is not looked up, even if it is the retry of a stored one (after a
  // reconnect): the client keeps it and sends it again later (components/chat/useChannel.ts),
  // and that later send is answered with the original.
  if (!(await takeSendToken(author.id))) throw new AppError("rate_limited", "Slow down: too many messages");
  if (refreshAuthor) author = await refreshAuthor();
  const channel = await requireChannelAccess(author.id, channelId);
  // Only a dm asks about blocks (one more query); space channels keep the hot path as it was.
  if (channel.kind === "dm" && (await dmBlocked(author.id, channelId))) throw new AppError("blocked", "You cannot message this person");
  const { dialect } = await getDatabase();
  const replyTo = replyToId ? await replyPreview(channelId, replyToId) : null;
  try {
    return await withMessages(
      async (tx, post) => {
        const message = await post(tx, channel, { author, clientId, body, replyTo });
        // Writing in a channel is reading it: the author's cursor moves past their own message in
        // the same transaction, so what they sent never counts as unread for them on any device.
        await dialect.advanceReadCursor(tx as unknown as Db, channelId, author.id, message.seq);
        return message;
      },
      // Every tab and device of the author hears it (their badges and dividers follow); others
      // infer it from the message itself (useChannel), so the hot path publishes nothing more.
      (message) => publish(rooms.user(author.id), "read:update", { channelId, userId: author.id, lastReadSeq: message.seq }),
    );
  } catch (err) {
    // A retried or doubled send: the unique (channel, author, clientId) index refuses the copy
    // (and the rolled-back transaction gives its seq back); answer with the original.
    const original = dialect.isUniqueViolation(err) ? await findByClientId(channelId, author.id, clientId) : null;
    if (original) return original;
    throw err;
  }
}

/** What a message is made of before it has a seq: a user's text, or a system event. */
export interface MessageDraft {
  author: UserSummary;
  clientId: string;
  body: string;
  replyTo?: ReplyPreview | null;
  system?: SystemEvent;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Stores a message inside the caller's transaction; it is published once that transaction commits. */
export type PostMessage = (tx: Tx, channel: ChannelSummary, draft: MessageDraft) => Promise<ChatMessage>;

/**
 * The one way a message enters a channel, for users' sends and system messages alike: inside
 * one transaction `post` takes each message's seq (the channel row lock orders writers),
 * reserves its place in this node's publish order and inserts the row. After the commit the
 * messages are broadcast in seq order; if the transaction fails, their reservations are given
 * back so later seqs are not held up. `afterCommit` runs between the commit and the broadcast
 * (e.g. to put new members' sockets in the rooms that will hear it).
 */
export async function withMessages<T>(work: (tx: Tx, post: PostMessage) => Promise<T>, afterCommit?: (result: T) => void): Promise<T> {
  const order = publishOrder();
  const staged: { reservation: Reservation; channel: ChannelSummary; message: ChatMessage }[] = [];
  const reservations: Reservation[] = [];
  const { db, t, dialect } = await getDatabase();
  const post: PostMessage = async (tx, channel, draft) => {
    const now = new Date();
    const id = newId();
    const seq = await dialect.nextSeq(tx, channel.id);
    const reservation = order.reserve(channel.id, seq);
    reservations.push(reservation);
    await tx.insert(t.messages).values({
      id,
      channelId: channel.id,
      seq,
      authorId: draft.author.id,
      clientId: draft.clientId,
      body: draft.system ? JSON.stringify(draft.system) : draft.body,
      kind: draft.system ? "system" : "user",
      replyToId: draft.replyTo?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const message: ChatMessage = {
      id,
      channelId: channel.id,
      seq,
      clientId: draft.clientId,
      body: draft.system ? "" : draft.body,
      createdAt: now.toISOString(),
      editedAt: null,
      deletedAt: null,
      author: { id: draft.author.id, name: draft.author.name, image: draft.author.image },
      system: draft.system ?? null,
      replyTo: draft.replyTo ?? null,
      reactions: [],
    };
    staged.push({ reservation, channel, message });
    return message;
  };
  let result: T;
  try {
    result = await db.transaction((tx) => work(tx, post));
  } catch (err) {
    for (const reservation of reservations) order.cancel(reservation);
    throw err;
  }
  try {
    afterCommit?.(result);
  } finally {
    // Committed: these must go out (and free their places in the order) whatever happens above.
    for (const { reservation, channel, message } of staged) {
      order.publish(reservation, () => {
        publish(rooms.channel(channel.id), "message:new", message);
        // For unread badges and the chat list elsewhere; those in the channel just got the message.
        publishExcept(activityRoom(channel), rooms.channel(channel.id), "channel:activity", {
          spaceId: channel.spaceId,
          channelId: channel.id,
          lastSeq: message.seq,
          authorId: message.author.id,
        });
      });
    }
  }
  return result;
}

/** Authors edit their own, undeleted messages. */
export async function editMessage(user: UserSummary, input: ClientPayload<"message:edit">): Promise<ChatMessage> {
  const { channelId, messageId, body } = clientPayloads["message:edit"].parse(input);
  await requireOwnMessage(user.id, channelId, messageId);
  const now = new Date();
  await change(messageId, { body, editedAt: now, updatedAt: now });
  return announce(channelId, messageId);
}

/** Authors delete their own messages: the text and reactions go, a placeholder stays. */
export async function deleteMessage(user: UserSummary, input: ClientPayload<"message:delete">): Promise<ChatMessage> {
  const { channelId, messageId } = clientPayloads["message:delete"].parse(input);
  await requireOwnMessage(user.id, channelId, messageId);
  const { db, t } = await getDatabase();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(t.messages).set({ body: "", deletedAt: now, updatedAt: now }).where(eq(t.messages.id, messageId));
    await tx.delete(t.reactions).where(eq(t.reactions.messageId, messageId));
  });
  return announce(channelId, messageId);
}

/** Adds the user's reaction, or removes it if they had already reacted with that emoji. */
export async function toggleReaction(user: UserSummary, input: ClientPayload<"reaction:toggle">): Promise<ChatMessage> {
  const { channelId, messageId, emoji } = clientPayloads["reaction:toggle"].parse(input);
  await requireChannelAccess(user.id, channelId);
  const target = await messageRow(channelId, messageId);
  if (target.deletedAt) throw new AppError("not_found", "That message was deleted");
  const { db, t, dialect } = await getDatabase();
  const mine = and(eq(t.reactions.messageId, messageId), eq(t.reactions.userId, user.id), eq(t.reactions.emoji, emoji));
  const [had] = await db.select({ emoji: t.reactions.emoji }).from(t.reactions).where(mine).limit(1);
  if (!had) {
    const distinct = await db.selectDistinct({ emoji: t.reactions.emoji }).from(t.reactions).where(eq(t.reactions.messageId, messageId));
    if (distinct.length >= LIMITS.reactionsPerMessageMax && !distinct.some((r) => r.emoji === emoji)) {
      throw new AppError("validation", `A message takes at most ${LIMITS.reactionsPerMessageMax} different reactions`);
    }
  }
  try {
    await db.transaction(async (tx) => {
      // Only while the message stands: a delete that got in first wins.
      const live = and(eq(t.messages.id, messageId), isNull(t.messages.deletedAt));
      const [stillThere] = await tx.select({ id: t.messages.id }).from(t.messages).where(live).limit(1);
      if (!stillThere) throw new AppError("not_found", "That message was deleted");
      if (had) await tx.delete(t.reactions).where(mine);
      else await tx.insert(t.reactions).values({ messageId, userId: user.id, emoji, createdAt: new Date() });
      await tx.update(t.messages).set({ updatedAt: new Date() }).where(live);
    });
  } catch (err) {
    if (!dialect.isUniqueViolation(err)) throw err; // a double click: the reaction is there
  }
  return announce(channelId, messageId);
}

export type HistoryPage = { beforeSeq?: number } | { afterSeq: number };

/**
 * A page of a channel, oldest first: the newest messages, those before `beforeSeq`, or those
 * after `afterSeq` (filling a gap). `hasMore` says whether the page was cut short.
 */
export async function listMessages(
  userId: string,
  channelId: string,
  page: HistoryPage = {},
  limit: number = LIMITS.historyPageSize,
): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  await requireChannelAccess(userId, channelId);
  return readPage(channelId, page, limit);
}

/**
 * What a (re)joining client needs: the messages after the last seq it holds, or — when it holds
 * none, or missed more than LIMITS.catchUpMax — the newest page and `reset`; plus the messages
 * it holds that were edited, deleted or reacted to since `updatedSince`.
 */
export async function catchUp(
  userId: string,
  channelId: string,
  afterSeq: number | undefined,
  updatedSince?: number,
): Promise<{ channel: ChannelSummary; messages: ChatMessage[]; reset: boolean; updates: ChatMessage[]; syncedAt: number }> {
  const syncedAt = Date.now();
  const channel = await requireChannelAccess(userId, channelId);
  if (afterSeq !== undefined && afterSeq <= channel.lastSeq && channel.lastSeq - afterSeq <= LIMITS.catchUpMax) {
    const [{ messages }, updates] = await Promise.all([
      readPage(channelId, { afterSeq }, LIMITS.catchUpMax),
      updatedSince !== undefined ? changedSince(channelId, afterSeq, updatedSince) : Promise.resolve([]),
    ]);
    // Too many changes to list: start over from the newest page instead.
    if (updates.length < CATCH_UP_UPDATES_MAX) return { channel, messages, reset: false, updates, syncedAt };
  }
  const { messages } = await readPage(channelId, {}, LIMITS.historyPageSize);
  return { channel, messages, reset: true, updates: [], syncedAt };
}

// ---- reading ----------------------------------------------------------------------------

async function readPage(channelId: string, page: HistoryPage, limit: number) {
  const database = await getDatabase();
  const { messages } = database.t;
  const query = selectMessages(database);
  const rows =
    "afterSeq" in page
      ? await query
          .where(and(eq(messages.channelId, channelId), gt(messages.seq, page.afterSeq)))
          .orderBy(asc(messages.seq))
          .limit(limit + 1)
      : (
          await query
            .where(
              page.beforeSeq !== undefined
                ? and(eq(messages.channelId, channelId), lt(messages.seq, page.beforeSeq))
                : eq(messages.channelId, channelId),
            )
            .orderBy(desc(messages.seq))
            .limit(limit + 1)
        ).reverse();
  const hasMore = rows.length > limit;
  const kept = hasMore ? ("afterSeq" in page ? rows.slice(0, limit) : rows.slice(1)) : rows;
  return { messages: await hydrate(kept), hasMore };
}

/** Messages up to `uptoSeq` changed after `since` (ms), newest changes last, bounded. */
async function changedSince(channelId: string, uptoSeq: number, since: number): Promise<ChatMessage[]> {
  const database = await getDatabase();
  const { messages } = database.t;
  const rows = await selectMessages(database)
    .where(
      and(eq(messages.channelId, channelId), lte(messages.seq, uptoSeq), gt(messages.updatedAt, new Date(since - CLOCK_SKEW_MARGIN_MS))),
    )
    .orderBy(desc(messages.updatedAt))
    .limit(CATCH_UP_UPDATES_MAX);
  return hydrate(rows.reverse());
}

async function findByClientId(channelId: string, authorId: string, clientId: string): Promise<ChatMessage | null> {
  const database = await getDatabase();
  const { messages } = database.t;
  const rows = await selectMessages(database)
    .where(and(eq(messages.channelId, channelId), eq(messages.authorId, authorId), eq(messages.clientId, clientId)))
    .limit(1);
  return (await hydrate(rows))[0] ?? null;
}

function selectMessages({ db, t }: Database) {
  return db
    .select({
      id: t.messages.id,
      channelId: t.messages.channelId,
      seq: t.messages.seq,
      clientId: t.messages.clientId,
      body: t.messages.body,
      kind: t.messages.kind,
      replyToId: t.messages.replyToId,
      createdAt: t.messages.createdAt,
      editedAt: t.messages.editedAt,
      deletedAt: t.messages.deletedAt,
      author: { id: t.users.id, name: t.users.name, image: t.users.image },
    })
    .from(t.messages)
    .innerJoin(t.users, eq(t.users.id, t.messages.authorId))
    .$dynamic();
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>["execute"]>>[number];

/** Rows to messages, with their quoted originals and reactions: two queries per page, not per message. */
async function hydrate(rows: MessageRow[]): Promise<ChatMessage[]> {
  if (rows.length === 0) return [];
  const { db, t } = await getDatabase();
  const replyIds = [...new Set(rows.flatMap((r) => (r.replyToId ? [r.replyToId] : [])))];
  const [quoted, reactionRows] = await Promise.all([
    replyIds.length ? selectQuoted(inArray(t.messages.id, replyIds)) : Promise.resolve([]),
    db
      .select({ messageId: t.reactions.messageId, userId: t.reactions.userId, emoji: t.reactions.emoji })
      .from(t.reactions)
      .where(
        inArray(
          t.reactions.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(t.reactions.createdAt), asc(t.reactions.userId)),
  ]);
  const previews = new Map(quoted.map((q) => [q.id, toPreview(q)]));
  const reactionsOf = new Map<string, Reaction[]>();
  for (const r of reactionRows) {
    const list = reactionsOf.get(r.messageId) ?? [];
    const entry = list.find((x) => x.emoji === r.emoji);
    if (entry) entry.userIds.push(r.userId);
    else list.push({ emoji: r.emoji, userIds: [r.userId] });
    reactionsOf.set(r.messageId, list);
  }
  return rows.map(({ replyToId, kind, ...r }) => ({
    ...r,
    body: kind === "system" ? "" : r.body,
    system: kind === "system" ? parseSystemEvent(r.body) : null,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    deletedAt: r.deletedAt?.toISOString() ?? null,
    replyTo: replyToId ? (previews.get(replyToId) ?? null) : null,
    reactions: reactionsOf.get(r.id) ?? [],
  }));
}

function toPreview(q: {
  id: string;
  seq: number;
  body: string;
  deletedAt: Date | null;
  authorId: string;
  authorName: string;
}): ReplyPreview {
  return {
    id: q.id,
    seq: q.seq,
    authorId: q.authorId,
    authorName: q.authorName,
    excerpt: q.deletedAt ? "" : q.body.slice(0, LIMITS.replyExcerptChars),
    deleted: Boolean(q.deletedAt),
  };
}

/** Originals as a reply quotes them. */
async function selectQuoted(where: SQL | undefined) {
  const { db, t } = await getDatabase();
  return db
    .select({
      id: t.messages.id,
      seq: t.messages.seq,
      body: t.messages.body,
      deletedAt: t.messages.deletedAt,
      authorId: t.messages.authorId,
      authorName: t.users.name,
    })
    .from(t.messages)
    .innerJoin(t.users, eq(t.users.id, t.messages.authorId))
    .where(where);
}

async function replyPreview(channelId: string, messageId: string): Promise<ReplyPreview> {
  const { t } = await getDatabase();
  const [q] = await selectQuoted(and(eq(t.messages.id, messageId), eq(t.messages.channelId, channelId)));
  if (!q) throw new AppError("not_found", "The message you reply to is not in this channel");
  return toPreview(q);
}

// ---- changing ---------------------------------------------------------------------------

async function messageRow(channelId: string, messageId: string) {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ authorId: t.messages.authorId, deletedAt: t.messages.deletedAt })
    .from(t.messages)
    .where(and(eq(t.messages.id, messageId), eq(t.messages.channelId, channelId)))
    .limit(1);
  if (!row) throw new AppError("not_found", "No such message in this channel");
  return row;
}

async function requireOwnMessage(userId: string, channelId: string, messageId: string) {
  await requireChannelAccess(userId, channelId);
  const row = await messageRow(channelId, messageId);
  if (row.authorId !== userId) throw new AppError("forbidden", "Only the author can change a message");
  if (row.deletedAt) throw new AppError("not_found", "That message was deleted");
}

async function change(messageId: string, values: { body: string; editedAt: Date; updatedAt: Date }) {
  const { db, t } = await getDatabase();
  const live = and(eq(t.messages.id, messageId), isNull(t.messages.deletedAt));
  // Only while the message stands: a delete that got in between the check and here wins.
  await db.update(t.messages).set(values).where(live);
  const [after] = await db.select({ deletedAt: t.messages.deletedAt }).from(t.messages).where(eq(t.messages.id, messageId)).limit(1);
  if (after?.deletedAt) throw new AppError("not_found", "That message was deleted");
}

/** Reads the message as it is now and tells the channel. */
async function announce(channelId: string, messageId: string): Promise<ChatMessage> {
  const database = await getDatabase();
  const rows = await selectMessages(database).where(eq(database.t.messages.id, messageId)).limit(1);
  const [message] = await hydrate(rows);
  if (!message) throw new AppError("not_found", "No such message");
  publish(rooms.channel(channelId), "message:updated", message);
  return message;
}

/** A system message's body is its SystemEvent as JSON (written by withMessages). */
export function parseSystemEvent(body: string): SystemEvent | null {
  try {
    return JSON.parse(body) as SystemEvent;
  } catch {
    return null;
  }
}
