import "server-only";
import { rooms } from "@/lib/realtime/contract";
import { listMessages, sendMessage } from "../services/messages";
import { requireChannelAccess } from "../services/spaces";
import type { SocketData } from "./emitter";
import { on, type AppSocket } from "./handler";

export function registerChatHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;
  const author = { id: me.userId, name: me.name, image: me.image };

  on(socket, "channel:join", async ({ channelId }) => {
    const channel = await requireChannelAccess(me.userId, channelId);
    const messages = await listMessages(me.userId, channelId);
    await socket.join([rooms.channel(channelId), ...(channel.spaceId ? [rooms.space(channel.spaceId)] : [])]);
    return { channel, messages };
  });

  on(socket, "channel:leave", async ({ channelId }) => {
    await socket.leave(rooms.channel(channelId));
    return {};
  });

  on(socket, "message:send", async (payload) => ({ message: await sendMessage(author, payload) }));
}
