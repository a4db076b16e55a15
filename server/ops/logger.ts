import "server-only";
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { getConfig } from "../config";

export type { Logger } from "pino";

/**
 * Fields that never reach a log line, wherever they sit in what is logged: cookies and
 * authorization headers, passwords, tokens and secrets, and message bodies (a socket event's
 * payload or an HTTP body). pino's redaction compiles these paths once; `*` is one level.
 */
export const REDACTED_PATHS = [
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
  "*.cookie",
  "*.password",
  "*.token",
  "*.secret",
  "*.credential",
  "body",
  "*.body",
  "payload.body",
  "payload.data", // WebRTC signals: SDP carries addresses and ICE credentials
  "payload.password",
];

/**
 * Errors as they are logged: name, message, code and stack, and the same of their cause. Driver
 * errors carry the failed statement with its values (drizzle's message ends in "params: …",
 * mysql2 keeps `sql` with values inlined): those values can be a message someone sent, so the
 * statement and its parameters are left out.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const message = err.message.replace(/\n?params: [\s\S]*$/, "");
  // The stack's first line repeats the message: only its frames are kept.
  const frames = (err.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = { type: err.name, message, stack: [`${err.name}: ${message}`, ...frames].join("\n") };
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

function createLogger(): Logger {
  const { logLevel, logFormat } = getConfig().ops;
  const options: pino.LoggerOptions = {
    level: logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
  };
  if (logFormat === "pretty") {
    // In process and synchronous (no worker thread): readable lines in a terminal during development.
    return pino(
      options,
      pretty({
        sync: true,
        colorize: process.stdout.isTTY,
        translateTime: "SYS:HH:MM:ss.l",
        singleLine: true, // [12:00:01.234] INFO: [redis] Redis unreachable; … {"client":"commands",…}
        messageFormat: "{if area}[{area}] {end}{msg}",
        ignore: "pid,area",
      }),
    );
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/**
 * One root logger per process, shared by the custom server and Next's bundles (route
 * handlers), like the database. Everything else logs through a child of it.
 */
const registry = globalThis as unknown as { __moimLog?: Logger };

export function log(): Logger {
  return (registry.__moimLog ??= createLogger());
}

/** A logger for one area of the server ("redis", "rtc"): every line says where it came from. */
export function areaLog(area: string): Logger {
  return log().child({ area });
}

const socketLogs = new WeakMap<object, Logger>();
/** Every line about a socket carries its id and its user (never the cookie it came with). */
export function socketLog(socket: { id: string; data?: unknown }): Logger {
  let mine = socketLogs.get(socket);
  if (!mine) {
    const userId = (socket.data as { userId?: string } | undefined)?.userId;
    mine = log().child({ socketId: socket.id, ...(userId ? { userId } : {}) });
    if (userId) socketLogs.set(socket, mine); // before the handshake there is no user yet: not cached
  }
  return mine;
}

/** The header the custom server stamps on every request, so route handlers log the same id. */
export const REQUEST_ID_HEADER = "x-moim-request-id";

/** A fresh id for a request (a client's own header of that name is overwritten). */
export function stampRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const id = randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}

/** The logger for an HTTP request: every line carries the request id the server stamped. */
export function requestLog(headers: Headers | Record<string, string | string[] | undefined>): Logger {
  const raw = headers instanceof Headers ? headers.get(REQUEST_ID_HEADER) : headers[REQUEST_ID_HEADER];
  const reqId = typeof raw === "string" && /^[\w-]{1,64}$/.test(raw) ? raw : "none";
  return log().child({ reqId });
}
