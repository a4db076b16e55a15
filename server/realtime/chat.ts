import "server-only";
import { AppError } from "@/lib/errors";
import { rooms, type ChannelSummary } from "@/lib/realtime/contract";
import { deleteMessage, editMessage, listMessages, removeLinkPreview, sendMessage, toggleReaction } from "../services/messages";
import { closeChannel, openChannel } from "../events/subscriptions";
import { joinState } from "../services/opening";
import { markRead } from "../services/reads";
import { searchMessages } from "../services/search";
import { requireChannelAccess } from "../services/access";
import { currentNameAndImage } from "../services/profiles";
import type { SocketData } from "./socket-sink";
import { on, type AppSocket } from "./handler";

export function registerChatHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;
  let author = { id: me.userId, name: me.name, image: me.image };

  // Counts leaves per channel, so a join whose leave overtook it does not subscribe afterwards.
  const leaves = new Map<string, number>();
  /**
   * The channels this socket opened, as their access check found them. A send into one whose
   * room (`ch:<id>`) the socket is still in needs no access query: the socket enters the room
   * only after the check, and every change that takes access away takes the user's sockets out
   * of it (server/services/revoke.ts via server/events/subscriptions.ts, on every node). Only
   * the fields that never change are relied on (id, space, kind, privacy); name and category
   * may be stale, lastSeq is.
   */
  const opened = new Map<string, ChannelSummary>();
  // The author's name and picture, as the handshake read them, until their profile changes:
  // profile:changed reaches this socket (its user room, from any node), so a send re-reads them
  // only then, not on every send.
  let authorStale = false;
  socket.onAnyOutgoing((event: string, ...args: unknown[]) => {
    if (event === "profile:changed" && (args[0] as { userId?: string } | undefined)?.userId === me.userId) authorStale = true;
  });

  on(socket, "channel:join", async ({ channelId, afterSeq, updatedSince }) => {
    const leavesBefore = leaves.get(channelId) ?? 0;
    await requireChannelAccess(me.userId, channelId);
    if ((leaves.get(channelId) ?? 0) !== leavesBefore) throw new AppError("not_found", "Left the channel while joining it");
    // Subscribe before reading: a message stored meanwhile is then both live and (maybe) in the
    // catch-up; clients keep one per seq. Reading first could miss it entirely.
    await openChannel(socket, channelId);
    // Checked again now that the socket is in the room: access taken away between the first
    // check and the join removed the user's sockets from a room this one was not in yet. A
    // revocation from now on finds it there (it runs after its rows are gone).
    let channel: ChannelSummary;
    try {
      channel = await requireChannelAccess(me.userId, channelId);
    } catch (err) {
      await closeChannel(socket, channelId);
      throw err;
    }
    opened.set(channelId, channel);
    me.joined.add(channelId);
    return joinState(me.userId, channelId, afterSeq, updatedSince);
  });

  on(socket, "channel:leave", async ({ channelId }) => {
    leaves.set(channelId, (leaves.get(channelId) ?? 0) + 1);
    me.joined.delete(channelId);
    opened.delete(channelId);
    await closeChannel(socket, channelId);
    return {};
  });

  on(socket, "message:list", async (payload) => {
    const { channelId, ...page } = payload;
    return listMessages(me.userId, channelId, page);
  });

  on(socket, "message:search", async (payload) => searchMessages(me.userId, payload));

  on(socket, "message:send", async (payload) => {
    const channel = socket.rooms.has(rooms.channel(payload.channelId)) ? opened.get(payload.channelId) : undefined;
    const message = await sendMessage(author, payload, {
      parsed: true,
      channel,
      // Only for a send the rate limit lets through.
      refreshAuthor: authorStale
        ? async () => {
            authorStale = false;
            Object.assign(me, await currentNameAndImage(me.userId));
            return (author = { id: me.userId, name: me.name, image: me.image });
          }
        : undefined,
    });
    me.typingRelayedAt.delete(message.channelId); // receivers cleared the notice on this message
    return { message };
  });
  on(socket, "message:edit", async (payload) => ({ message: await editMessage(author, payload) }));
  on(socket, "message:delete", async (payload) => ({ message: await deleteMessage(author, payload) }));
  on(socket, "reaction:toggle", async (payload) => ({ message: await toggleReaction(author, payload) }));
  on(socket, "linkPreview:remove", async (payload) => ({ message: await removeLinkPreview(author, payload) }));

  on(socket, "read:mark", async ({ channelId, seq }) => ({
    lastReadSeq: await markRead(me.userId, channelId, seq),
  }));
}
