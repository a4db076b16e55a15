import "server-only";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { getDatabase } from "./database";
import { getConfig } from "./config";
import { areaLog, log } from "./ops/logger";
import { closeMessageStore, mongoMessages } from "./messages";
import { mongodbCheck } from "./ops/health";
import { operations } from "./ops/operations";
import { createRealtimeServer } from "./realtime";
import { guardRequest } from "./request-guard";
import { inProcess, withRedis } from "./scale";
import { startReminderTimer } from "./services/calendar-reminders";
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
  const mongo = mongoMessages(); // MONGODB_URL's message store (unverified here), if set
  const ops = operations(config, { database, scale, mongodb: mongo ? mongodbCheck(mongo) : undefined });
  const httpServer = createServer((req, res) => {
    if (ops.handle(req, res)) return; // /healthz, /readyz, /metrics: before anything else, cheap
    secure(req, res);
    if (guardRequest(req, res, config)) void handle(req, res);
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
  const stopReminders = startReminderTimer();
  ops.stopOnSignals({
    httpServer,
    io,
    release: async () => {
      stopSweeper();
      stopReminders();
      await Promise.allSettled([database.close(), scale.close(), closeMessageStore()]);
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

main().catch((err: unknown) => {
  // A bad configuration cannot build the logger that reads it: say why on stderr as it is.
  try {
    areaLog("start").fatal({ err }, "could not start");
  } catch {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
