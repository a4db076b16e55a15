import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { LIMITS } from "@/lib/limits";
import { sniffImageType, type ImageType } from "../files/sniff";
import { charsetOf, headReader, type PageMeta } from "./parse";
import { RefusedTarget, resolveTarget, type Target, type TargetPolicy } from "./ssrf";

/**
 * Fetching a page (or a picture) a user linked to, as a hostile server might answer: every hop
 * of a redirect is checked again (ssrf.ts) and connected to the address that was checked, the
 * whole fetch has one deadline, at most `maxHtmlBytes` of a page are read (its head is what
 * matters; the connection is closed after), and only HTML or a picture is accepted.
 */

export interface FetchPolicy extends TargetPolicy {
  timeoutMs: number;
  maxRedirects: number;
  maxHtmlBytes: number;
  maxImageBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  allowHosts: new Set(),
  timeoutMs: 5000,
  maxRedirects: 3,
  maxHtmlBytes: 512 * 1024,
  maxImageBytes: 5 * 1024 * 1024,
};

export type PreviewRefusal = RefusedTarget["reason"] | "redirects" | "status" | "type" | "timeout" | "too_large" | "network" | "busy";

export class PreviewRefused extends Error {
  constructor(readonly reason: PreviewRefusal) {
    super(`link preview refused: ${reason}`);
  }
}

export type FetchedPreview =
  | ({ kind: "page"; url: string } & PageMeta)
  /** A link straight to a picture: the card is the picture. */
  | { kind: "image"; url: string; image: string };

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
/** The pictures a card may show: the photo types chat files take. */
const IMAGE_TYPES = new Set<string>(LIMITS.uploadImageTypes);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "MoimLinkPreview/1.0 (+https://github.com/moim)";

const mimeOf = (res: IncomingMessage) => (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();

/** A lookup that answers only with the address ssrf.ts checked: the connection cannot go elsewhere. */
function pinned(target: Target): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

function request(target: Target, accept: string, signal: AbortSignal): Promise<IncomingMessage> {
  const { url } = target;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        protocol: url.protocol,
        host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: { "user-agent": USER_AGENT, accept, "accept-language": "ko,en;q=0.8" },
        lookup: pinned(target),
        agent: false,
        signal,
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

/** Follows up to `maxRedirects` redirects, each hop checked again; the answer is a 2xx. */
async function open(raw: string, accept: string, policy: FetchPolicy, signal: AbortSignal): Promise<{ res: IncomingMessage; url: URL }> {
  let url = new URL(raw);
  for (let hop = 0; ; hop++) {
    const res = await request(await resolveTarget(url, policy), accept, signal);
    const location = res.headers.location;
    if (REDIRECTS.has(res.statusCode ?? 0) && location) {
      res.destroy();
      if (hop >= policy.maxRedirects) throw new PreviewRefused("redirects");
      url = new URL(location, url);
      continue;
    }
    if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
      res.destroy();
      throw new PreviewRefused("status");
    }
    return { res, url };
  }
}

/** Runs `work` under one deadline; network failures and the deadline become PreviewRefused. */
async function withDeadline<T>(policy: FetchPolicy, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    return await work(signal);
  } catch (err) {
    if (err instanceof PreviewRefused) throw err;
    if (err instanceof RefusedTarget) throw new PreviewRefused(err.reason);
    if (signal.aborted) throw new PreviewRefused("timeout");
    throw new PreviewRefused("network");
  }
}

/** Reads the head of an HTML answer: stops at the end of <head> or `maxBytes`, whichever is first. */
async function readHead(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<PageMeta> {
  const reader = headReader();
  let decoder: TextDecoder | null = null;
  let pending: Buffer[] = [];
  let read = 0;
  const feed = (bytes: Buffer): boolean => {
    if (!decoder) {
      pending.push(bytes);
      const head = Buffer.concat(pending);
      if (head.length < 1024) return false;
      decoder = new TextDecoder(charsetOf(res.headers["content-type"], head));
      pending = [];
      return reader.write(decoder.decode(head, { stream: true }));
    }
    return reader.write(decoder.decode(bytes, { stream: true }));
  };
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (signal.aborted) throw new PreviewRefused("timeout");
      const room = maxBytes - read;
      const bytes = chunk.length > room ? chunk.subarray(0, room) : chunk;
      read += bytes.length;
      if (feed(bytes) || read >= maxBytes) break;
    }
  } finally {
    res.destroy();
  }
  if (!decoder && pending.length) {
    const head = Buffer.concat(pending);
    reader.write(new TextDecoder(charsetOf(res.headers["content-type"], head)).decode(head));
  } else if (decoder) reader.write((decoder as TextDecoder).decode());
  return reader.result();
}

/** What a link shows as a card: a page's title, description, site and picture, or a picture itself. */
export async function fetchPreview(raw: string, policy: FetchPolicy = DEFAULT_FETCH_POLICY): Promise<FetchedPreview> {
  return withDeadline(policy, async (signal) => {
    const { res, url } = await open(raw, "text/html,application/xhtml+xml;q=0.9,image/*;q=0.5", policy, signal);
    const mime = mimeOf(res);
    if (IMAGE_TYPES.has(mime)) {
      res.destroy();
      return { kind: "image", url: url.href, image: url.href };
    }
    if (!HTML_TYPES.has(mime)) {
      res.destroy();
      throw new PreviewRefused("type");
    }
    const meta = await readHead(res, policy.maxHtmlBytes, signal);
    return { kind: "page", url: url.href, ...meta, image: absoluteImage(meta.image, url) };
  });
}

/** A page's picture as an absolute http(s) URL, or null. */
function absoluteImage(image: string | null, base: URL): string | null {
  if (!image) return null;
  try {
    const resolved = new URL(image, base);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
  } catch {
    return null;
  }
}

/** A preview's picture, for the server to pass on (app/api/channels/[channelId]/link-previews): a real PNG, JPEG, GIF or WebP within the size limit. */
export async function fetchImage(raw: string, policy: FetchPolicy = DEFAULT_FETCH_POLICY): Promise<{ mime: ImageType; bytes: Buffer }> {
  return withDeadline(policy, async (signal) => {
    const { res } = await open(raw, "image/webp,image/png,image/jpeg,image/gif", policy, signal);
    if (!IMAGE_TYPES.has(mimeOf(res))) {
      res.destroy();
      throw new PreviewRefused("type");
    }
    if (Number(res.headers["content-length"] ?? 0) > policy.maxImageBytes) {
      res.destroy();
      throw new PreviewRefused("too_large");
    }
    const chunks: Buffer[] = [];
    let read = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > policy.maxImageBytes) throw new PreviewRefused("too_large");
        chunks.push(chunk);
      }
    } finally {
      res.destroy();
    }
    const bytes = Buffer.concat(chunks);
    // The declared type is the sender's word; the bytes must agree (no SVG, no HTML as image/png).
    const mime = sniffImageType(bytes);
    if (!mime) throw new PreviewRefused("type");
    return { mime, bytes };
  });
}
