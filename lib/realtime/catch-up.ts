import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./contract";

/**
 * A node tells all its sockets to resync at the same moment; each waits a random part of this
 * so their catch-up reads reach the database spread out rather than at once.
 */
const RESYNC_SPREAD_MS = 1500;

/**
 * Runs `catchUp` (re-join open channels with the last seq held, re-read lists) whenever live
 * events may have been missed: on every (re)connect, and when the server says so (`realtime:resync`,
 * after its Redis was unreachable; several in a row make one catch-up). Returns the unsubscribe.
 */
export function onCatchUp(socket: Socket<ServerToClientEvents, ClientToServerEvents>, catchUp: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const resync = () => {
    clearTimeout(timer);
    timer = setTimeout(catchUp, Math.random() * RESYNC_SPREAD_MS);
  };
  socket.on("connect", catchUp);
  socket.on("realtime:resync", resync);
  return () => {
    clearTimeout(timer);
    socket.off("connect", catchUp);
    socket.off("realtime:resync", resync);
  };
}
