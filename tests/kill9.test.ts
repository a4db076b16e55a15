import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { setDatabase, type Database } from "@/server/database";
import { PROTOCOL_VERSION } from "@/lib/realtime/contract";
import { listMessages } from "@/server/services/messages";
import { createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { freshDatabase } from "./helpers/database";
import { freePort, startNode, TEST_ORIGIN, type NodeProcess } from "./helpers/nodes";
import { ask, sessionCookie, TEST_SECRET, type TestSocket } from "./helpers/realtime";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";

/**
 * A client sends continuously, retrying each unacked send with the same clientId, while the
 * server is killed with SIGKILL twice and restarted. Afterwards every send is stored exactly
 * once, in the order it was sent, with gap-free seqs.
 */
describe(`kill -9 while a client sends (${dialect})`, () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it("loses nothing that was acked and stores nothing twice", async () => {
    // Set up the data, then hand the database over to the server process alone.
    let env: Record<string, string>;
    let reopen: () => Promise<Database>;
    if (dialect === "sqlite") {
      const dir = mkdtempSync(path.join(tmpdir(), "moim-kill9-"));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const url = `file:${path.join(dir, "moim.db")}`;
      setDatabase(await openDatabase({ dialect: "sqlite", url }));
      env = { DATA_DIR: dir, AUTH_SECRET: TEST_SECRET };
      reopen = () => openDatabase({ dialect: "sqlite", url });
    } else {
      const fresh = await freshDatabase("mysql");
      cleanup.push(fresh.drop);
      env = { DATABASE_URL: fresh.url, AUTH_SECRET: TEST_SECRET, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) };
      reopen = async () => fresh.database;
    }
    const user = await signUp({ email: "sender@example.test", password: "sender-pass-1", name: "Sender" });
    const { space } = await createSpace(user.id, { name: "Crash" });
    const channelId = space.defaultChannelId!;
    const cookie = await sessionCookie(user.id); // its session row, before the server takes the database over
    if (dialect === "sqlite") {
      const { getDatabase } = await import("@/server/database");
      await (await getDatabase()).close();
      setDatabase(undefined);
    }

    const port = await freePort();
    let node: NodeProcess = await startNode(env, port);
    cleanup.push(() => node.stop());
    const socket: TestSocket = connect(node.url, {
      transports: ["websocket"],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      extraHeaders: { origin: TEST_ORIGIN, cookie },
      auth: { protocol: PROTOCOL_VERSION },
    });
    cleanup.push(() => void socket.close());

    const total = 80;
    const killAt = new Set([20, 50]);
    const acked: Array<{ clientId: string; seq: number }> = [];
    let retries = 0;
    for (let i = 0; i < total; i++) {
      const clientId = `kill9-send-${String(i).padStart(4, "0")}`;
      for (;;) {
        if (!socket.connected) await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
        const ack = await ask(socket, "message:send", { channelId, clientId, body: `message ${i}` }).catch(() => null);
        if (ack?.ok) {
          acked.push({ clientId, seq: ack.message.seq });
          break;
        }
        if (ack && !ack.ok && ack.error.code === "rate_limited") await new Promise((r) => setTimeout(r, 400));
        retries++;
      }
      if (killAt.has(acked.length)) {
        // Fire the next send and kill the server while it is in flight.
        const inFlight = ask(socket, "message:send", {
          channelId,
          clientId: `kill9-send-${String(i + 1).padStart(4, "0")}`,
          body: `message ${i + 1}`,
        }).catch(() => null);
        await node.kill9();
        await inFlight;
        node = await startNode(env, port);
      }
    }
    await node.stop();

    const database = await reopen();
    setDatabase(database);
    const { messages } = await listMessages(user.id, channelId, { afterSeq: 0 }, 10_000);
    if (dialect === "sqlite") {
      await database.close();
      setDatabase(undefined);
    }
    expect(acked).toHaveLength(total);
    expect(messages.map((m) => m.clientId)).toEqual(acked.map((a) => a.clientId)); // each once, in send order
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(acked.map((a) => a.seq)).toEqual(messages.map((m) => m.seq)); // what was acked is what is stored
    console.log(`kill -9 test: ${total} sends, 2 crashes, ${retries} retries`);
  }, 120_000);
});
