import "server-only";
import { areaLog } from "../ops/logger";
import { buffer } from "node:stream/consumers";
import { and, asc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { uploadUrl } from "@/lib/schemas";
import { verifyImage } from "../files/image-header";
import { storageFor } from "../files/stores";
import { sweepAttachments } from "./attachments";
import { requireQuotaFor } from "./quota";
import { newId } from "../ids";
import { memoryRateLimiter, type RateLimiter } from "../rate-limit";

// The header check moved to server/files with the chat attachments that share it.
export { verifyImage, type VerifiedImage } from "../files/image-header";

/** Pictures of profiles, spaces and groups: DATA_DIR/uploads, or the bucket's uploads/. */
const uploadStorage = () => storageFor("uploads");

const registry = globalThis as unknown as {
  __moimUploadLimiter?: RateLimiter;
  __moimUploadStores?: Map<string, Promise<unknown>>;
};

/** Tests swap in a limiter with their own clock; unset, the default per-node bucket returns. */
export function setUploadLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimUploadLimiter = limiter;
}

function takeUploadToken(userId: string): Promise<boolean> {
  registry.__moimUploadLimiter ??= memoryRateLimiter(LIMITS.uploadsPerMinute, LIMITS.uploadsPerMinute / 60);
  return registry.__moimUploadLimiter.take(`upload:${userId}`);
}

/**
 * One store at a time per user on this node: two parallel uploads cannot both pass the quota
 * check for the same last megabytes. (Across nodes the quota can be overshot by one upload per
 * node at most.)
 */
async function oneStoreAtATime<T>(ownerId: string, run: () => Promise<T>): Promise<T> {
  const stores = (registry.__moimUploadStores ??= new Map());
  const current = (stores.get(ownerId) ?? Promise.resolve()).then(run);
  const settled = current.then(
    () => undefined,
    () => undefined,
  );
  stores.set(ownerId, settled);
  try {
    return await current;
  } finally {
    if (stores.get(ownerId) === settled) stores.delete(ownerId);
  }
}

/** Writes verified bytes under the owner's quota: the file first, then the row that makes it count. */
async function storeUpload(ownerId: string, bytes: Uint8Array, mime: string): Promise<{ id: string; url: string }> {
  return oneStoreAtATime(ownerId, async () => {
    await requireQuotaFor(ownerId, bytes.byteLength);
    const id = newId();
    await uploadStorage().put(id, [bytes], { maxBytes: LIMITS.uploadMaxBytes });
    try {
      const { db, t } = await getDatabase();
      await db.insert(t.uploads).values({ id, ownerId, mime, bytes: bytes.byteLength, createdAt: new Date() });
    } catch (err) {
      await removeFile(id);
      throw err;
    }
    return { id, url: uploadUrl(id) };
  });
}

/**
 * Stores an image a user uploaded (an avatar, a background, a space icon, a group photo) and
 * returns the URL to put in that field. The original bytes are kept as sent. Too large, not an
 * image, too many pixels or over the quota: a typed error, nothing stored.
 */
export async function saveImage(ownerId: string, bytes: Uint8Array): Promise<{ id: string; url: string }> {
  if (bytes.byteLength === 0) throw new AppError("validation", "The file is empty");
  if (bytes.byteLength > LIMITS.uploadMaxBytes) throw new AppError("upload_too_large", "The image is too large");
  const { mime } = await verifyImage(bytes);
  return storeUpload(ownerId, bytes, mime);
}

/**
 * POST /api/uploads. What costs nothing is checked first: the rate limit, the declared length,
 * then the quota against that length, all before a byte of the body is read.
 */
export async function receiveImage(ownerId: string, req: Request): Promise<{ id: string; url: string }> {
  if (!(await takeUploadToken(ownerId))) throw new AppError("rate_limited", "Too many uploads; wait a minute");
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > LIMITS.uploadMaxBytes) throw new AppError("upload_too_large", "The image is too large");
  await requireQuotaFor(ownerId, Math.max(1, declared));
  return saveImage(ownerId, await readUploadBody(req));
}

/** Reads a request body of at most LIMITS.uploadMaxBytes without buffering more than that. */
export async function readUploadBody(req: Request): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? 0) > LIMITS.uploadMaxBytes)
    throw new AppError("upload_too_large", "The image is too large");
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > LIMITS.uploadMaxBytes) throw new AppError("upload_too_large", "The image is too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readImage(id: string): Promise<{ mime: string; bytes: Buffer }> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ mime: t.uploads.mime }).from(t.uploads).where(eq(t.uploads.id, id)).limit(1);
  if (!row) throw new AppError("not_found", "No such file");
  return { mime: row.mime, bytes: await buffer((await uploadStorage().get(id)).stream) };
}

/** Image fields take only pictures the user uploaded themselves (not someone else's, not made-up ids). */
export async function requireOwnUploads(userId: string, urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  const ids = urls.map(uploadIdOf);
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.uploads.id })
    .from(t.uploads)
    .where(and(inArray(t.uploads.id, ids), eq(t.uploads.ownerId, userId)));
  if (new Set(rows.map((r) => r.id)).size !== new Set(ids).size) throw new AppError("validation", "Upload the image first");
}

export function uploadIdOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

const SWEEP_BATCH = 500;

/** Which of these upload URLs some row still shows. Every column that can hold one is listed here. */
async function referencedUrls(urls: string[]): Promise<Set<string>> {
  const { db, t } = await getDatabase();
  const found = await Promise.all([
    db.select({ url: t.users.image }).from(t.users).where(inArray(t.users.image, urls)),
    db.select({ url: t.users.backgroundImage }).from(t.users).where(inArray(t.users.backgroundImage, urls)),
    db.select({ url: t.spaces.icon }).from(t.spaces).where(inArray(t.spaces.icon, urls)),
    db.select({ url: t.channels.image }).from(t.channels).where(inArray(t.channels.image, urls)),
  ]);
  return new Set(found.flat().map((r) => r.url ?? ""));
}

/**
 * Removes uploads older than LIMITS.uploadGraceMs that no profile, space or group shows: the
 * row first (so the file stops counting and being served), then the file. Several nodes may
 * sweep at once: deleting a row twice deletes nothing, and a file already gone is fine.
 */
export async function sweepUnreferencedUploads(now: Date = new Date()): Promise<{ removed: number }> {
  const cutoff = new Date(now.getTime() - LIMITS.uploadGraceMs);
  const { db, t, dialect } = await getDatabase();
  let removed = 0;
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const batch = await db
      .select({ id: t.uploads.id, createdAt: t.uploads.createdAt })
      .from(t.uploads)
      .where(
        and(
          lt(t.uploads.createdAt, cutoff),
          after && or(gt(t.uploads.createdAt, after.createdAt), and(eq(t.uploads.createdAt, after.createdAt), gt(t.uploads.id, after.id))),
        ),
      )
      .orderBy(asc(t.uploads.createdAt), asc(t.uploads.id))
      .limit(SWEEP_BATCH);
    if (batch.length === 0) break;
    const referenced = await referencedUrls(batch.map((r) => uploadUrl(r.id)));
    const unreferenced = batch.map((r) => r.id).filter((id) => !referenced.has(uploadUrl(id)));
    if (unreferenced.length > 0) {
      removed += dialect.affectedRows(await db.delete(t.uploads).where(inArray(t.uploads.id, unreferenced)));
      for (const id of unreferenced) await removeFile(id);
    }
    if (batch.length < SWEEP_BATCH) break;
    after = batch[batch.length - 1];
  }
  return { removed };
}

const removeFile = (id: string): Promise<void> => uploadStorage().remove(id);

/**
 * Each node sweeps once at start (a node restarted more often than the interval still sweeps)
 * and then on a timer that does not keep the process alive; a failed sweep waits for the next.
 */
export function startUploadSweeper(): () => void {
  const sweep = () => {
    void sweepUnreferencedUploads().catch((err: unknown) => areaLog("uploads").error({ err }, "sweep failed"));
    void sweepAttachments().catch((err: unknown) => areaLog("uploads").error({ err }, "chat file sweep failed"));
  };
  sweep();
  const timer = setInterval(sweep, LIMITS.uploadSweepEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
