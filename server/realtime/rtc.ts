import "server-only";
import { announceVideoRoom, leaveVideoRoom } from "../services/video-rooms";
import { setVideoRoomStore, type VideoRoomStore } from "../video-rooms";
import type { RealtimeServer, SocketData } from "./emitter";
import type { AppSocket } from "./handler";

/**
 * Video rooms over the socket. A socket that disconnects (closed tab, lost network) leaves its
 * room at once; a node that dies takes its sockets' entries with it after VIDEO_ROOM_TTL_MS.
 */
export function registerRtcHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;
  socket.on("disconnect", () => {
    if (me.videoRoom) void leaveVideoRoom(me.videoRoom, socket.id).catch(logError);
  });
}

/** Node-wide upkeep: heartbeat this node's room entries; tell rooms that lost a dead node's people. */
export function startVideoRoomUpkeep(io: RealtimeServer, store: VideoRoomStore, everyMs: number): () => void {
  setVideoRoomStore(store);
  const timer = setInterval(() => {
    const entries = [...io.of("/").sockets.values()].flatMap((s) => {
      const room = (s.data as SocketData).videoRoom;
      return room ? [{ roomId: room.id, socketId: s.id }] : [];
    });
    void store
      .heartbeat(entries)
      .then(() => store.sweep())
      .then((changed) => Promise.all(changed.map(({ roomId, participants }) => announceVideoRoom(roomId, participants))))
      .catch(logError);
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    setVideoRoomStore(undefined);
  };
}

function logError(err: unknown) {
  console.error("[rtc]", err);
}
