import "server-only";
import { isExpected } from "@/lib/errors";
import { rooms } from "@/lib/realtime/contract";
import { areaLog } from "../ops/logger";
import { PRESENCE_HEARTBEAT_MS, setPresenceStore, type PresenceStore } from "../presence-store";
import { watchPresence } from "../events/subscriptions";
import { usersVisibleTo } from "../services/friends";
import type { RealtimeServer, SocketData } from "./socket-sink";
import { on, type AppSocket } from "./handler";

/**
 * Presence per user over all their sockets. Changes go to `presence:<userId>`, a room joined
 * only by sockets that asked to follow that user (member lists and friend lists on screen), so
 * fan-out stays bounded by what clients look at rather than by the size of spaces. Only users
 * the watcher may see are followed (usersVisibleTo: a shared space, a friend, a conversation).
 */
export function registerPresenceHandlers(io: RealtimeServer, socket: AppSocket, store: PresenceStore): void {
  const me = socket.data as SocketData;
  const announce = (status: Awaited<ReturnType<PresenceStore["set"]>>) =>
    io.to(rooms.presence(me.userId)).emit("presence:update", { userId: me.userId, status });
  let followed: string[] = [];

  void store.set(me.userId, socket.id, false).then(announce, logError);
  socket.on("disconnect", () => void store.remove(me.userId, socket.id).then(announce, logError));

  on(socket, "presence:idle", async ({ idle }) => {
    me.idle = idle;
    announce(await store.set(me.userId, socket.id, idle));
    return {};
  });

  on(socket, "presence:watch", async ({ userIds }) => {
    const visible = await usersVisibleTo(me.userId, userIds);
    await watchPresence(socket, followed, visible);
    followed = visible;
    return { statuses: await store.statuses(visible) };
  });
}

/**
 * Node-wide upkeep: heartbeat this node's sockets, and mark the users of dead nodes offline.
 * Also makes the store the one "who is online" lists read.
 */
export function startPresenceUpkeep(io: RealtimeServer, store: PresenceStore): () => void {
  setPresenceStore(store);
  const timer = setInterval(() => {
    const sockets = [...io.of("/").sockets.values()].map((s) => {
      const data = s.data as SocketData;
      return { userId: data.userId, socketId: s.id, idle: data.idle };
    });
    void store
      .heartbeat(sockets)
      .then(() => store.sweep())
      .then((gone) => {
        for (const userId of gone) io.to(rooms.presence(userId)).emit("presence:update", { userId, status: "offline" });
      })
      .catch(logError);
  }, PRESENCE_HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function logError(err: unknown) {
  // Redis being away (a typed `unavailable`) is logged once by its watcher in ../scale.ts, not on every beat.
  if (!isExpected(err)) areaLog("presence").error({ err }, "presence upkeep failed");
}
