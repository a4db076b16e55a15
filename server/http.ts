import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, httpStatusOf, isExpected, toErrorBody } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import type { ApiRoute } from "@/lib/api/contract";
import { getConfig } from "./config";
import { requestLog } from "./ops/logger";
import { takeUserEventToken } from "./rate-limit";
import { sessionFromHeaders } from "./session-token";
import type { LiveSession } from "./services/sessions";

/**
 * Route handlers stay thin: read the JSON body, run the use case, answer with JSON.
 * Errors become `{ ok: false, error: { code, message } }` with the code's HTTP status.
 */
export function jsonRoute<Ctx>(run: (body: unknown, ctx: Ctx) => Promise<object>) {
  return requestRoute<Ctx>(async (req, ctx) => run(req.method === "GET" ? undefined : await readJson(req), ctx));
}

/**
 * A body is read only when it says it is JSON. A page on another site can send text/plain,
 * form-encoded or multipart bodies without the browser asking us first (no CORS preflight);
 * application/json it cannot, so this closes forged requests even past the Origin check in
 * server/index.ts. A bodiless PATCH, PUT or DELETE needs no type: those methods are always
 * preflighted cross-origin. A POST always needs one (a form can send an empty POST).
 */
function isJson(req: Request): boolean {
  const type = req.headers.get("content-type");
  return type !== null && /^application\/json\s*(;|$)/i.test(type);
}

/**
 * Like jsonRoute, for signed-in users only (a live session). The session id comes last, for
 * the few routes about sessions themselves; it is kept out of `user`, which services echo.
 */
export function userRoute<Ctx>(run: (user: UserSummary, body: unknown, ctx: Ctx, sessionId: string) => Promise<object>) {
  return requestRoute<Ctx>(async (req, ctx) => {
    const { user, sessionId } = await requireSession(req);
    return run(user, req.method === "GET" ? undefined : await readJson(req), ctx, sessionId);
  });
}

/** What an `apiRoute` handler gets: its inputs parsed with the route's schemas (lib/api/contract.ts). */
export interface ApiInput<Q, B> {
  user: UserSummary;
  sessionId: string;
  params: Record<string, string>;
  query: Q;
  body: B;
}

/**
 * A route of the app-client API, described in lib/api/contract.ts: the session (cookie or
 * bearer token) first, then the user's share of the database (the budget their socket events
 * use; sends instead take the per-user send limit inside sendMessage), then the path, the
 * query and the body, each bounded and parsed with the table's schema, before the use case.
 */
export function apiRoute<R extends ApiRoute, Q = R["query"] extends z.ZodType ? z.output<R["query"]> : undefined, B = R["body"] extends z.ZodType ? z.output<R["body"]> : undefined>(
  route: R,
  run: (input: ApiInput<Q, B>) => Promise<object>,
  options: { budget: "event" | "send" } = { budget: "event" },
) {
  return requestRoute<{ params: Promise<Record<string, string>> }>(async (req, ctx) => {
    const { user, sessionId } = await requireSession(req);
    if (options.budget === "event" && !(await takeUserEventToken(user.id))) throw new AppError("rate_limited", "Slow down: too many requests");
    const params = ctx?.params ? await ctx.params : {};
    const query = route.query ? route.query.parse(queryOf(req)) : undefined;
    // A POST is read even without a body schema: it must say it is JSON (see isJson).
    const raw = route.body || req.method === "POST" ? await readJson(req) : undefined;
    const body = route.body ? route.body.parse(raw) : undefined;
    return run({ user, sessionId, params, query: query as Q, body: body as B });
  });
}

/** Like apiRoute, for a route anyone may call (signing in): no session, the body parsed with the table's schema. */
export function openRoute<R extends ApiRoute, B = R["body"] extends z.ZodType ? z.output<R["body"]> : undefined>(
  route: R,
  run: (input: { body: B; req: Request }) => Promise<object>,
) {
  return requestRoute<unknown>(async (req) => {
    const raw = await readJson(req);
    return run({ body: (route.body ? route.body.parse(raw) : undefined) as B, req });
  });
}

/** The query string as one value per name; a repeated name is refused rather than guessed at. */
function queryOf(req: Request): Record<string, string> {
  const url = new URL(req.url);
  if (url.search.length > 1024) throw new AppError("validation", "Query string is too long");
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in out) throw new AppError("validation", `${name}: given more than once`);
    out[name] = value;
  }
  return out;
}

/**
 * For signed-in users sending raw bytes (an image upload, a chat file): the handler reads the
 * request itself. The body must be typed as one of `accept` (our image types, or
 * application/octet-stream for a chat file): none of them is CORS-safelisted, so another site
 * cannot send one without a preflight we never grant. What the bytes are is sniffed later.
 */
export function uploadRoute<Ctx>(
  run: (user: UserSummary, req: Request, ctx: Ctx) => Promise<object>,
  accept: readonly string[] = LIMITS.uploadImageTypes,
  refusal = "Send the image's bytes with its image type",
) {
  return requestRoute<Ctx>(async (req, ctx) => {
    const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!accept.includes(type)) throw new AppError("upload_type", refusal);
    return run((await requireSession(req)).user, req, ctx);
  });
}

/** The session a request carries: the browser's cookie, or an app client's bearer token (server/session-token.ts). */
export function requestSession(req: Request): Promise<LiveSession | null> {
  return sessionFromHeaders(req.headers, getConfig().authSecret);
}

async function requireSession(req: Request): Promise<LiveSession> {
  const session = await requestSession(req);
  if (!session) throw new AppError("unauthorized", "Sign in first");
  return session;
}

/** Path segments a route takes (ids, invite codes): anything else is refused before a service sees it. */
const pathParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not a valid id");

async function checkPathParams(ctx: unknown): Promise<void> {
  const params = (ctx as { params?: Promise<Record<string, unknown>> } | undefined)?.params;
  if (!params) return;
  for (const [name, value] of Object.entries(await params)) {
    const parsed = pathParam.safeParse(value);
    if (!parsed.success) throw new AppError("validation", `${name}: is not a valid id`);
  }
}

function requestRoute<Ctx>(run: (req: Request, ctx: Ctx) => Promise<object>) {
  return async (req: Request, ctx: Ctx) => {
    try {
      await checkPathParams(ctx);
      const answer = await run(req, ctx);
      // A route answering bytes (a CSV export) gives its own Response, past the same checks.
      return answer instanceof Response ? answer : NextResponse.json({ ok: true, ...answer });
    } catch (err) {
      if (!isExpected(err)) requestLog(req.headers).error({ err, method: req.method, path: new URL(req.url).pathname }, "request failed");
      const error = toErrorBody(err);
      return NextResponse.json({ ok: false, error }, { status: httpStatusOf(error) });
    }
  };
}

async function readJson(req: Request): Promise<unknown> {
  const json = isJson(req);
  if (!json && req.method === "POST") throw new AppError("not_json", "Send the body as application/json");
  if (Number(req.headers.get("content-length") ?? 0) > LIMITS.httpBodyMaxBytes)
    throw new AppError("validation", "Request body is too large");
  const text = await readCapped(req, LIMITS.httpBodyMaxBytes);
  if (!text) return {};
  if (!json) throw new AppError("not_json", "Send the body as application/json");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "Request body is not valid JSON");
  }
}

/**
 * The body as text, read no further than `max` bytes: a chunked body (no Content-Length) that
 * runs past it is refused as soon as it does, not buffered whole first.
 */
async function readCapped(req: Request, max: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw new AppError("validation", "Request body is too large");
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
