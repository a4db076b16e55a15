import "server-only";
import { LIMITS } from "@/lib/limits";
import type { ChannelOpening } from "@/lib/realtime/contract";
import { catchUp, listMessages } from "./messages";
import { listReadCursors, readCursorOf } from "./reads";

/** Messages shown above the first unread when a channel opens there, so it is read in context. */
const CONTEXT_ABOVE_UNREAD = 5;

/**
 * What a (re)joining socket gets: the catch-up after the seq it holds (or the newest page), every
 * reader's cursor and the user's own. `channel:join` answers with it after joining the room.
 */
export async function joinState(userId: string, channelId: string, afterSeq?: number, updatedSince?: number) {
  const { channel, messages, reset, updates, syncedAt } = await catchUp(userId, channelId, afterSeq, updatedSince);
  const [reads, myLastReadSeq] = await Promise.all([listReadCursors(channel), readCursorOf(userId, channelId)]);
  return { channel, messages, reset, reads, myLastReadSeq, updates, syncedAt };
}

/**
 * A channel as its page renders it, before the socket joins: the same state a join gives, but
 * when more is unread than the newest page holds, the window starts just above the first unread
 * (the reader opens there; the newest messages page in on scrolling down). Access is checked by
 * catchUp (and listMessages) as for every read.
 */
export async function openChannel(userId: string, channelId: string): Promise<ChannelOpening> {
  const { channel, messages, reads, myLastReadSeq, syncedAt } = await joinState(userId, channelId);
  const unread = channel.lastSeq - myLastReadSeq;
  const firstHeld = messages[0]?.seq ?? 1;
  if (myLastReadSeq > 0 && myLastReadSeq + 1 < firstHeld + CONTEXT_ABOVE_UNREAD && unread > 0) {
    const from = Math.max(0, myLastReadSeq - CONTEXT_ABOVE_UNREAD);
    const page = await listMessages(userId, channelId, { afterSeq: from }, LIMITS.historyPageSize);
    return {
      channelId,
      messages: page.messages,
      hasOlder: from > 0,
      hasNewer: page.hasMore,
      reads,
      myLastReadSeq,
      lastSeq: channel.lastSeq,
      syncedAt,
    };
  }
  return { channelId, messages, hasOlder: firstHeld > 1, hasNewer: false, reads, myLastReadSeq, lastSeq: channel.lastSeq, syncedAt };
}
