/**
 * The baseline: bare Socket.IO with nothing of Moim in it — no auth, no storage, no validation.
 * `channel:join` → socket.join, `message:send` → io.to(room).emit of a message shaped like
 * Moim's (same fields, an in-memory seq per room), acked the way Moim acks. Same transport
 * options as server/realtime/index.ts. Run as its own process so its CPU is measured alone:
 *
 *   node --import tsx bench/support/bare-server.ts   (prints "bare ready <port>")
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { transports: ["websocket", "polling"], pingInterval: 10_000, pingTimeout: 5_000, serveClient: false });
const seqs = new Map<string, number>();

io.on("connection", (socket) => {
  const userId = socket.id;
  socket.on("channel:join", ({ channelId }: { channelId: string }, ack?: (r: unknown) => void) => {
    void socket.join(`ch:${channelId}`);
    ack?.({
      ok: true,
      channel: { id: channelId, lastSeq: seqs.get(channelId) ?? 0 },
      messages: [],
      reset: true,
      updates: [],
      syncedAt: Date.now(),
    });
  });
  socket.on(
    "message:send",
    ({ channelId, clientId, body }: { channelId: string; clientId: string; body: string }, ack?: (r: unknown) => void) => {
      const seq = (seqs.get(channelId) ?? 0) + 1;
      seqs.set(channelId, seq);
      const message = {
        id: randomUUID(),
        channelId,
        seq,
        clientId,
        body,
        createdAt: new Date().toISOString(),
        editedAt: null,
        deletedAt: null,
        author: { id: userId, name: "bench", image: null },
        system: null,
        replyTo: null,
        reactions: [],
      };
      io.to(`ch:${channelId}`).emit("message:new", message);
      ack?.({ ok: true, message });
    },
  );
});

httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(`bare ready ${typeof address === "object" && address ? address.port : "?"}`);
});
process.on("SIGTERM", () => {
  void io.close();
  process.exit(0);
});
