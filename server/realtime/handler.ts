import "server-only";
import { AppError, isExpected, toErrorBody } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { clientPayloads, type Ack, type AckData, type ClientEvent } from "@/lib/realtime/contract";
import type { z } from "zod";
import { socketLog } from "../ops/logger";
import { labelled, metrics } from "../ops/metrics";
import { memoryRateLimiter, takeUserEventToken, type RateLimiter } from "../rate-limit";
import { drainOf } from "./draining";
import type { RealtimeServer, SocketData } from "./socket-sink";

export type AppSocket = Parameters<Parameters<RealtimeServer["on"]>[1]>[0];

/**
 * Every event costs the socket a token before anything else happens, even parsing its payload:
 * a flood is refused in memory, at the cost of a map lookup. Edits, reactions, read marks,
 * joins and presence follows all touch the database. Sends have a budget of their own per
 * socket (so a read-mark storm does not block them), then the per-user limit of
 * server/rate-limit.ts; WebRTC signals come in bursts (a candidate each, per peer) and touch
 * no database.
 */
export interface SocketBudgets {
  /** Sends per socket: a burst, then a refill per second. */
  socketSendBurst: number;
  socketSendsPerSecond: number;
}
const BUDGETS = {
  event: [LIMITS.eventBurst, LIMITS.eventsPerSecond],
  signal: [LIMITS.signalBurst, LIMITS.signalsPerSecond],
} as const;
const sendBudgetOf = new WeakMap<object, SocketBudgets>();
/** A server's send budget per socket (tests that send in bulk raise it with the per-user limit). */
export function setSocketBudgets(io: RealtimeServer, budgets: SocketBudgets): void {
  sendBudgetOf.set(io, budgets);
}
const budgets = new WeakMap<object, Map<"event" | "send" | "signal", RateLimiter>>();

async function withinBudgets(socket: AppSocket, event: ClientEvent): Promise<boolean> {
  if (!(await eventBudget(socket, event).take(socket.id))) return false;
  // Signals touch no database, and sends have their own per-user limit.
  if (event === "rtc:signal" || event === "message:send") return true;
  // Every user's share of the database-touching events on this node, across their sockets and HTTP requests.
  return takeUserEventToken((socket.data as SocketData).userId);
}

function eventBudget(socket: AppSocket, event: ClientEvent): RateLimiter {
  const kind = event === "message:send" ? "send" : event === "rtc:signal" ? "signal" : "event";
  let mine = budgets.get(socket);
  if (!mine) budgets.set(socket, (mine = new Map()));
  let budget = mine.get(kind);
  if (!budget) {
    const send = sendBudgetOf.get(socket.nsp.server);
    const [burst, rate] =
      kind === "send" ? [send?.socketSendBurst ?? LIMITS.socketSendBurst, send?.socketSendsPerSecond ?? LIMITS.socketSendsPerSecond] : BUDGETS[kind];
    mine.set(kind, (budget = memoryRateLimiter(burst, rate)));
  }
  return budget;
}

/**
 * A socket that keeps firing past its budgets is cut off (as Discord's gateway closes a
 * connection that ignores its rate limit): answering a flood, however cheaply, still queues
 * everyone else's events behind it. A real client never gets near this; its outbox backs off.
 * Reconnecting runs into the connection limits (./connection-limits.ts).
 */
const strikes = new WeakMap<object, RateLimiter>();
function refusedOverBudget(socket: AppSocket): void {
  let mine = strikes.get(socket);
  if (!mine) strikes.set(socket, (mine = memoryRateLimiter(LIMITS.socketRefusalBurst, LIMITS.socketRefusalsPerSecond)));
  void mine.take(socket.id).then((ok) => {
    if (!ok && socket.connected) socket.disconnect(true);
  });
}

const eventCount = labelled(metrics().socketEvents);
const eventErrors = labelled(metrics().socketEventErrors);
const eventSeconds = labelled(metrics().socketEventSeconds);

/**
 * Registers one client event: validate the payload against the contract, run the use case,
 * ack `{ ok: true, ... }` or a typed error. Nothing thrown escapes to crash the process.
 * Each event is counted and timed (server/ops/metrics.ts), logged at debug level without
 * its body (server/ops/logger.ts redacts it), and tracked for a graceful shutdown: once the
 * server drains, a new event is not started at all (./draining.ts).
 */
export function on<E extends ClientEvent>(
  socket: AppSocket,
  event: E,
  run: (payload: z.output<(typeof clientPayloads)[E]>) => Promise<AckData[E]>,
): void {
  const schema = clientPayloads[event];
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(event, async (...args: unknown[]) => {
    const maybeAck = args[args.length - 1];
    const ack = typeof maybeAck === "function" ? (maybeAck as (result: Ack<E>) => void) : undefined;
    const drain = drainOf(socket.nsp.server);
    if (drain.draining) return;
    eventCount(event).inc();
    const log = socketLog(socket);
    if (log.isLevelEnabled("debug")) log.debug({ event, payload: args[0] }, "socket event");
    const started = performance.now();
    return drain.track(() => handle(args[0], ack, log)).finally(() => eventSeconds(event).observe((performance.now() - started) / 1000));
  });

  async function handle(raw: unknown, ack: ((result: Ack<E>) => void) | undefined, log: ReturnType<typeof socketLog>) {
    try {
      if (!(await withinBudgets(socket, event))) {
        refusedOverBudget(socket);
        throw new AppError("rate_limited", "Slow down: too many requests");
      }
      const payload = schema.parse(raw) as z.output<(typeof clientPayloads)[E]>;
      const data = await run(payload);
      ack?.({ ok: true, ...data } as Ack<E>);
    } catch (err) {
      if (!isExpected(err)) log.error({ event, err }, "socket event failed");
      const error = toErrorBody(err);
      eventErrors(event, error.code).inc();
      ack?.({ ok: false, error });
    }
  }
}
