/** socket.io-client connections that authenticate the way a browser tab does. */
import { io as connect, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientEvent,
  type ClientPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../lib/realtime/contract";
import type { ServerHandle } from "./server";

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects one websocket; resolves once the server accepted the handshake. */
export function openSocket(server: ServerHandle, cookie: string, timeoutMs = 20_000): Promise<BenchSocket> {
  const socket: BenchSocket = connect(server.url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    auth: { protocol: PROTOCOL_VERSION },
    extraHeaders: { origin: server.origin, cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      socket.off("connect_error");
      resolve(socket);
    });
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

export class AckTimeout extends Error {
  constructor(event: string, ms: number) {
    super(`${event}: no ack within ${ms} ms`);
    this.name = "AckTimeout";
  }
}

/** Emits a client event and resolves with its ack; rejects with AckTimeout. */
export async function ask<E extends ClientEvent>(
  socket: BenchSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs: number,
): Promise<Ack<E>> {
  const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(e: E, p: ClientPayload<E>): Promise<Ack<E>> };
  try {
    return await timed.emitWithAck(event, payload);
  } catch (err) {
    // socket.io-client rejects a timed-out emitWithAck with "operation has timed out".
    if (err instanceof Error && /timed out/.test(err.message)) throw new AckTimeout(event, timeoutMs);
    throw err;
  }
}

/** Closes every socket and resolves once each has reported its disconnect. */
export async function closeAll(sockets: readonly BenchSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (!socket.connected) {
            socket.close();
            resolve();
            return;
          }
          socket.once("disconnect", () => resolve());
          socket.close();
        }),
    ),
  );
}
