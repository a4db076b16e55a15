import "server-only";
import { rooms } from "@/lib/realtime/contract";
import { catchUp, deleteMessage, editMessage, listMessages, sendMessage, toggleReaction } from "../services/messages";
import { listReadCursors, markRead, readCursorOf } from "../services/reads";
import type { SocketData } from "./emitter";
import { on, type AppSocket } from "./handler";

export function registerChatHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;
  const author = { id: me.userId, name: me.name, image: me.image };

  on(socket, "channel:join", async ({ channelId, afterSeq, updatedSince }) => {
    const { channel, messages, reset, updates, syncedAt } = await catchUp(me.userId, channelId, afterSeq, updatedSince);
    const [reads, myLastReadSeq] = await Promise.all([listReadCursors(channel), readCursorOf(me.userId, channelId)]);
    // Join after reading: a message stored meanwhile arrives live or in the next catch-up; the
    // client orders by seq and fetches any gap, so nothing falls between the two.
    await socket.join(rooms.channel(channelId));
    me.joined.add(channelId);
    return { channel, messages, reset, reads, myLastReadSeq, updates, syncedAt };
  });

  on(socket, "channel:leave", async ({ channelId }) => {
    me.joined.delete(channelId);
    await socket.leave(rooms.channel(channelId));
    return {};
  });

  on(socket, "message:list", async (payload) => {
    const { channelId, ...page } = payload;
    return listMessages(me.userId, channelId, page);
  });

  on(socket, "message:send", async (payload) => {
    const message = await sendMessage(author, payload);
    me.typingRelayedAt.delete(message.channelId); // receivers cleared the notice on this message
    return { message };
  });
  on(socket, "message:edit", async (payload) => ({ message: await editMessage(author, payload) }));
  on(socket, "message:delete", async (payload) => ({ message: await deleteMessage(author, payload) }));
  on(socket, "reaction:toggle", async (payload) => ({ message: await toggleReaction(author, payload) }));

  on(socket, "read:mark", async ({ channelId, seq }) => ({ lastReadSeq: await markRead(me.userId, channelId, seq) }));
}
