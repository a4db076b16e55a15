import "server-only";
import { isExpected, toErrorBody } from "@/lib/errors";
import { clientPayloads, type Ack, type AckData, type ClientEvent } from "@/lib/realtime/contract";
import type { z } from "zod";
import type { RealtimeServer } from "./emitter";

export type AppSocket = Parameters<Parameters<RealtimeServer["on"]>[1]>[0];

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
      const data = await run(schema.parse(args[0]) as z.output<(typeof clientPayloads)[E]>);
      ack?.({ ok: true, ...data } as Ack<E>);
    } catch (err) {
      if (!isExpected(err)) console.error(`[realtime] ${event} failed`, err);
      ack?.({ ok: false, error: toErrorBody(err) });
    }
  });
}
