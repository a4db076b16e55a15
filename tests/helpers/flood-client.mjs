// A hostile client as its own process (so its own CPU does not slow the test's measurements):
// opens FLOOD_SOCKETS sockets as one user and floods events as fast as the server answers,
// FLOOD_WINDOW in flight per socket, for FLOOD_MS. Prints "flooding" once every socket is
// connected, and at the end one JSON line: how many were sent and how they were answered.
import { io } from "socket.io-client";

const env = process.env;
const count = Number(env.FLOOD_SOCKETS);
const windowSize = Number(env.FLOOD_WINDOW ?? 50);
const events = JSON.parse(env.FLOOD_EVENTS); // [[event, payload], ...]: each may carry "{n}" in clientId
const sockets = await Promise.all(
  Array.from(
    { length: count },
    () =>
      new Promise((resolve, reject) => {
        const s = io(env.FLOOD_URL, {
          transports: ["websocket"],
          reconnection: false,
          forceNew: true,
          auth: { protocol: Number(env.FLOOD_PROTOCOL) },
          extraHeaders: { origin: env.FLOOD_ORIGIN, cookie: env.FLOOD_COOKIE, "x-forwarded-for": env.FLOOD_IP },
        });
        s.once("connect", () => resolve(s));
        s.once("connect_error", (err) => reject(err));
      }),
  ),
);
const answers = {};
let sent = 0;
let n = 0;
const until = Date.now() + Number(env.FLOOD_MS);
console.log("flooding");
await Promise.all(
  sockets.flatMap((s) =>
    Array.from({ length: windowSize }, async () => {
      while (Date.now() < until) {
        const [event, payload] = events[n % events.length];
        const i = n++;
        sent++;
        const body = JSON.parse(JSON.stringify(payload).replaceAll("{n}", String(i)));
        const ack = await s.timeout(10_000).emitWithAck(event, body).catch(() => ({ ok: false, error: { code: "no answer" } }));
        const code = ack.ok ? "ok" : ack.error.code;
        answers[code] = (answers[code] ?? 0) + 1;
      }
    }),
  ),
);
for (const s of sockets) s.close();
console.log(JSON.stringify({ sent, answers }));
