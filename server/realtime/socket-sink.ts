import "server-only";
import type { Server } from "socket.io";
import { rooms, type ChannelSummary, type ClientToServerEvents, type ServerToClientEvents } from "@/lib/realtime/contract";
import type { EventSink } from "../events/sink";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export interface SocketData {
  userId: string;
  /** The session (cookie) the socket was opened with: ending it disconnects the socket. */
  sessionId: string;
  name: string;
  image: string | null;
  /** Channels this socket joined (access checked at join): typing is relayed only into these. */
  joined: Set<string>;
  /** When this socket's typing was last relayed, per channel (the throttle; a send resets it). */
  typingRelayedAt: Map<string, number>;
  /** The tab reported no input for a while (presence). */
  idle: boolean;
  /** The video room this socket is in (one at a time). */
  videoRoom: Pick<ChannelSummary, "id" | "spaceId" | "name" | "kind" | "isPrivate"> | null;
  /** In a study room, with no input for LIMITS.studyRoomAwayMs (./study-rooms.ts; read across nodes with fetchSockets). */
  studyAway?: boolean;
  /** Room time this socket counted that is not recorded yet, ms (the members list adds it to today). */
  studyUnrecordedMs?: number;
}

/** The event sink on a Socket.IO server (with the Redis adapter, rooms span every node). */
export function socketIoSink(io: RealtimeServer): EventSink {
  return {
    publish: (room, event, ...args) => io.to(room).emit(event, ...args),
    publishExcept: (room, except, event, ...args) =>
      io
        .to(room)
        .except(except)
        .emit(event, ...args),
    join: (of, roomNames) => {
      if (roomNames.length) io.in(of).socketsJoin(roomNames);
    },
    leave: (of, roomNames) => {
      if (roomNames.length) io.in(of).socketsLeave(roomNames);
    },
    disconnectSessions: (sessionIds) => {
      if (!sessionIds.length) return;
      const sessionRooms = sessionIds.map(rooms.session);
      // This node's sockets at once: the Redis adapter carries even its own node's share through
      // Redis, so while Redis is down they would stay until it is back. Then every other node's.
      io.local.in(sessionRooms).disconnectSockets(true);
      io.in(sessionRooms).disconnectSockets(true);
    },
  };
}
