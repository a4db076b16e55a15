import "server-only";
import { AppError } from "@/lib/errors";
import { deleteMessage, editMessage, listMessages, sendMessage, toggleReaction } from "../services/messages";
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
  const author = { id: me.userId, name: me.name, image: me.image };

  // Counts leaves per channel, so a join whose leave overtook it does not subscribe afterwards.
  const leaves = new Map<string, number>();

  on(socket, "channel:join", async ({ channelId, afterSeq, updatedSince }) => {
    const leavesBefore = leaves.get(channelId) ?? 0;
    await requireChannelAccess(me.userId, channelId);
    if ((leaves.get(channelId) ?? 0) !== leavesBefore) throw new AppError("not_found", "Left the channel while joining it");
    // Subscribe before reading: a message stored meanwhile is then both live and (maybe) in the
    // catch-up; clients keep one per seq. Reading first could miss it entirely.
    await openChannel(socket, channelId);
    me.joined.add(channelId);
    return joinState(me.userId, channelId, afterSeq, updatedSince);
  });

  on(socket, "channel:leave", async ({ channelId }) => {
    leaves.set(channelId, (leaves.get(channelId) ?? 0) + 1);
    me.joined.delete(channelId);
    await closeChannel(socket, channelId);
    return {};
  });

  on(socket, "message:list", async (payload) => {
    const { channelId, ...page } = payload;
    return listMessages(me.userId, channelId, page);
  });

  on(socket, "message:search", async (payload) => searchMessages(me.userId, payload));

  on(socket, "message:send", async (payload) => {
    // The handshake's copy of the name goes stale when the profile is edited (maybe on another
    // node): it is read again, but only for a send the rate limit lets through.
    const message = await sendMessage(author, payload, async () => {
      Object.assign(me, await currentNameAndImage(me.userId));
      return { id: me.userId, name: me.name, image: me.image };
    });
    me.typingRelayedAt.delete(message.channelId); // receivers cleared the notice on this message
    return { message };
  });
  on(socket, "message:edit", async (payload) => ({ message: await editMessage(author, payload) }));
  on(socket, "message:delete", async (payload) => ({ message: await deleteMessage(author, payload) }));
  on(socket, "reaction:toggle", async (payload) => ({ message: await toggleReaction(author, payload) }));

  on(socket, "read:mark", async ({ channelId, seq }) => ({
    lastReadSeq: await markRead(me.userId, channelId, seq),
  }));
}
