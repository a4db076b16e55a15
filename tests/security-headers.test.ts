import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/server/security-headers";

// The headers module against plain Node request/response objects: what Next is handed on the
// request (the nonce it stamps on its scripts) and what the browser gets.
function run(options: Parameters<typeof securityHeaders>[0], sent: Record<string, string> = {}) {
  const req = { headers: { ...sent } } as unknown as IncomingMessage;
  const out = new Map<string, string>();
  const res = { setHeader: (name: string, value: string) => out.set(name.toLowerCase(), value) } as unknown as ServerResponse;
  securityHeaders(options)(req, res);
  return { req: req.headers, res: out };
}

const local = { appUrl: "http://localhost:3000", dev: false, kakao: null };

describe("security headers", () => {
  it("give Next the same nonce-based CSP the browser gets, new on every request, overwriting whatever a client sent", () => {
    const first = run(local, { "content-security-policy": "script-src 'nonce-chosen-by-client'", "content-security-policy-report-only": "x" });
    const csp = first.res.get("content-security-policy")!;
    expect(first.req["content-security-policy"]).toBe(csp);
    expect(first.req["content-security-policy-report-only"]).toBeUndefined();
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'; /);
    expect(csp).not.toContain("chosen-by-client");
    expect(csp).not.toContain("unsafe-eval");
    expect(run(local).res.get("content-security-policy")).not.toBe(csp);
    for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self' ws://localhost:3000"])
      expect(csp).toContain(d);
    expect(first.res.get("x-frame-options")).toBe("DENY");
    expect(first.res.get("strict-transport-security")).toBeUndefined();
  });

  it("add HSTS and wss: only when APP_URL is https, unsafe-eval only in dev, and Kakao's picture hosts only when Kakao is on", () => {
    const https = run({ appUrl: "https://moim.example", dev: false, kakao: null }).res;
    expect(https.get("strict-transport-security")).toBe("max-age=31536000");
    expect(https.get("content-security-policy")).toContain("connect-src 'self' wss://moim.example");
    expect(run({ ...local, dev: true }).res.get("content-security-policy")).toMatch(/'strict-dynamic' 'unsafe-eval';/);
    const kakao = run({ ...local, kakao: { authBaseUrl: "https://kauth.kakao.com", apiBaseUrl: "http://127.0.0.1:9" } }).res;
    expect(kakao.get("content-security-policy")).toContain("img-src 'self' data: blob: https://*.kakaocdn.net http://*.kakaocdn.net https://kauth.kakao.com http://127.0.0.1:9;");
    expect(run(local).res.get("content-security-policy")).toContain("img-src 'self' data: blob:;");
  });
});
