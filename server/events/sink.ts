import "server-only";
import type { ServerToClientEvents } from "@/lib/realtime/contract";

/**
 * Where services send what happened, once their write has committed. Services name the
 * recipients (rooms from lib/realtime/contract.ts `rooms`) and never touch sockets; who is in
 * which room is decided in ./subscriptions.ts alone. The realtime server installs the Socket.IO
 * sink (server/realtime/socket-sink.ts); with none installed (service tests, scripts) events go
 * nowhere.
 */
export interface EventSink {
  publish<E extends keyof ServerToClientEvents>(room: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Like publish, leaving out the sockets that are also in `except` (a room, or several). */
  publishExcept<E extends keyof ServerToClientEvents>(
    room: string | string[],
    except: string | string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /**
   * Puts the sockets in room(s) `of` (a user's room, a socket's own id), on every node, into
   * `roomNames`. Only ./subscriptions.ts calls this and `leave`.
   */
  join(of: string | string[], roomNames: string[]): void;
  /** Takes the sockets in room(s) `of`, on every node, out of `roomNames`. */
  leave(of: string | string[], roomNames: string[]): void;
  /** Disconnects every socket of these sessions, on every node. */
  disconnectSessions(sessionIds: string[]): void;
}

const nowhere: EventSink = {
  publish: () => undefined,
  publishExcept: () => undefined,
  join: () => undefined,
  leave: () => undefined,
  disconnectSessions: () => undefined,
};

// On globalThis: route handlers (bundled by Next) and the custom server are separate module
// graphs in one process, and both must reach the one installed sink.
const registry = globalThis as unknown as { __moimEvents?: EventSink };

export function setEventSink(sink: EventSink | undefined): void {
  registry.__moimEvents = sink;
}

/** The installed sink. */
export function events(): EventSink {
  return registry.__moimEvents ?? nowhere;
}
