import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { getDatabase, type Database } from "@/db/client";
import { LIMITS } from "@/lib/limits";
import { clientPayloads, rooms, type ChatMessage, type ClientPayload, type UserSummary } from "@/lib/realtime/contract";
import { newId } from "../ids";
import { publish } from "../realtime/emitter";
import { requireChannelAccess } from "./spaces";

/**
 * Stores a message and then broadcasts it to the channel. The seq bump and the insert are
 * one transaction; a send whose clientId was seen before returns the stored original, so a
 * retried or doubled send never makes a second message.
 */
export async function sendMessage(author: UserSummary, input: ClientPayload<"message:send">): Promise<ChatMessage> {
  const { channelId, clientId, body } = clientPayloads["message:send"].parse(input);
  await requireChannelAccess(author.id, channelId);
  const { db, t, dialect } = await getDatabase();

  const existing = await findByClientId(channelId, author.id, clientId);
  if (existing) return existing;

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
  return message;
}

/** The newest page of a channel, or the page before `beforeSeq`, oldest first. */
export async function listMessages(
  userId: string,
  channelId: string,
  page: { beforeSeq?: number; limit?: number } = {},
): Promise<ChatMessage[]> {
  await requireChannelAccess(userId, channelId);
  const limit = Math.min(page.limit ?? LIMITS.historyPageSize, LIMITS.historyPageSize);
  const database = await getDatabase();
  const { messages } = database.t;
  const where = page.beforeSeq
    ? and(eq(messages.channelId, channelId), lt(messages.seq, page.beforeSeq))
    : eq(messages.channelId, channelId);
  const rows = await selectMessages(database).where(where).orderBy(desc(messages.seq)).limit(limit);
  return rows.reverse().map(toChatMessage);
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
