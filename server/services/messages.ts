import "server-only";
import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import { getDatabase, type Database } from "@/db/client";
import { LIMITS } from "@/lib/limits";
import {
  clientPayloads,
  rooms,
  type ChannelSummary,
  type ChatMessage,
  type ClientPayload,
  type UserSummary,
} from "@/lib/realtime/contract";
import { AppError } from "@/lib/errors";
import { newId } from "../ids";
import { takeSendToken } from "../rate-limit";
import { publish } from "../realtime/emitter";
import { requireChannelAccess } from "./spaces";

/**
 * Stores a message and then broadcasts it to the channel. The seq bump and the insert are
 * one transaction; a send whose clientId was seen before returns the stored original, so a
 * retried or doubled send never makes a second message.
 */
export async function sendMessage(author: UserSummary, input: ClientPayload<"message:send">): Promise<ChatMessage> {
  const { channelId, clientId, body } = clientPayloads["message:send"].parse(input);
  const channel = await requireChannelAccess(author.id, channelId);
  const { db, t, dialect } = await getDatabase();

  const existing = await findByClientId(channelId, author.id, clientId);
  if (existing) return existing; // a retry costs no rate-limit token
  if (!(await takeSendToken(author.id))) throw new AppError("rate_limited", "Slow down: too many messages");

  const row = { id: newId(), channelId, authorId: author.id, clientId, body, createdAt: new Date() };
  let seq: number;
  try {
    seq = await db.transaction(async (tx) => {
      const next = await dialect.nextSeq(tx, channelId);
      await tx.insert(t.messages).values({ ...row, seq: next });
      return next;
    });
  } catch (err) {
    // The same send raced itself (two tabs, a retry): the first one won.
    const original = dialect.isUniqueViolation(err) ? await findByClientId(channelId, author.id, clientId) : null;
    if (original) return original;
    throw err;
  }
  const message: ChatMessage = {
    id: row.id,
    channelId,
    seq,
    clientId,
    body,
    createdAt: row.createdAt.toISOString(),
    author: { id: author.id, name: author.name, image: author.image },
  };
  publish(rooms.channel(channelId), "message:new", message);
  if (channel.spaceId)
    publish(rooms.space(channel.spaceId), "channel:activity", { spaceId: channel.spaceId, channelId, lastSeq: seq, authorId: author.id });
  return message;
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
              page.beforeSeq ? and(eq(messages.channelId, channelId), lt(messages.seq, page.beforeSeq)) : eq(messages.channelId, channelId),
            )
            .orderBy(desc(messages.seq))
            .limit(limit + 1)
        ).reverse();
  const hasMore = rows.length > limit;
  const kept = hasMore ? ("afterSeq" in page ? rows.slice(0, limit) : rows.slice(1)) : rows;
  return { messages: kept.map(toChatMessage), hasMore };
}

/**
 * What a (re)joining client needs: the messages after the last seq it holds, or — when it holds
 * none, or missed more than LIMITS.catchUpMax — the newest page and `reset`.
 */
export async function catchUp(
  userId: string,
  channelId: string,
  afterSeq: number | undefined,
): Promise<{ channel: ChannelSummary; messages: ChatMessage[]; reset: boolean }> {
  const channel = await requireChannelAccess(userId, channelId);
  if (afterSeq !== undefined && afterSeq <= channel.lastSeq && channel.lastSeq - afterSeq <= LIMITS.catchUpMax) {
    const { messages } = await readPage(channelId, { afterSeq }, LIMITS.catchUpMax);
    return { channel, messages, reset: false };
  }
  const { messages } = await readPage(channelId, {}, LIMITS.historyPageSize);
  return { channel, messages, reset: true };
}

async function findByClientId(channelId: string, authorId: string, clientId: string): Promise<ChatMessage | null> {
  const database = await getDatabase();
  const { messages } = database.t;
  const [row] = await selectMessages(database)
    .where(and(eq(messages.channelId, channelId), eq(messages.authorId, authorId), eq(messages.clientId, clientId)))
    .limit(1);
  return row ? toChatMessage(row) : null;
}

function selectMessages({ db, t }: Database) {
  return db
    .select({
      id: t.messages.id,
      channelId: t.messages.channelId,
      seq: t.messages.seq,
      clientId: t.messages.clientId,
      body: t.messages.body,
      createdAt: t.messages.createdAt,
      author: { id: t.users.id, name: t.users.name, image: t.users.image },
    })
    .from(t.messages)
    .innerJoin(t.users, eq(t.users.id, t.messages.authorId))
    .$dynamic();
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>["execute"]>>[number];

function toChatMessage(row: MessageRow): ChatMessage {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
