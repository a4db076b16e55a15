import "server-only";
import { AppError, isExpected, toErrorBody } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { clientPayloads, type Ack, type AckData, type ClientEvent } from "@/lib/realtime/contract";
import type { z } from "zod";
import { memoryRateLimiter, type RateLimiter } from "../rate-limit";
import type { RealtimeServer } from "./emitter";

export type AppSocket = Parameters<Parameters<RealtimeServer["on"]>[1]>[0];

/**
 * Every event costs the socket a token: edits, reactions, read marks, joins and presence
 * follows all write or read the database, so none may be spammed. Sends have their own per-user
 * limit (server/rate-limit.ts) and are not counted here.
 */
const budgets = new WeakMap<object, RateLimiter>();
const signalBudgets = new WeakMap<object, RateLimiter>();
function eventBudget(socket: AppSocket, event: ClientEvent): RateLimiter {
  // WebRTC signals come in bursts (a candidate each, per peer) and touch no database.
  const [map, burst, rate] =
    event === "rtc:signal"
      ? [signalBudgets, LIMITS.signalBurst, LIMITS.signalsPerSecond]
      : [budgets, LIMITS.eventBurst, LIMITS.eventsPerSecond];
  let budget = map.get(socket);
  if (!budget) map.set(socket, (budget = memoryRateLimiter(burst, rate)));
  return budget;
}

/**
 * Registers one client event: validate the payload against the contract, run the use case,
 * ack `{ ok: true, ... }` or a typed error. Nothing thrown escapes to crash the process.
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
    try {
      const payload = schema.parse(args[0]) as z.output<(typeof clientPayloads)[E]>;
      if (event !== "message:send" && !(await eventBudget(socket, event).take(socket.id))) {
        throw new AppError("rate_limited", "Slow down: too many requests");
      }
      const data = await run(payload);
      ack?.({ ok: true, ...data } as Ack<E>);
    } catch (err) {
      if (!isExpected(err)) console.error(`[realtime] ${event} failed`, err);
      ack?.({ ok: false, error: toErrorBody(err) });
    }
  });
}
