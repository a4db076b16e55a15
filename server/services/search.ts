import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { AckData, ClientPayload, SearchHit } from "@/lib/realtime/contract";
import { searchInput } from "@/lib/schemas";
import { getMessageStore } from "../messages";
import type { StoredMessage } from "../messages/store";
import { toChatMessages } from "../messages/views";
import { takeSearchToken } from "../rate-limit";
import { listBlockedIds, readableChannels } from "./access";

/**
 * Searches the messages a user may read. The one access rule (readableChannels, built on
 * mayAccess) decides the channels, and the store searches only those: a message of a channel
 * the user left, was kicked or banned from, or never could see is never a candidate. People the
 * user blocked are left out, as they are everywhere else the user reads. The input is bounded
 * (lib/schemas.ts searchInput) before the rate limit, and the rate limit comes before any query.
 */
export async function searchMessages(userId: string, raw: ClientPayload<"message:search">): Promise<AckData["message:search"]> {
  const input = searchInput.parse(raw);
  if (!(await takeSearchToken(userId))) throw new AppError("rate_limited", "Too many searches: wait a moment");
  const [readable, blocked] = await Promise.all([readableChannels(userId), listBlockedIds(userId)]);
  const channels = new Map(readable.map((c) => [c.id, c]));
  if (input.channelId && !channels.has(input.channelId)) throw new AppError("forbidden", "You cannot access this channel");
  const { messages, hasMore } = await (
    await getMessageStore()
  ).search({
    channelIds: input.channelId ? [input.channelId] : [...channels.keys()],
    text: input.text,
    authorId: input.authorId,
    excludeAuthorIds: blocked,
    after: input.after ? new Date(input.after) : undefined,
    before: input.before ? new Date(input.before) : undefined,
    hasLink: input.hasLink,
    below: input.below ? { createdAt: new Date(input.below.createdAt), id: input.below.id } : undefined,
    limit: LIMITS.searchPageSize,
  });
  const views = await chatMessagesOf(messages);
  const members = await namesOfUnnamed(
    userId,
    [...new Set(messages.map((m) => m.channelId))].filter((id) => {
      const c = channels.get(id)!;
      return c.kind === "dm" || (c.kind === "group" && !c.name);
    }),
  );
  const hits: SearchHit[] = messages.map((m) => {
    const { id, spaceId, kind, name, spaceName } = channels.get(m.channelId)!;
    return { message: views.get(m.id)!, channel: { id, spaceId, kind, name }, spaceName, members: members.get(m.channelId) ?? [] };
  });
  return { hits, hasMore };
}

/** Results of many channels as clients see them (views are made per channel, for replies). */
async function chatMessagesOf(stored: StoredMessage[]) {
  const byChannel = new Map<string, StoredMessage[]>();
  for (const m of stored) byChannel.set(m.channelId, [...(byChannel.get(m.channelId) ?? []), m]);
  const views = await Promise.all([...byChannel].map(([channelId, list]) => toChatMessages(channelId, list)));
  return new Map(views.flat().map((m) => [m.id, m]));
}

/** For dms and unnamed groups, the other members' names: what the chat list shows as their title. */
async function namesOfUnnamed(userId: string, channelIds: string[]): Promise<Map<string, string[]>> {
  if (channelIds.length === 0) return new Map();
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ channelId: t.channelMembers.channelId, name: t.users.name })
    .from(t.channelMembers)
    .innerJoin(t.users, eq(t.users.id, t.channelMembers.userId))
    .where(and(inArray(t.channelMembers.channelId, channelIds), ne(t.channelMembers.userId, userId)))
    .orderBy(t.users.name);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.channelId, [...(out.get(r.channelId) ?? []), r.name]);
  return out;
}
