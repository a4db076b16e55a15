import "server-only";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { rooms } from "@/lib/realtime/contract";
import type { SocketData } from "./socket-sink";
import { on, type AppSocket } from "./handler";

/**
 * Typing notices are relayed, not stored: only into channels whose room this socket is in
 * (access was checked at join; losing it takes the socket out of the room), at most one per LIMITS.typingThrottleMs, and volatile (dropped, not queued,
 * for a client that is not ready). A sent message ends the notice on the clients, so it also
 * resets the throttle: typing the next message shows at once.
 */
export function registerTypingHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;

  on(socket, "typing:start", async ({ channelId }) => {
    // The channel's room, not the joined set: losing access takes the socket out of the room.
    if (!socket.rooms.has(rooms.channel(channelId))) throw new AppError("forbidden", "Join the channel first");
    const now = Date.now();
    if (now - (me.typingRelayedAt.get(channelId) ?? 0) < LIMITS.typingThrottleMs) return {};
    me.typingRelayedAt.set(channelId, now);
    socket.to(rooms.channel(channelId)).volatile.emit("typing", { channelId, user: { id: me.userId, name: me.name, image: me.image } });
    return {};
  });
}
