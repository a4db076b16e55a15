import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * What an operator can scrape from /metrics (Prometheus text format). Everything is counted
 * on this node: sum over nodes in the query. Labels are event names from the typed contract
 * and error codes from lib/errors.ts, both fixed sets, so the series stay bounded.
 */
/** What the realtime servers of this process hold right now, read at scrape time. */
export interface RealtimeSample {
  sockets: number;
  videoRooms: number;
  videoParticipants: number;
}
const samplers = new Set<() => RealtimeSample>();

/** A realtime server reports its sockets and video rooms; the returned function stops it. */
export function sampleRealtime(sampler: () => RealtimeSample): () => void {
  samplers.add(sampler);
  return () => void samplers.delete(sampler);
}

function sampled(key: keyof RealtimeSample) {
  return function collect(this: Gauge) {
    let total = 0;
    for (const sample of samplers) total += sample()[key];
    this.set(total);
  };
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry }); // process_cpu_*, process_resident_memory_bytes, nodejs_eventloop_lag_*, nodejs_gc_* …
  const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  return {
    registry,
    socketsConnected: new Gauge({
      name: "moim_sockets_connected",
      help: "Sockets connected to this node",
      collect: sampled("sockets"),
      registers: [registry],
    }),
    socketEvents: new Counter({
      name: "moim_socket_events_total",
      help: "Socket events received from clients, by event name",
      labelNames: ["event"],
      registers: [registry],
    }),
    socketEventErrors: new Counter({
      name: "moim_socket_event_errors_total",
      help: "Socket events answered with an error, by event name and error code (rate_limited, validation, internal, …)",
      labelNames: ["event", "code"],
      registers: [registry],
    }),
    socketEventSeconds: new Histogram({
      name: "moim_socket_event_duration_seconds",
      help: "From an event's arrival to its ack, by event name; message:send is the send→ack latency",
      labelNames: ["event"],
      buckets: latencyBuckets,
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: "moim_store_duration_seconds",
      help: "Time in the message store per call, by operation (append, page, changesSince, …: the MessageStore method)",
      labelNames: ["operation"],
      buckets: latencyBuckets,
      registers: [registry],
    }),
    databasePingSeconds: new Gauge({
      name: "moim_database_ping_seconds",
      help: "Round trip of the last readiness probe's SELECT 1",
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "moim_socket_deliveries_total",
      help: "Events this node wrote to its sockets (one per receiving socket), by event name",
      labelNames: ["event"],
      registers: [registry],
    }),
    videoRooms: new Gauge({
      name: "moim_video_rooms",
      help: "Video rooms with a participant connected to this node",
      collect: sampled("videoRooms"),
      registers: [registry],
    }),
    videoParticipants: new Gauge({
      name: "moim_video_participants",
      help: "Video room participants connected to this node",
      collect: sampled("videoParticipants"),
      registers: [registry],
    }),
    shuttingDown: new Gauge({ name: "moim_shutting_down", help: "1 while this node drains after SIGTERM", registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per process, shared with Next's bundles like the database. */
const registry = globalThis as unknown as { __moimMetrics?: Metrics };

export function metrics(): Metrics {
  return (registry.__moimMetrics ??= createMetrics());
}

/**
 * Children per label value, looked up once: the hot path (every send, every delivery) then
 * costs a map lookup and an add, not prom-client's label hashing.
 */
export function labelled<R>(metric: { labels(...values: string[]): R }): (value: string, second?: string) => R {
  const children = new Map<string, R>();
  return (value, second) => {
    const key = second === undefined ? value : `${value}\u0000${second}`;
    let child = children.get(key);
    if (!child) children.set(key, (child = second === undefined ? metric.labels(value) : metric.labels(value, second)));
    return child;
  };
}

/** Times a promise into a histogram child; the promise's outcome is passed on unchanged. */
export async function timed<T>(histogram: { observe(seconds: number): void }, work: Promise<T> | (() => Promise<T>)): Promise<T> {
  const started = performance.now();
  try {
    return await (typeof work === "function" ? work() : work);
  } finally {
    histogram.observe((performance.now() - started) / 1000);
  }
}

/** Who may read /metrics on a listener: anyone (a private bind address), or a bearer of the token. */
export type MetricsAccess = { kind: "open" } | { kind: "token"; token: string } | { kind: "closed" };

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Serves /metrics. A refused request costs a header comparison (constant time, over digests
 * of equal length) and a few bytes: nothing is collected for it.
 */
export function metricsEndpoint(access: MetricsAccess) {
  const expected = access.kind === "token" ? digest(access.token) : null;
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (access.kind === "closed") return void res.writeHead(404).end();
    if (expected) {
      const header = req.headers.authorization ?? "";
      const given = header.startsWith("Bearer ") ? digest(header.slice(7)) : null;
      if (!given || !timingSafeEqual(given, expected)) {
        return void res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-length": "0" }).end();
      }
    }
    const m = metrics();
    const body = await m.registry.metrics();
    res.writeHead(200, { "content-type": m.registry.contentType, "cache-control": "no-store" }).end(body);
  };
}
