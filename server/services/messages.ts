import "server-only";
import type { z } from "zod";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import {
  clientPayloads,
  rooms,
  type ChannelSummary,
  type ChatMessage,
  type ClientPayload,
  type ReplyPreview,
  type UserSummary,
} from "@/lib/realtime/contract";
import { events } from "../events/sink";
import { areaLog } from "../ops/logger";
import { getMessageStore, lastSeqOf } from "../messages";
import { claimAttachments, dropAttachmentsOf, linkAttachments } from "../messages/attachments";
import { postMessage } from "../messages/pipeline";
import type { MessageStore, PageBound, StoredMessage } from "../messages/store";
import { toChatMessages, toPreview, usersById } from "../messages/views";
import { cardsChangedSince, previewLinks, removeFromMessage, unlinkDropped } from "../links/previews";
import { showCards } from "../messages/hooks/link-previews";
import { takeSendToken } from "../rate-limit";
import { dmBlocked, requireChannelAccess } from "./access";

const CATCH_UP_UPDATES_MAX = 200;
/** `updatedAt` is written by whichever node made the change; look back this far for clock skew (repeats are harmless). */
const CLOCK_SKEW_MARGIN_MS = 5_000;

export interface SendOptions {
  /** The author's name and picture as they are now; runs only once the send is allowed. */
  refreshAuthor?: () => Promise<UserSummary>;
  /**
   * The channel as an access check that still stands found it: a socket that is in the
   * channel's room (server/realtime/chat.ts). Without it, the access query runs.
   */
  channel?: ChannelSummary;
  /** The input was already parsed with the contract's schema (the socket handler does): not again. */
  parsed?: boolean;
}

/**
 * Stores a message and then broadcasts it to the channel (server/messages/pipeline.ts). A send
 * whose clientId was stored before returns the stored original, so a retried or doubled send
 * never makes a second message. The hot path from a socket that opened the channel is: token,
 * no access query (the room proves it), the store's append with the author's read cursor in
 * its transaction (group-committed with concurrent sends on SQLite), then one broadcast
 * encoded once for the room.
 * A refused send touches no database at all.
 */
export async function sendMessage(
  author: UserSummary,
  input: ClientPayload<"message:send">,
  options: SendOptions = {},
): Promise<ChatMessage> {
  return (await postUserMessage(author, input, options)).message;
}

/** sendMessage, saying whether this call stored the message (false: a retry got the original). */
export async function postUserMessage(
  author: UserSummary,
  input: ClientPayload<"message:send">,
  options: SendOptions = {},
): Promise<{ message: ChatMessage; created: boolean }> {
  const { channelId, clientId, body, replyToId, attachmentIds } = options.parsed
    ? (input as z.output<(typeof clientPayloads)["message:send"]>)
    : clientPayloads["message:send"].parse(input);
  if (!body && !attachmentIds?.length) throw new AppError("validation", "body: write something or attach a file");
  // A refused send is not looked up, even if it is the retry of a stored one (after a
  // reconnect): the client keeps it and sends it again later (components/chat/useChannel.ts),
  // and that later send is answered with the original.
  if (!(await takeSendToken(author.id))) throw new AppError("rate_limited", "Slow down: too many messages");
  if (options.refreshAuthor) author = await options.refreshAuthor();
  const channel = options.channel?.id === channelId ? options.channel : await requireChannelAccess(author.id, channelId);
  // Only a dm asks about blocks (one more query); space channels keep the hot path as it was.
  if (channel.kind === "dm" && (await dmBlocked(author.id, channelId))) throw new AppError("blocked", "You cannot message this person");
  const replyTo = replyToId ? await replyPreview(channelId, replyToId) : null;
  // The files go out with the message or not at all: claimed for this send before it is stored
  // (a retry claims them again), linked to the stored message after. Text alone asks nothing more.
  const attachments = attachmentIds?.length ? await claimAttachments(author.id, channelId, clientId, attachmentIds) : undefined;
  // Writing in a channel is reading it: the author's cursor moves past their own message, so
  // what they sent never counts as unread for them on any device. The SQL store moves it in the
  // append's own transaction; with another store it is written here, after.
  const { message, created, authorCursorMoved } = await postMessage(
    channel,
    { author, clientId, body, replyTo, attachments },
    { moveAuthorCursor: true },
  );
  if (attachments) await linkAttachments(channelId, author.id, clientId, message);
  if (created) {
    if (!authorCursorMoved) await advanceAuthorCursor({ channelId, userId: author.id, seq: message.seq });
    // Every tab and device of the author hears it (their badges and dividers follow); others
    // infer it from the message itself (useChannel), so the hot path publishes nothing more.
    events().publish(rooms.user(author.id), "read:update", { channelId, userId: author.id, lastReadSeq: message.seq });
  }
  return { message, created };
}

/** A store that does not keep the cursors (MongoDB): the author's cursor, on SQL, after the append. */
async function advanceAuthorCursor(cursor: { channelId: string; userId: string; seq: number }): Promise<void> {
  const { db, dialect } = await getDatabase();
  await dialect.advanceReadCursor(db, cursor.channelId, cursor.userId, cursor.seq);
}

/** Authors edit their own, undeleted messages. */
export async function editMessage(user: UserSummary, input: ClientPayload<"message:edit">): Promise<ChatMessage> {
  const { channelId, messageId, body } = clientPayloads["message:edit"].parse(input);
  await requireOwnMessage(user.id, channelId, messageId);
  const edited = await (await getMessageStore()).edit(channelId, messageId, body, new Date());
  // A delete that got in between the check and here wins.
  if (!edited) throw new AppError("not_found", "That message was deleted");
  // Cards follow the text: a link taken out loses its card now; a link put in gets one once
  // fetched (as a new message's does, and with the same per-user budget).
  await unlinkDropped(messageId, previewLinks(body));
  const message = await announce(edited);
  void showCards(channelId, message, true).catch((err: unknown) => areaLog("messages").error({ err, channelId, messageId }, "link previews of an edit failed"));
  return message;
}

/** Authors delete their own messages: the text and reactions go, a placeholder stays. */
export async function deleteMessage(user: UserSummary, input: ClientPayload<"message:delete">): Promise<ChatMessage> {
  const { channelId, messageId } = clientPayloads["message:delete"].parse(input);
  await requireOwnMessage(user.id, channelId, messageId);
  const at = new Date();
  const deleted = await (await getMessageStore()).softDelete(channelId, messageId, at);
  if (!deleted) throw new AppError("not_found", "That message was deleted");
  await dropAttachmentsOf(channelId, deleted.authorId, deleted.clientId, at);
  return announce(deleted);
}

/** Adds the user's reaction, or removes it if they had already reacted with that emoji. */
export async function toggleReaction(user: UserSummary, input: ClientPayload<"reaction:toggle">): Promise<ChatMessage> {
  const { channelId, messageId, emoji } = clientPayloads["reaction:toggle"].parse(input);
  await requireChannelAccess(user.id, channelId);
  const result = await (await getMessageStore()).toggleReaction(channelId, messageId, user.id, emoji, LIMITS.reactionsPerMessageMax);
  if (!result.ok && result.reason === "too_many") {
    throw new AppError("validation", `A message takes at most ${LIMITS.reactionsPerMessageMax} different reactions`);
  }
  if (!result.ok) throw new AppError("not_found", "That message was deleted");
  return announce(result.message);
}

/** Authors take a link's card off their message; everyone in the channel sees it go. */
export async function removeLinkPreview(user: UserSummary, input: ClientPayload<"linkPreview:remove">): Promise<ChatMessage> {
  const { channelId, messageId, urlHash } = clientPayloads["linkPreview:remove"].parse(input);
  const message = await requireOwnMessage(user.id, channelId, messageId);
  if (!(await removeFromMessage(messageId, urlHash))) throw new AppError("not_found", "That message has no such preview");
  return announce(message);
}

export type HistoryPage = PageBound;

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
  const access = await requireChannelAccess(userId, channelId);
  // The store's last seq, not the SQL column's (which is the SQL store's counter only).
  const channel = { ...access, lastSeq: await lastSeqOf(access) };
  if (afterSeq !== undefined && afterSeq <= channel.lastSeq && channel.lastSeq - afterSeq <= LIMITS.catchUpMax) {
    const store = await getMessageStore();
    const [{ messages }, changed] = await Promise.all([
      readPage(channelId, { afterSeq }, LIMITS.catchUpMax),
      updatedSince !== undefined
        ? changesSince(store, channelId, afterSeq, new Date(updatedSince - CLOCK_SKEW_MARGIN_MS))
        : Promise.resolve([]),
    ]);
    // Too many changes to list: start over from the newest page instead.
    if (changed.length < CATCH_UP_UPDATES_MAX)
      return { channel, messages, reset: false, updates: await toChatMessages(channelId, changed), syncedAt };
  }
  const { messages } = await readPage(channelId, {}, LIMITS.historyPageSize);
  return { channel, messages, reset: true, updates: [], syncedAt };
}

/**
 * The held messages (seq ≤ `uptoSeq`) that changed since `since`: edited, deleted or reacted to
 * (the store's `updatedAt`), or whose link cards arrived or were removed (kept in SQL beside
 * any store, server/links/previews.ts).
 */
async function changesSince(store: MessageStore, channelId: string, uptoSeq: number, since: Date): Promise<StoredMessage[]> {
  const [changed, carded] = await Promise.all([
    store.changesSince(channelId, uptoSeq, since, CATCH_UP_UPDATES_MAX),
    cardsChangedSince(channelId, since, CATCH_UP_UPDATES_MAX),
  ]);
  const have = new Set(changed.map((m) => m.id));
  const more = carded.filter((id) => !have.has(id));
  if (more.length === 0) return changed;
  return [...changed, ...(await store.get(channelId, more)).filter((m) => m.seq <= uptoSeq)];
}

async function readPage(channelId: string, page: HistoryPage, limit: number) {
  const { messages, hasMore } = await (await getMessageStore()).page(channelId, page, limit);
  return { messages: await toChatMessages(channelId, messages), hasMore };
}

async function replyPreview(channelId: string, messageId: string): Promise<ReplyPreview> {
  const [quoted] = await (await getMessageStore()).get(channelId, [messageId]);
  if (!quoted) throw new AppError("not_found", "The message you reply to is not in this channel");
  return toPreview(quoted, (await usersById([quoted.authorId])).get(quoted.authorId)?.name ?? "");
}

async function requireOwnMessage(userId: string, channelId: string, messageId: string): Promise<StoredMessage> {
  await requireChannelAccess(userId, channelId);
  const [message] = await (await getMessageStore()).get(channelId, [messageId]);
  if (!message) throw new AppError("not_found", "No such message in this channel");
  if (message.authorId !== userId) throw new AppError("forbidden", "Only the author can change a message");
  if (message.deletedAt) throw new AppError("not_found", "That message was deleted");
  return message;
}

/** Tells the channel how the message is now. */
async function announce(stored: StoredMessage): Promise<ChatMessage> {
  const [message] = await toChatMessages(stored.channelId, [stored]);
  events().publish(rooms.channel(stored.channelId), "message:updated", message!);
  return message!;
}
