import type { Ack, ClientEvent } from "@/lib/realtime/contract";
import type { TestSocket } from "./realtime";

/** What socket.io-client keeps of a socket to match acks to emits (not in its public types). */
interface AckRegistry {
  ids: number;
  acks: Record<number, (...args: unknown[]) => void>;
}

/**
 * Emits an event whose arguments are given as JSON text, written straight to the connection:
 * values socket.io-client could not encode itself (nesting deeper than its recursion allows,
 * `__proto__` as an own key) reach the server as a hostile client would send them. With
 * `ack: false` no answer is asked for. Resolves with the ack, or rejects after `timeoutMs`.
 */
export function rawEmit(
  socket: TestSocket,
  event: ClientEvent | string,
  argsJson: string[],
  { ack = true, timeoutMs = 5000 }: { ack?: boolean; timeoutMs?: number } = {},
): Promise<Ack<ClientEvent> | undefined> {
  const registry = socket as unknown as AckRegistry;
  const frame = (id: string) => `2${id}[${[JSON.stringify(event), ...argsJson].join(",")}]`;
  if (!ack) {
    socket.io.engine.write(frame(""));
    return Promise.resolve(undefined);
  }
  const id = registry.ids++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      delete registry.acks[id];
      reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    registry.acks[id] = (result: unknown) => {
      clearTimeout(timer);
      resolve(result as Ack<ClientEvent>);
    };
    socket.io.engine.write(frame(String(id)));
  });
}

/** JSON text of an object nested `depth` levels deep under key `key`, around `inner`. */
export function nestedJson(depth: number, key: string, inner: string): string {
  return `{"${key}":`.repeat(depth) + inner + "}".repeat(depth);
}
