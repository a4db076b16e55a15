import { describe, expect, it } from "vitest";
import { listMessages } from "@/server/services/messages";
import { createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { nodeTestBed } from "./helpers/node-test-bed";
import { freePort, type NodeProcess } from "./helpers/nodes";
import { ask } from "./helpers/realtime";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";

/**
 * A client sends continuously, retrying each unacked send with the same clientId, while the
 * server is killed with SIGKILL twice and restarted. Afterwards every send is stored exactly
 * once, in the order it was sent, with gap-free seqs.
 */
describe(`kill -9 while a client sends (${dialect})`, () => {
  const bed = nodeTestBed(dialect);

  it("loses nothing that was acked and stores nothing twice", async () => {
    await bed.open();
    const user = await signUp({ email: "sender@example.test", password: "sender-pass-1", name: "Sender" });
    const { space } = await createSpace(user.id, { name: "Crash" });
    const channelId = space.defaultChannelId!;

    const port = await freePort();
    let node: NodeProcess = await bed.start({}, port);
    const socket = await bed.connect(node, user.id, { reconnect: true });

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
        node = await bed.start({}, port);
      }
    }
    await node.stop();

    await bed.readBack();
    const { messages } = await listMessages(user.id, channelId, { afterSeq: 0 }, 10_000);
    expect(acked).toHaveLength(total);
    expect(messages.map((m) => m.clientId)).toEqual(acked.map((a) => a.clientId)); // each once, in send order
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(acked.map((a) => a.seq)).toEqual(messages.map((m) => m.seq)); // what was acked is what is stored
    console.log(`kill -9 test: ${total} sends, 2 crashes, ${retries} retries`);
  }, 120_000);
});
