import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray, notInArray } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { LinkPreview } from "@/lib/realtime/contract";
import { getConfig } from "../config";
import { getDatabase } from "../database";
import { areaLog } from "../ops/logger";
import { memoryRateLimiter, type RateLimiter } from "../rate-limit";
import { requireChannelAccess } from "../services/access";
import { DEFAULT_FETCH_POLICY, fetchImage, fetchPreview, PreviewRefused, type FetchPolicy } from "./fetch-preview";
import { linksOf } from "./links-of";

/**
 * Link previews as the rest of the server sees them: which links of a message get a card,
 * the cached card of a URL (fetched once per TTL, one fetch per URL at a time, a few at once
 * per node), and the cards messages show. The message side (the after-commit hook, the views,
 * the author's removal) is in server/messages and server/services/link-previews.ts.
 */

const log = areaLog("link-previews");

export const urlHash = (url: string) => createHash("sha256").update(url).digest("hex");

/** The fetch policy of this install (tests set their own with setFetchPolicy). */
const registry = globalThis as unknown as { __moimPreviewPolicy?: FetchPolicy; __moimPreviewLimiter?: RateLimiter };
function fetchPolicy(): FetchPolicy {
  return (registry.__moimPreviewPolicy ??= { ...DEFAULT_FETCH_POLICY, allowHosts: getConfig().linkPreviews.allowHosts });
}
export function setFetchPolicy(policy: Partial<FetchPolicy> | undefined): void {
  registry.__moimPreviewPolicy = policy
    ? { ...DEFAULT_FETCH_POLICY, allowHosts: getConfig().linkPreviews.allowHosts, ...policy }
    : undefined;
}

export const previewsEnabled = () => getConfig().linkPreviews.enabled;

/** True if this user's message may have its links fetched now (a burst, then a few a minute). */
export function takePreviewToken(userId: string): Promise<boolean> {
  registry.__moimPreviewLimiter ??= memoryRateLimiter(LIMITS.linkPreviewMessagesPerMinute, LIMITS.linkPreviewMessagesPerMinute / 60);
  return registry.__moimPreviewLimiter.take(`preview:${userId}`);
}
export function setPreviewLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimPreviewLimiter = limiter;
}

/** The links of a message body that get a card. */
export const previewLinks = (body: string) => linksOf(body, LIMITS.linkPreviewsPerMessage);

// ---- at most a few fetches at once on this node ----
let running = 0;
const waiting: Array<() => void> = [];
/** Fetches that may wait their turn; past that a fetch is refused (`busy`) rather than queued without end. */
const WAITING_MAX = 200;
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= LIMITS.linkPreviewFetchesAtOnce) {
    if (waiting.length >= WAITING_MAX) throw new PreviewRefused("busy");
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type PreviewRow = Awaited<ReturnType<typeof readCached>>;
const inFlight = new Map<string, Promise<boolean>>();

async function readCached(hash: string) {
  const { db, t } = await getDatabase();
  const [row] = await db.select().from(t.linkPreviews).where(eq(t.linkPreviews.urlHash, hash));
  return row;
}

const fresh = (row: NonNullable<PreviewRow>, now: number) =>
  now - row.fetchedAt.getTime() < (row.status === "ok" ? LIMITS.linkPreviewTtlMs : LIMITS.linkPreviewFailedTtlMs);

/**
 * Makes sure the URL's card is in link_previews and not older than its TTL, fetching it if
 * not (one fetch per URL at a time on this node). True if there is a card to show.
 */
export function ensurePreview(url: string): Promise<boolean> {
  const hash = urlHash(url);
  const running = inFlight.get(hash);
  if (running) return running;
  const work = (async () => {
    const cached = await readCached(hash);
    if (cached && fresh(cached, Date.now())) return cached.status === "ok";
    let row: Fetched;
    try {
      row = await limited(() => fetchRow(url));
    } catch (err) {
      // Too many waiting: no card this time, and nothing cached, so a later link tries again.
      if (err instanceof PreviewRefused && err.reason === "busy") return false;
      throw err;
    }
    await store(hash, url, row);
    return row.status === "ok";
  })().finally(() => inFlight.delete(hash));
  inFlight.set(hash, work);
  return work;
}

type Fetched = {
  status: "ok" | "failed";
  title: string | null;
  description: string | null;
  imageUrl: string | null;
  siteName: string | null;
};

async function fetchRow(url: string): Promise<Fetched> {
  const failed: Fetched = { status: "failed", title: null, description: null, imageUrl: null, siteName: null };
  try {
    const page = await fetchPreview(url, fetchPolicy());
    if (page.kind === "image") return { ...failed, status: "ok", imageUrl: page.image, siteName: new URL(page.url).hostname };
    // A page that says nothing about itself gets no card (a bare host name is not worth one).
    if (!page.title && !page.description) return failed;
    return {
      status: "ok",
      title: page.title,
      description: page.description,
      imageUrl: page.image,
      siteName: page.siteName ?? new URL(page.url).hostname,
    };
  } catch (err) {
    if (!(err instanceof PreviewRefused)) throw err;
    log.info({ reason: err.reason }, "link preview not fetched");
    return failed;
  }
}

async function store(hash: string, url: string, row: Fetched): Promise<void> {
  const { db, t, dialect } = await getDatabase();
  const values = { ...row, fetchedAt: new Date() };
  try {
    await db.insert(t.linkPreviews).values({ urlHash: hash, url, ...values });
  } catch (err) {
    if (!dialect.isUniqueViolation(err)) throw err;
    await db.update(t.linkPreviews).set(values).where(eq(t.linkPreviews.urlHash, hash));
  }
}

/** Records which links a message shows cards for, in order (once: the hook runs once per message). */
/** Records the links a message shows cards for; answers how many of them are new to it. */
export async function linkMessage(message: { id: string; channelId: string }, urls: string[]): Promise<number> {
  const { db, t, dialect } = await getDatabase();
  const createdAt = new Date();
  let added = 0;
  for (const [position, url] of urls.entries()) {
    try {
      await db
        .insert(t.messageLinkPreviews)
        .values({ messageId: message.id, channelId: message.channelId, urlHash: urlHash(url), position, createdAt, updatedAt: createdAt });
      added += 1;
    } catch (err) {
      if (!dialect.isUniqueViolation(err)) throw err;
      // Linked before (a retry, or an edit that kept the link): it takes its place in the new text.
      const m = t.messageLinkPreviews;
      await db.update(m).set({ position }).where(and(eq(m.messageId, message.id), eq(m.urlHash, urlHash(url))));
    }
  }
  return added;
}

/**
 * After an edit: the cards of links the new text no longer has are dropped (a card the author
 * removed stays removed while its link stays). True when a card went.
 */
export async function unlinkDropped(messageId: string, urls: string[]): Promise<boolean> {
  const { db, t, dialect } = await getDatabase();
  const m = t.messageLinkPreviews;
  const keep = urls.map(urlHash);
  const gone = await db
    .delete(m)
    .where(and(eq(m.messageId, messageId), keep.length ? notInArray(m.urlHash, keep) : undefined));
  return dialect.affectedRows(gone) > 0;
}

/** The message's cards have arrived: a client that was away then finds it among its catch-up's updates. */
export async function markCardsArrived(messageId: string): Promise<void> {
  const { db, t } = await getDatabase();
  await db.update(t.messageLinkPreviews).set({ updatedAt: new Date() }).where(eq(t.messageLinkPreviews.messageId, messageId));
}

/** Messages of a channel whose cards arrived or were removed since `since` (at most `limit`). */
export async function cardsChangedSince(channelId: string, since: Date, limit: number): Promise<string[]> {
  const { db, t } = await getDatabase();
  const m = t.messageLinkPreviews;
  const rows = await db
    .selectDistinct({ messageId: m.messageId })
    .from(m)
    .where(and(eq(m.channelId, channelId), gt(m.updatedAt, since)))
    .limit(limit);
  return rows.map((r) => r.messageId);
}

/** The cards of these messages, by message id: fetched, not removed, in link order (one query). */
export async function linkPreviewsOf(channelId: string, messageIds: string[]): Promise<Map<string, LinkPreview[]>> {
  const out = new Map<string, LinkPreview[]>();
  if (messageIds.length === 0 || !previewsEnabled()) return out;
  const { db, t } = await getDatabase();
  const m = t.messageLinkPreviews;
  const p = t.linkPreviews;
  const rows = await db
    .select({
      messageId: m.messageId,
      urlHash: p.urlHash,
      url: p.url,
      title: p.title,
      description: p.description,
      imageUrl: p.imageUrl,
      siteName: p.siteName,
    })
    .from(m)
    .innerJoin(p, eq(p.urlHash, m.urlHash))
    .where(and(inArray(m.messageId, messageIds), eq(m.removed, false), eq(p.status, "ok")))
    .orderBy(asc(m.position));
  for (const { messageId, imageUrl, ...card } of rows) {
    const preview: LinkPreview = { ...card, image: imageUrl ? `/api/channels/${channelId}/link-previews/${card.urlHash}/image` : null };
    out.set(messageId, [...(out.get(messageId) ?? []), preview]);
  }
  return out;
}

/** Takes a card off a message (again is harmless); false if the message has no such card. */
export async function removeFromMessage(messageId: string, hash: string): Promise<boolean> {
  const { db, t } = await getDatabase();
  const m = t.messageLinkPreviews;
  const which = and(eq(m.messageId, messageId), eq(m.urlHash, hash));
  const [linked] = await db.select({ removed: m.removed }).from(m).where(which);
  if (!linked) return false;
  if (!linked.removed) await db.update(m).set({ removed: true, updatedAt: new Date() }).where(which);
  return true;
}

/**
 * A card's picture, fetched again through the same guards as the page (nothing is stored):
 * for a reader of the channel, and only if a message there shows that card.
 */
export async function previewImage(userId: string, channelId: string, hash: string): Promise<{ mime: string; bytes: Buffer }> {
  const missing = () => new AppError("not_found", "No such picture");
  if (!previewsEnabled()) throw missing();
  await requireChannelAccess(userId, channelId);
  const { db, t } = await getDatabase();
  const m = t.messageLinkPreviews;
  const [shown] = await db
    .select({ messageId: m.messageId })
    .from(m)
    .where(and(eq(m.channelId, channelId), eq(m.urlHash, hash), eq(m.removed, false)))
    .limit(1);
  const row = shown && (await readCached(hash));
  if (!row?.imageUrl || row.status !== "ok") throw missing();
  try {
    return await limited(() => fetchImage(row.imageUrl!, fetchPolicy()));
  } catch (err) {
    if (err instanceof PreviewRefused) throw new AppError("not_found", "That picture could not be fetched");
    throw err;
  }
}
