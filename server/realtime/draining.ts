import "server-only";

/**
 * A realtime server's work in flight, for a graceful shutdown: every client event being
 * handled, and every disconnect's cleanup (leaving a video room). Once draining begins, new
 * events are not started (their senders get no ack and send again, with the same clientId,
 * to the node they reconnect to), and `idle()` resolves when the last running one has acked.
 */
export interface Drain {
  readonly draining: boolean;
  readonly inFlight: number;
  begin(): void;
  /** Runs `work` as in-flight work; callers check `draining` first. */
  track<T>(work: () => Promise<T>): Promise<T>;
  idle(): Promise<void>;
}

function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    begin() {
      draining = true;
    },
    async track(work) {
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
        settle();
      }
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

const drains = new WeakMap<object, Drain>();

/** The drain of a Socket.IO server (tests run several servers in one process). */
export function drainOf(io: object): Drain {
  let drain = drains.get(io);
  if (!drain) drains.set(io, (drain = createDrain()));
  return drain;
}
