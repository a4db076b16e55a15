/**
 * A local stand-in for Kakao's OAuth servers, for end-to-end tests only (Kakao cannot be
 * reached from here). It serves Kakao's real paths with Kakao's response shapes:
 *   GET  /oauth/authorize  (kauth.kakao.com) → a login page, then a redirect with ?code&state
 *   POST /oauth/token      (kauth.kakao.com) → { token_type, access_token, expires_in, ... }
 *   GET  /v2/user/me       (kapi.kakao.com)  → { id, connected_at, properties, kakao_account }
 * Started by playwright.config.ts through ./main.ts.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export const KAKAO_TEST_ACCOUNTS = [
  { id: 4012345678, nickname: "카카오민지", color: "#f59e0b" },
  { id: 4087654321, nickname: "카카오준호", color: "#10b981" },
] as const;

interface Grant {
  accountId: number;
  redirectUri: string;
  clientId: string;
}

export function startKakaoStandIn(options: { port: number; clientId: string; clientSecret: string }) {
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, number>();
  const origin = () => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    try {
      if (req.method === "GET" && url.pathname === "/oauth/authorize") return authorize(url, res);
      if (req.method === "POST" && url.pathname === "/oauth/login") return login(new URLSearchParams(await readBody(req)), res);
      if (req.method === "POST" && url.pathname === "/oauth/token") return token(new URLSearchParams(await readBody(req)), res);
      if (req.method === "GET" && url.pathname === "/v2/user/me") return me(req, res);
      if (req.method === "GET" && url.pathname.startsWith("/img/")) return image(url.pathname.slice(5), res);
      json(res, 404, { msg: "not found", code: -404 });
    } catch (err) {
      json(res, 500, { msg: String(err), code: -1 });
    }
  });

  function authorize(url: URL, res: ServerResponse) {
    const clientId = url.searchParams.get("client_id");
    const redirectUri = url.searchParams.get("redirect_uri");
    if (clientId !== options.clientId)
      return json(res, 401, { error: "invalid_client", error_description: "Bad client credentials", error_code: "KOE101" });
    if (url.searchParams.get("response_type") !== "code" || !redirectUri) {
      return json(res, 400, {
        error: "invalid_request",
        error_description: "response_type and redirect_uri are required",
        error_code: "KOE006",
      });
    }
    const hidden = ["client_id", "redirect_uri", "state"]
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(url.searchParams.get(k) ?? "")}">`)
      .join("");
    const buttons = KAKAO_TEST_ACCOUNTS.map(
      (a) => `<button name="account" value="${a.id}">${escapeHtml(a.nickname)}(으)로 계속하기</button>`,
    ).join("");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>카카오계정 로그인 (test stand-in)</title>` +
        `<body style="font-family:sans-serif;background:#fee500;display:grid;place-items:center;min-height:90vh">` +
        `<form method="post" action="/oauth/login" style="background:#fff;padding:24px;border-radius:12px;display:grid;gap:8px">` +
        `<h1>kakao</h1><p>Test stand-in: choose an account</p>${hidden}${buttons}</form></body>`,
    );
  }

  function login(form: URLSearchParams, res: ServerResponse) {
    const account = KAKAO_TEST_ACCOUNTS.find((a) => String(a.id) === form.get("account"));
    const redirectUri = form.get("redirect_uri");
    if (!account || !redirectUri) return json(res, 400, { error: "invalid_request", error_code: "KOE006" });
    const code = randomBytes(16).toString("hex");
    codes.set(code, { accountId: account.id, redirectUri, clientId: form.get("client_id") ?? "" });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    const state = form.get("state");
    if (state) target.searchParams.set("state", state);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  function token(form: URLSearchParams, res: ServerResponse) {
    if (form.get("grant_type") !== "authorization_code") return json(res, 400, { error: "unsupported_grant_type", error_code: "KOE310" });
    if (form.get("client_id") !== options.clientId || form.get("client_secret") !== options.clientSecret) {
      return json(res, 401, { error: "invalid_client", error_description: "Bad client credentials", error_code: "KOE010" });
    }
    const code = form.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code); // a code works once
    if (!grant || grant.redirectUri !== form.get("redirect_uri") || grant.clientId !== options.clientId) {
      return json(res, 400, {
        error: "invalid_grant",
        error_description: `authorization code not found for code=${code}`,
        error_code: "KOE320",
      });
    }
    const accessToken = randomBytes(24).toString("base64url");
    tokens.set(accessToken, grant.accountId);
    json(res, 200, {
      token_type: "bearer",
      access_token: accessToken,
      expires_in: 21599,
      refresh_token: randomBytes(24).toString("base64url"),
      refresh_token_expires_in: 5183999,
      scope: "profile_image profile_nickname",
    });
  }

  function me(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const accountId = bearer ? tokens.get(bearer) : undefined;
    const account = KAKAO_TEST_ACCOUNTS.find((a) => a.id === accountId);
    if (!account) return json(res, 401, { msg: "this access token does not exist", code: -401 });
    const picture = `${origin()}/img/${account.id}.svg`;
    json(res, 200, {
      id: account.id,
      connected_at: "2026-11-01T00:00:00Z",
      properties: { nickname: account.nickname, profile_image: picture, thumbnail_image: picture },
      kakao_account: {
        profile_nickname_needs_agreement: false,
        profile_image_needs_agreement: false,
        profile: {
          nickname: account.nickname,
          thumbnail_image_url: picture,
          profile_image_url: picture,
          is_default_image: false,
          is_default_nickname: false,
        },
      },
    });
  }

  function image(name: string, res: ServerResponse) {
    const account = KAKAO_TEST_ACCOUNTS.find((a) => `${a.id}.svg` === name);
    res.writeHead(account ? 200 : 404, { "content-type": "image/svg+xml", "cache-control": "max-age=3600" });
    res.end(
      account
        ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${account.color}"/><circle cx="32" cy="26" r="12" fill="#fff"/><rect x="14" y="42" width="36" height="22" rx="11" fill="#fff"/></svg>`
        : "",
    );
  }

  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(options.port, "127.0.0.1", () =>
      resolve({ url: origin(), close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
