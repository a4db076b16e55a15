import "server-only";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { getDatabase } from "./database";
import type { ErrorBody } from "@/lib/errors";
import { stampClientIp } from "./client-ip";
import { getConfig } from "./config";
import { logRequest } from "./ops/access-log";
import { areaLog, log } from "./ops/logger";
import { operations } from "./ops/operations";
import { isForgedRequest } from "./origin";
import { stampPagePath } from "./page-path";
import { createRealtimeServer } from "./realtime";
import { inProcess, withRedis } from "./scale";
import { startUploadSweeper } from "./services/uploads";
import { securityHeaders } from "./security-headers";

/** One process, one port: Next's pages and routes, and Socket.IO beside them. */
async function main() {
  const dev = process.argv.includes("--dev");
  loadEnvConfig(process.cwd(), dev); // .env files, as Next would load them, before the config is read
  const config = getConfig();
  const database = await getDatabase(); // creates and migrates the SQLite file on first start
  const app = next({ dev, hostname: "localhost", port: config.port, turbopack: dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const secure = securityHeaders({ appUrl: config.appUrl, dev, kakao: config.kakao });
  const scale = config.redisUrl ? await withRedis(config.redisUrl) : inProcess();
  const ops = operations(config, { database, scale });
  const httpServer = createServer((req, res) => {
    if (ops.handle(req, res)) return; // /healthz, /readyz, /metrics: before anything else, cheap
    logRequest(req, res);
    secure(req, res);
    if (isForgedRequest(req.method, req.headers, config.allowedOrigins)) return refuseForged(res);
    stampClientIp(req, config.trustProxy);
    stampPagePath(req);
    void handle(req, res);
  });
  const io = createRealtimeServer(httpServer, {
    scale,
    allowedOrigins: config.allowedOrigins,
    authSecret: config.authSecret,
    shareUpgrades: dev,
  });
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
    });
  }
  httpServer.listen(config.port, config.host, () => {
    // What the socket is really bound to (HOST, and the port the OS chose for PORT=0), and
    // where users are sent (APP_URL): an operator reads both here, not "localhost".
    log().info(
      { address: boundAddress(httpServer.address()), appUrl: config.appUrl, database: database.kind, redis: !!scale.adapter, dev },
      `Moim ready on ${boundAddress(httpServer.address())}, APP_URL ${config.appUrl} (${database.kind}${scale.adapter ? " + redis" : ""}${dev ? ", dev" : ""})`,
    );
  });
  const metricsAddress = await ops.listen();
  if (metricsAddress) log().info({ address: metricsAddress }, `metrics on ${metricsAddress}/metrics`);

  const stopSweeper = startUploadSweeper();
  ops.stopOnSignals({
    httpServer,
    io,
    release: async () => {
      stopSweeper();
      await Promise.allSettled([database.close(), scale.close()]);
    },
  });
}

/** "http://0.0.0.0:3000", "http://[::]:3000": the address a listening server holds. */
export function boundAddress(address: AddressInfo | string | null): string {
  if (!address) return "(not listening)";
  if (typeof address === "string") return address; // a Unix socket or pipe
  const host = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Another site's page tried to act with our user's cookies; refused before Next reads a byte. */
function refuseForged(res: ServerResponse) {
  const error: ErrorBody = { code: "forbidden", message: "Cross-site request refused" };
  res.writeHead(403, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: false, error }));
}

main().catch((err: unknown) => {
  // A bad configuration cannot build the logger that reads it: say why on stderr as it is.
  try {
    areaLog("start").fatal({ err }, "could not start");
  } catch {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
