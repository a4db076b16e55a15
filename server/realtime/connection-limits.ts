import "server-only";
import type { Socket } from "socket.io";
import { TOO_MANY_CONNECTIONS, TOO_MANY_SOCKETS } from "@/lib/realtime/contract";
import { clientIpOf } from "../client-ip";
import { memoryRateLimiter } from "../rate-limit";
import type { SocketData } from "./socket-sink";

export interface ConnectionLimits {
  /** Open sockets one user may have on this node. */
  socketsPerUser: number;
  /** Socket connection attempts one address may make per minute (a bucket of this many, refilled over a minute). */
  connectionsPerIpPerMinute: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (server/client-ip.ts). */
  trustProxy: number;
}

type Guard = (socket: Socket, next: (err?: Error) => void) => void;

/**
 * Handshake guards that keep one user or one address from holding the server's sockets.
 * Refusals are handshake errors with stable codes from the contract; the browser shows them
 * and waits before trying again (components/chat/RealtimeProvider.tsx).
 *
 * Both counts are per node. Counting a user's sockets across nodes would put a Redis round
 * trip (and a counter to repair when a node dies with sockets open) in every handshake; a load
 * balancer spreads one user's tabs over the nodes anyway, so with N nodes a user can hold at
 * most N × socketsPerUser sockets, each node at most socketsPerUser: what protects a node's
 * memory and event loop, which is the point.
 */
export function connectionLimits(limits: ConnectionLimits): { perAddress: Guard; perUser: Guard } {
  const attempts = memoryRateLimiter(limits.connectionsPerIpPerMinute, limits.connectionsPerIpPerMinute / 60);
  const open = new Map<string, number>();
  return {
    /** The first guard: an address over its rate is refused before its session is even read. */
    perAddress: (socket, next) => {
      void attempts
        .take(`ip:${clientIpOf(socket.request, limits.trustProxy)}`)
        .then((ok) => next(ok ? undefined : new Error(TOO_MANY_CONNECTIONS)), next);
    },
    /**
     * After the session guard, and last of all (so that nothing after it can refuse a socket
     * that already holds a place): takes one of the user's places until the socket goes.
     */
    perUser: (socket, next) => {
      const { userId } = socket.data as SocketData;
      const count = open.get(userId) ?? 0;
      if (count >= limits.socketsPerUser) return next(new Error(TOO_MANY_SOCKETS));
      open.set(userId, count + 1);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        const left = (open.get(userId) ?? 1) - 1;
        if (left > 0) open.set(userId, left);
        else open.delete(userId);
      };
      // "disconnect" for a socket that connected; the transport's close also covers one whose
      // client went away between this guard and the connection.
      socket.once("disconnect", release);
      socket.conn.once("close", release);
      next();
    },
  };
}
