import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { guardRequest } from "@/server/request-guard";
import { startRealtime, TEST_SECRET } from "./realtime";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

/** Every route file under app/api, as its URL pattern (Next's `[id]` segments) and file. */
export function routeFiles(): Array<{ path: string; file: string }> {
  const out: Array<{ path: string; file: string }> = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === "route.ts")
        out.push({ path: `/api/${segments.join("/")}`.replace(/\/$/, ""), file: path.join(dir, entry.name) });
    }
  };
  walk(API_DIR, []);
  return out;
}

/** `/api/channels/[channelId]/messages` → a matcher giving `{ channelId }`; `[...x]` takes the rest. */
function matcherOf(pattern: string): (pathname: string) => Record<string, string | string[]> | null {
  const names: Array<{ name: string; rest: boolean }> = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) return (names.push({ name: rest[1]!, rest: true }), "(.+)");
      const one = /^\[(\w+)\]$/.exec(segment);
      if (one) return (names.push({ name: one[1]!, rest: false }), "([^/]+)");
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  const re = new RegExp(`^${source}$`);
  return (pathname) => {
    const m = re.exec(pathname);
    if (!m) return null;
    return Object.fromEntries(
      names.map((n, i) => [n.name, n.rest ? m[i + 1]!.split("/").map(decodeURIComponent) : decodeURIComponent(m[i + 1]!)]),
    );
  };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/**
 * Serves app/api's route handlers on a real HTTP server, without Next: the request goes through
 * the same guard as in server/index.ts (request id, forged-request refusal, client address),
 * then to the route module Next would pick (static segments win over `[param]` ones). Next's
 * own build is minutes on this machine; its routing is not what these tests are about.
 */
export function apiHandler() {
  // Static segments first, as Next's router prefers them.
  const routes = routeFiles()
    .sort((a, b) => (a.path.match(/\[/g)?.length ?? 0) - (b.path.match(/\[/g)?.length ?? 0))
    .map((r) => ({ ...r, match: matcherOf(r.path) }));
  return (req: IncomingMessage, res: ServerResponse, allowedOrigins: ReadonlySet<string>) => {
    if (!guardRequest(req, res, { allowedOrigins, trustProxy: 0 })) return;
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const found = routes.map((r) => ({ r, params: r.match(url.pathname) })).find((x) => x.params);
        if (!found) return void res.writeHead(404).end();
        const mod = (await import(found.r.file)) as Record<string, Handler | undefined>;
        const handler = mod[req.method ?? "GET"];
        if (!handler) return void res.writeHead(405).end();
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        const hasBody = req.method !== "GET" && req.method !== "HEAD";
        const request = new Request(url, {
          method: req.method,
          headers,
          ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
        } as RequestInit);
        const response = await handler(request, { params: Promise.resolve(found.params!) });
        const answer = Buffer.from(await response.arrayBuffer());
        // Refused before its body was read (too large): this connection is not reused.
        const unread = !req.complete;
        res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...(unread ? { connection: "close" } : {}) });
        res.end(answer);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  };
}

/** A real Socket.IO server and app/api's routes on one random port, as server/index.ts serves them. */
export async function startApiServer(options: Omit<Parameters<typeof startRealtime>[0] & object, "handle"> = {}) {
  if (process.env.AUTH_SECRET !== TEST_SECRET) throw new Error('import "./helpers/api-secret" first in the test file');
  return startRealtime({ ...options, handle: apiHandler() });
}
