import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SecurityHeaderOptions {
  appUrl: string;
  dev: boolean;
  /** A configured Kakao: its users' profile pictures are links to Kakao's servers. */
  kakao: { authBaseUrl: string; apiBaseUrl: string } | null;
}

/**
 * Kakao serves profile pictures from its CDN, some still as http:// links; a test stand-in
 * (KAKAO_*_BASE_URL) serves them itself.
 */
function imageOriginsOf(kakao: SecurityHeaderOptions["kakao"]): string[] {
  if (!kakao) return [];
  return ["https://*.kakaocdn.net", "http://*.kakaocdn.net", new URL(kakao.authBaseUrl).origin, new URL(kakao.apiBaseUrl).origin];
}

/**
 * The response headers every answer carries, from one place (server/index.ts calls this for
 * every request before Next sees it). The CSP is nonce-based: a script runs only if it carries
 * this response's nonce, or was loaded by one that does ('strict-dynamic': Next's chunk loader).
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  const app = new URL(options.appUrl);
  const socketOrigin = `${app.protocol === "https:" ? "wss:" : "ws:"}//${app.host}`;
  const https = app.protocol === "https:";
  const imageOrigins = [...new Set(imageOriginsOf(options.kakao))];
  const fixed: [string, string][] = [
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Content-Type-Options", "nosniff"],
    ["Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)"],
    // Only over https: sent over http it is ignored, and a local http install must stay reachable.
    ...(https ? ([["Strict-Transport-Security", "max-age=31536000"]] as [string, string][]) : []),
  ];
  return (req: IncomingMessage, res: ServerResponse) => {
    const policy = contentSecurityPolicy({ nonce: randomBytes(16).toString("base64"), socketOrigin, imageOrigins, dev: options.dev });
    // Next reads the nonce from the request's CSP header (getScriptNonceFromHeaders) and puts it
    // on its own inline and chunk scripts; whatever a client sent there is overwritten.
    req.headers["content-security-policy"] = policy;
    delete req.headers["content-security-policy-report-only"];
    res.setHeader("Content-Security-Policy", policy);
    for (const [name, value] of fixed) res.setHeader(name, value);
  };
}

export function contentSecurityPolicy(p: { nonce: string; socketOrigin: string; imageOrigins: readonly string[]; dev: boolean }) {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces and fast refresh.
    `script-src 'self' 'nonce-${p.nonce}' 'strict-dynamic'${p.dev ? " 'unsafe-eval'" : ""}`,
    // Inline styles are needed and harmless enough: React renders style attributes (avatars,
    // Radix positioning), and Radix's scroll lock inserts a <style> element without a nonce.
    // CSS cannot run script; only scripts are locked to the nonce.
    "style-src 'self' 'unsafe-inline'",
    // Pictures: our uploads, previews of a picked file (blob:), and linked profile pictures.
    `img-src 'self' data: blob: ${p.imageOrigins.join(" ")}`.trim(),
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${p.socketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
