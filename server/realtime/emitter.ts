import "server-only";
import type { Server } from "socket.io";
import { rooms, type ChannelSummary, type ClientToServerEvents, type ServerToClientEvents } from "@/lib/realtime/contract";

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
}

/**
 * Services publish through here once their write has committed. The Socket.IO server lives
 * on globalThis because route handlers (bundled by Next) and the custom server are separate
 * module graphs in one process. With no server (service tests, scripts) nothing is sent.
 */
const registry = globalThis as unknown as { __moimIo?: RealtimeServer };

export function setRealtimeServer(io: RealtimeServer | undefined): void {
  registry.__moimIo = io;
}

export function publish<E extends keyof ServerToClientEvents>(
  room: string | string[],
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
): void {
  registry.__moimIo?.to(room).emit(event, ...args);
}

/** Like publish, leaving out the sockets that are also in `except`. */
export function publishExcept<E extends keyof ServerToClientEvents>(
  room: string | string[],
  except: string,
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
): void {
  registry.__moimIo
    ?.to(room)
    .except(except)
    .emit(event, ...args);
}

/** Puts every socket of a user (on every node) into a room, e.g. a space they just joined. */
export function joinUserTo(userId: string, room: string): void {
  registry.__moimIo?.in(`user:${userId}`).socketsJoin(room);
}

/** Takes every socket of a user (on every node) out of rooms, e.g. a space they were kicked from. */
export function removeUserFrom(userId: string, roomNames: string[]): void {
  if (roomNames.length) registry.__moimIo?.in(`user:${userId}`).socketsLeave(roomNames);
}

/** Empties rooms on every node (what they were for is gone, e.g. a deleted channel). */
export function closeRooms(roomNames: string[]): void {
  if (roomNames.length) registry.__moimIo?.in(roomNames).socketsLeave(roomNames);
}

/** Disconnects every socket of these sessions, on every node (they were signed out). */
export function disconnectSessions(sessionIds: string[]): void {
  if (!sessionIds.length) return;
  const io = registry.__moimIo;
  const sessionRooms = sessionIds.map(rooms.session);
  // This node's sockets at once: the Redis adapter carries even its own node's share through
  // Redis, so while Redis is down they would stay until it is back. Then every other node's.
  io?.local.in(sessionRooms).disconnectSockets(true);
  io?.in(sessionRooms).disconnectSockets(true);
}
