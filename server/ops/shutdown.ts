import "server-only";
import type { Server as HttpServer } from "node:http";
import type { RealtimeServer } from "../realtime/socket-sink";
import { drainOf } from "../realtime/draining";
import { areaLog } from "./logger";
import { metrics } from "./metrics";

export interface ShutdownParts {
  /** The app's listener (pages, routes, Socket.IO). */
  httpServer: HttpServer;
  io: RealtimeServer;
  /** Other listeners (the metrics port). */
  others?: HttpServer[];
  /** How long in-flight events and requests may take. */
  graceMs: number;
  /** Closes what the node opened (upload sweeper, database, Redis), after the last socket is gone. */
  release: () => Promise<void>;
}

/** How widely clients spread their reconnects after the shutdown notice (RealtimeProvider). */
export const RECONNECT_SPREAD_MS = 5000;

// Not unref'd: once the listener and the sockets are closed, these timers may be all that keeps
// the process alive, and an unref'd one would let it exit with 0 halfway through the stop
// (before the database is closed and "stopped" is logged). Each wait is bounded by the grace.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A graceful stop, in the order that loses nothing:
 * 1. Stop accepting: the listening socket closes and /readyz answers 503 (a load balancer stops
 *    sending), and the realtime server starts no new event and takes no new socket.
 * 2. Tell every socket `server:shutdown`: its client will reconnect elsewhere.
 * 3. Wait (at most the grace period) for the events already running — a send being stored —
 *    to finish and ack.
 * 4. Close the sockets; their clients reconnect at a random moment within RECONNECT_SPREAD_MS
 *    and resend whatever had no ack (same clientId: stored once). Disconnect cleanups (leaving
 *    video rooms) run, then HTTP requests still open get the rest of the grace period.
 * 5. Release the database and Redis.
 * Resolves with whether everything finished within the grace period.
 */
export async function shutDown(parts: ShutdownParts): Promise<boolean> {
  const log = areaLog("shutdown");
  const drain = drainOf(parts.io);
  const started = Date.now();
  const left = () => Math.max(0, parts.graceMs - (Date.now() - started));
  metrics().shuttingDown.set(1);
  drain.begin();
  const closed = new Promise<void>((resolve) => parts.httpServer.close(() => resolve()));
  parts.httpServer.closeIdleConnections();
  log.info({ sockets: parts.io.of("/").sockets.size, inFlight: drain.inFlight }, "draining");
  parts.io.local.emit("server:shutdown", { reconnectWithinMs: RECONNECT_SPREAD_MS });

  const eventsDone = await Promise.race([drain.idle().then(() => true), sleep(left()).then(() => false)]);
  log.info(
    { inFlight: drain.inFlight, ms: Date.now() - started },
    eventsDone ? "events in flight have acked" : "grace period over with events in flight",
  );
  parts.io.local.disconnectSockets(true);
  const cleanupsDone = await Promise.race([drain.idle().then(() => true), sleep(Math.max(left(), 500)).then(() => false)]);
  // Each connection closes once its last packets (acks, the disconnect) are written; io.close()
  // would cut the ones still writing and their clients would miss the acks.
  for (const until = Date.now() + Math.max(left(), 500); parts.io.engine.clientsCount > 0 && Date.now() < until;) await sleep(10);
  await parts.io.close().catch(() => undefined); // closing the listener twice is harmless here
  const requestsDone = await Promise.race([closed.then(() => true), sleep(left()).then(() => false)]);
  if (!requestsDone) parts.httpServer.closeAllConnections();
  for (const other of parts.others ?? []) {
    other.closeAllConnections();
    other.close();
  }
  await parts.release();
  const clean = eventsDone && cleanupsDone && requestsDone;
  log.info({ ms: Date.now() - started, clean }, "stopped");
  return clean;
}

/**
 * SIGTERM (or SIGINT, Ctrl-C) runs `stop` once and exits 0 when it finished cleanly. A second
 * signal, or a stop that overruns the grace period by `hardStopMs`, exits 1 at once.
 */
export function onStopSignals(stop: () => Promise<boolean>, graceMs: number, hardStopMs = 5000): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      areaLog("shutdown").warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    areaLog("shutdown").info({ signal }, "stop requested");
    setTimeout(() => {
      areaLog("shutdown").error("shutdown overran its grace period: exiting now");
      process.exit(1);
    }, graceMs + hardStopMs).unref();
    stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (err: unknown) => {
        areaLog("shutdown").error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
