import "server-only";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { Database } from "@/db/client";
import type { Config } from "../config";
import type { RealtimeServer } from "../realtime/socket-sink";
import { drainOf } from "../realtime/draining";
import type { ScaleOut } from "../scale";
import { databaseCheck, healthEndpoints, type ReadinessCheck } from "./health";
import { areaLog } from "./logger";
import { metricsEndpoint, type MetricsAccess } from "./metrics";
import { onStopSignals, shutDown } from "./shutdown";

export interface OperationsDeps {
  database: Database;
  scale: ScaleOut;
  /** With MONGODB_URL: the MongoDB message store's reachability check (mongodbCheck). */
  mongodb?: ReadinessCheck;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * What an operator talks to, for server/index.ts and the test node alike: /healthz, /readyz
 * and /metrics, and the graceful stop on SIGTERM. With METRICS_PORT, /metrics moves to a
 * listener of its own (METRICS_HOST, loopback by default; open there, or behind the token if
 * one is set too) and the app's port answers it 404; without it, /metrics on the app's port
 * needs METRICS_TOKEN, and is 404 when there is none.
 */
export function operations(config: Config, deps: OperationsDeps) {
  const { metrics: metricsConfig, shutdownGraceMs } = config.ops;
  let io: RealtimeServer | null = null;
  const draining = () => (io ? drainOf(io).draining : false);
  const checks: ReadinessCheck[] = [databaseCheck(deps.database)];
  const pingRedis = deps.scale.ping;
  if (pingRedis) checks.push({ name: "redis", run: pingRedis });
  if (deps.mongodb) checks.push(deps.mongodb);
  const health = healthEndpoints(checks, draining);
  const token: MetricsAccess = metricsConfig.token ? { kind: "token", token: metricsConfig.token } : { kind: "open" };
  const ownListener = metricsConfig.port !== null;
  const routesOf = (metrics: Route): Map<string, Route> =>
    new Map<string, Route>([
      ["/healthz", health.healthz],
      ["/readyz", health.readyz],
      ["/metrics", metrics],
    ]);
  const appRoutes = routesOf(metricsEndpoint(ownListener ? { kind: "closed" } : metricsConfig.token ? token : { kind: "closed" }));
  const match = (routes: Map<string, Route>, req: IncomingMessage): Route | undefined => {
    if (req.method !== "GET" && req.method !== "HEAD") return undefined;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    return routes.get(q === -1 ? url : url.slice(0, q));
  };
  let metricsServer: HttpServer | null = null;

  return {
    /** Answers an operator's path on the app's port; false for anything else (Next's). */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const route = match(appRoutes, req);
      if (!route) return false;
      void Promise.resolve(route(req, res)).catch((err: unknown) => {
        areaLog("ops").error({ err, path: req.url }, "operator endpoint failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return true;
    },

    /** Opens the metrics listener when METRICS_PORT is set; resolves with its address. */
    async listen(): Promise<string | null> {
      if (!ownListener) {
        if (!metricsConfig.token) areaLog("ops").info("/metrics is off: set METRICS_TOKEN or METRICS_PORT to serve it");
        return null;
      }
      const routes = routesOf(metricsEndpoint(token));
      const server = createServer((req, res) => {
        const route = match(routes, req);
        if (!route) return void res.writeHead(404).end();
        void Promise.resolve(route(req, res)).catch(() => res.headersSent || res.writeHead(500).end());
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(metricsConfig.port!, metricsConfig.host, resolve);
      });
      metricsServer = server;
      const address = server.address();
      return typeof address === "object" && address ? `http://${metricsConfig.host}:${address.port}` : null;
    },

    /** The graceful stop on SIGTERM/SIGINT, for this app listener and realtime server. */
    stopOnSignals(parts: { httpServer: HttpServer; io: RealtimeServer; release: () => Promise<void> }): void {
      io = parts.io;
      onStopSignals(
        () =>
          shutDown({
            ...parts,
            others: metricsServer ? [metricsServer] : [],
            graceMs: shutdownGraceMs,
          }),
        shutdownGraceMs,
      );
    },
  };
}
