// A hostile client as its own process (so its own CPU does not slow the test's measurements):
// keeps FLOOD_SOCKETS sockets open as one user and floods events as fast as the server answers,
// FLOOD_WINDOW in flight per socket, for FLOOD_MS. A socket the server cuts off is replaced at
// once, as a determined flooder would. Prints "flooding" once the first sockets are connected,
// and at the end (FLOOD_MS passed, or SIGTERM: the test says when it has measured enough) one
// JSON line: what was sent, on how many connections the server let it in, how it was answered,
// how often the server cut a socket off and how it refused new ones.
import { io } from "socket.io-client";

const env = process.env;
const count = Number(env.FLOOD_SOCKETS);
const windowSize = Number(env.FLOOD_WINDOW ?? 50);
const events = JSON.parse(env.FLOOD_EVENTS); // [[event, payload], ...]: "{n}" in a payload is numbered
let until = Date.now() + Number(env.FLOOD_MS);
process.once("SIGTERM", () => (until = Date.now()));
const answers = {};
const refusals = {};
let sent = 0;
let cutOff = 0;
let connected = 0;
let n = 0;
const open = new Set();

function connect() {
  return new Promise((resolve) => {
    const s = io(env.FLOOD_URL, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { protocol: Number(env.FLOOD_PROTOCOL) },
      extraHeaders: { origin: env.FLOOD_ORIGIN, cookie: env.FLOOD_COOKIE, "x-forwarded-for": env.FLOOD_IP },
    });
    s.once("connect", () => {
      connected++;
      resolve(s);
    });
    s.once("connect_error", (err) => {
      refusals[err.message] = (refusals[err.message] ?? 0) + 1;
      s.close();
      resolve(null);
    });
  });
}

async function floodOn(s) {
  open.add(s);
  const gone = new Promise((resolve) => s.once("disconnect", resolve));
  await Promise.all(
    Array.from({ length: windowSize }, async () => {
      while (Date.now() < until && s.connected) {
        const [event, payload] = events[n % events.length];
        const body = JSON.parse(JSON.stringify(payload).replaceAll("{n}", String(n++)));
        sent++;
        const ack = await s.timeout(10_000).emitWithAck(event, body).catch(() => null);
        const code = ack === null ? "cut off" : ack.ok ? "ok" : ack.error.code;
        answers[code] = (answers[code] ?? 0) + 1;
      }
    }),
  );
  if (Date.now() < until) {
    await gone;
    cutOff++;
  }
  open.delete(s);
  s.close();
}

async function slot() {
  while (Date.now() < until) {
    const s = await connect();
    if (s) await floodOn(s);
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const first = await Promise.all(Array.from({ length: count }, connect));
console.log("flooding");
await Promise.all(first.map(async (s) => (s ? floodOn(s) : undefined)).map((p) => p.then(slot)));
for (const s of open) s.close();
console.log(JSON.stringify({ sent, connected, answers, cutOff, refusals }));
