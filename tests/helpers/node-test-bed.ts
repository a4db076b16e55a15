import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll } from "vitest";
import { openDatabase } from "@/db/client";
import { setDatabase } from "@/server/database";
import { PROTOCOL_VERSION } from "@/lib/realtime/contract";
import { databaseForNode } from "./node-database";
import { startNode, type NodeProcess } from "./nodes";
import { connectAs, sessionCookieOn, TEST_SECRET, type TestSocket } from "./realtime";

/**
 * A server process of its own (tests/helpers/nodes.ts) on a fresh database, for suites that stop,
 * kill or restart it: the test fills the database through the services, the first node started
 * takes it over, and `readBack` gives it back to the test once the nodes are down. Everything it
 * opened (nodes, sockets, the database, and what the test hands to `defer`) is closed after the
 * suite, last opened first. Call it in a `describe` block.
 */
export function nodeTestBed(dialect: "sqlite" | "mysql") {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });
  let database: Awaited<ReturnType<typeof databaseForNode>> | null = null;
  const opened = () => {
    if (!database) throw new Error("nodeTestBed: call open() first");
    return database;
  };

  return {
    /** Runs after the suite, before what was opened earlier is closed. */
    defer(fn: () => Promise<void> | void) {
      cleanup.push(fn);
    },

    /** A fresh, migrated database: the process-wide one, for the test to fill, until a node starts. */
    async open() {
      database = await databaseForNode(dialect);
      cleanup.push(database.drop);
    },

    /**
     * Starts a node on the database (on `port`, to stand in for one that stopped), with the test
     * secret and, when set, the suite's REDIS_URL; `env` adds to or overrides that.
     */
    async start(env: Record<string, string> = {}, port = 0): Promise<NodeProcess> {
      const { env: databaseEnv, handOver } = opened();
      await handOver();
      const node = await startNode(
        { ...databaseEnv, AUTH_SECRET: TEST_SECRET, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), ...env },
        port,
      );
      cleanup.push(() => node.stop());
      return node;
    },

    /**
     * A signed-in socket on the node, closed after the suite. `reconnect`: it reconnects by itself
     * within 50–200 ms (to the node that takes the port over), as RealtimeProvider does.
     */
    async connect(node: NodeProcess, userId: string, { reconnect = false } = {}): Promise<TestSocket> {
      const cookie = await sessionCookieOn(node, userId);
      if (!reconnect) {
        const socket = await connectAs(node, cookie);
        cleanup.push(() => void socket.close());
        return socket;
      }
      const socket: TestSocket = connect(node.url, {
        transports: ["websocket"],
        reconnectionDelay: 50,
        reconnectionDelayMax: 200,
        extraHeaders: { origin: node.origin, cookie },
        auth: { protocol: PROTOCOL_VERSION },
      });
      cleanup.push(() => void socket.close());
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      return socket;
    },

    /** Once every node is down: the database is the test's process-wide one again, to read what the nodes stored. */
    async readBack() {
      const { env } = opened();
      if (dialect !== "sqlite") return; // MariaDB: the test's connection stayed open beside the nodes'
      const reopened = await openDatabase({ dialect: "sqlite", url: `file:${path.join(env.DATA_DIR!, "moim.db")}` });
      setDatabase(reopened);
      cleanup.push(async () => {
        setDatabase(undefined);
        await reopened.close();
      });
    },
  };
}
