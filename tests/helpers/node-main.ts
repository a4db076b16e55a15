// One Moim realtime node without the Next pages: the same config, database, services,
// Socket.IO server, operator endpoints (/healthz, /readyz, /metrics, the graceful stop on
// SIGTERM) and access log as server/index.ts. Tests start several of these as real processes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getDatabase } from "@/server/database";
import { getConfig } from "@/server/config";
import { closeMessageStore, mongoMessages } from "@/server/messages";
import { mongodbCheck } from "@/server/ops/health";
import { logRequest } from "@/server/ops/access-log";
import { operations } from "@/server/ops/operations";
import { createRealtimeServer } from "@/server/realtime";
import { inProcess, withRedis } from "@/server/scale";
import { endSession, startSession } from "@/server/services/sessions";

async function main() {
  const config = getConfig();
  const database = await getDatabase();
  const scale = config.redisUrl ? await withRedis(config.redisUrl) : inProcess();
  const mongo = mongoMessages();
  const ops = operations(config, { database, scale, mongodb: mongo ? mongodbCheck(mongo) : undefined });
  const http = createServer((req, res) => {
    if (ops.handle(req, res)) return;
    logRequest(req, res);
    // What next-auth's sign-out route does on a full node (events.signOut), without the pages.
    const signOut = /^\/test\/sign-out\/([\w-]{1,64})$/.exec(req.url ?? "");
    if (req.method === "POST" && signOut) {
      endSession(signOut[1]!).then(
        () => res.writeHead(204).end(),
        () => res.writeHead(500).end(),
      );
      return;
    }
    // What a sign-in does on a full node (the jwt callback), for tests whose SQLite file this
    // node now writes alone: the session row goes into the node's own database.
    const signIn = /^\/test\/sign-in\/([\w-]{1,64})$/.exec(req.url ?? "");
    if (req.method === "POST" && signIn) {
      startSession(signIn[1]!, "vitest").then(
        (sessionId) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ sessionId })),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  const io = createRealtimeServer(http, { allowedOrigins: config.allowedOrigins, authSecret: config.authSecret, scale });
  await new Promise<void>((resolve) => http.listen(config.port, "127.0.0.1", resolve));
  const metricsAddress = await ops.listen();
  ops.stopOnSignals({ httpServer: http, io, release: async () => void (await Promise.allSettled([database.close(), scale.close(), closeMessageStore()])) });
  // The test helpers wait for these lines (tests/helpers/nodes.ts).
  if (metricsAddress) console.log(`metrics ${metricsAddress}`);
  console.log(`listening ${(http.address() as AddressInfo).port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
