import "server-only";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { and, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { Attachment } from "@/lib/realtime/contract";
import { getConfig } from "../config";
import { getDatabase } from "../database";
import { processImage, stripImageMetadata } from "../files/images";
import { sanitizeFileName, withExtension } from "../files/names";
import { SNIFF_HEAD_BYTES, sniffFile, type ImageType, type Sniffed } from "../files/sniff";
import type { FileStorage } from "../files/storage";
import { storageFor } from "../files/stores";
import { newId } from "../ids";
import { getMessageStore } from "../messages";
import { attachmentColumns, linkAttachments } from "../messages/attachments";
import { memoryRateLimiter, type RateLimiter } from "../rate-limit";
import { requireChannelAccess } from "./access";
import { requireQuotaFor } from "./quota";

/**
 * Files sent in chat, before and after their message (db/schema `attachments`). An upload goes
 * into one channel the uploader may read, streamed to storage and checked by its content; an
 * image is re-encoded without its metadata (EXIF, GPS) and gets a display copy and a thumbnail.
 * Only people who may read the channel fetch it; until a message carries it, only its uploader.
 */

export type AttachmentKind = Attachment["kind"];
export type AttachmentVariant = "original" | "display" | "thumb";

/** What a client is told about an attachment (the contract's `Attachment`). */
export type AttachmentView = Attachment;

const registry = globalThis as unknown as { __moimAttachmentLimiter?: RateLimiter };

/** Chat files: in the S3-compatible bucket when one is configured, else under DATA_DIR/files. */
export const fileStorage = (): FileStorage => storageFor("files");

/** Tests swap in a limiter with their own clock; unset, the default per-node bucket returns. */
export function setAttachmentLimiter(limiter: RateLimiter | undefined): void {
  registry.__moimAttachmentLimiter = limiter;
}

function takeAttachmentToken(userId: string): Promise<boolean> {
  registry.__moimAttachmentLimiter ??= memoryRateLimiter(LIMITS.attachmentsPerMinute, LIMITS.attachmentsPerMinute / 60);
  return registry.__moimAttachmentLimiter.take(`attachment:${userId}`);
}

const MB = 1024 * 1024;

/** Where a chat file's copies are stored: the original, and for a photo its display copy and thumbnail. */
function storedKeys(id: string): Record<AttachmentVariant, string> {
  return { original: id, display: `${id}.display`, thumb: `${id}.thumb` };
}

/** The most a file of each kind may be; the largest is what a stream of unknown kind may reach. */
function maxBytesOf(kind: AttachmentKind): number {
  return getConfig().abuse.attachmentMaxMb[kind] * MB;
}
const LARGEST = () => Math.max(maxBytesOf("image"), maxBytesOf("video"), maxBytesOf("file"));

/** Before the type is known: the most any file may be. */
function largestSays(): string {
  return `Nothing larger than ${LARGEST() / MB} MB can be sent`;
}

function tooLarge(kind: AttachmentKind): string {
  return `${kind === "image" ? "Photos" : kind === "video" ? "Videos" : "Files"} take at most ${getConfig().abuse.attachmentMaxMb[kind]} MB`;
}

/** The file name a request declares, percent-encoded in `x-file-name` (headers are Latin-1). */
function declaredName(req: Request): string {
  const raw = req.headers.get("x-file-name") ?? "";
  if (raw.length > 1024) throw new AppError("validation", "x-file-name: at most 1024 characters");
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError("validation", "x-file-name: not percent-encoded UTF-8");
  }
}

/**
 * POST /api/channels/{channelId}/attachments, the file's bytes as the body. What costs nothing
 * is checked first (the rate limit, the declared length, the name), then access and the quota,
 * all before a byte of the body is read; then the body streams to storage, refused by its first
 * bytes if its type is not allowed and as soon as it passes its kind's limit.
 */
export async function receiveAttachment(ownerId: string, channelId: string, req: Request): Promise<{ attachment: AttachmentView }> {
  try {
    return await receive(ownerId, channelId, req);
  } catch (err) {
    // The image checks and the storage speak of uploads; a chat file's refusal says it is one.
    if (err instanceof AppError && err.code === "upload_too_large") throw new AppError("attachment_too_large", err.message);
    if (err instanceof AppError && err.code === "upload_type") throw new AppError("attachment_type", err.message);
    throw err;
  }
}

async function receive(ownerId: string, channelId: string, req: Request): Promise<{ attachment: AttachmentView }> {
  if (!(await takeAttachmentToken(ownerId))) throw new AppError("rate_limited", "Too many files; wait a minute");
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (!Number.isFinite(declared) || declared < 0) throw new AppError("validation", "content-length: not a size");
  if (declared > LARGEST()) throw new AppError("upload_too_large", largestSays());
  const name = sanitizeFileName(declaredName(req));
  await requireChannelAccess(ownerId, channelId);
  await requireQuotaFor(ownerId, Math.max(1, declared));
  if (!req.body) throw new AppError("validation", "The file is empty");

  const id = newId();
  const storage = fileStorage();
  let sniffed: Sniffed | null = null;
  const { bytes } = await storage.put(id, req.body as unknown as AsyncIterable<Uint8Array>, {
    maxBytes: LARGEST(),
    tooLarge: largestSays(),
    headBytes: SNIFF_HEAD_BYTES,
    inspect(head) {
      if (head.byteLength === 0) throw new AppError("validation", "The file is empty");
      sniffed = sniffFile(head, name);
      if (!sniffed) throw new AppError("upload_type", "That kind of file cannot be sent");
      return { maxBytes: maxBytesOf(sniffed.kind), tooLarge: tooLarge(sniffed.kind) };
    },
  });
  const type = sniffed as Sniffed | null;
  const keys = [id];
  try {
    if (!type || bytes === 0) throw new AppError("validation", "The file is empty");
    let width: number | null = null;
    let height: number | null = null;
    let storedBytes = bytes;
    if (type.kind === "image") {
      // Read back through the storage (≤ the photo limit, so in memory is fine): sharp needs it whole.
      const original = await buffer((await storage.get(id)).stream);
      const image = await processImage(original, type.mime as ImageType);
      ({ width, height } = image);
      const clean = await stripImageMetadata(original, type.mime as ImageType);
      await storage.put(id, Readable.from([clean]), { maxBytes: Number.MAX_SAFE_INTEGER });
      for (const [variant, copy] of [
        ["display", image.display.bytes],
        ["thumb", image.thumb.bytes],
      ] as const) {
        keys.push(storedKeys(id)[variant]);
        await storage.put(storedKeys(id)[variant], Readable.from([copy]), { maxBytes: Number.MAX_SAFE_INTEGER });
      }
      storedBytes = clean.byteLength + image.display.bytes.byteLength + image.thumb.bytes.byteLength;
    }
    await requireQuotaFor(ownerId, storedBytes);
    const attachment: AttachmentView = { id, kind: type.kind, name: withExtension(name, type.ext), mime: type.mime, bytes, width, height };
    const { db, t } = await getDatabase();
    await db.insert(t.attachments).values({
      id,
      channelId,
      ownerId,
      kind: attachment.kind,
      name: attachment.name,
      mime: attachment.mime,
      bytes,
      storedBytes,
      width,
      height,
      createdAt: new Date(),
    });
    return { attachment };
  } catch (err) {
    for (const key of keys) await storage.remove(key);
    throw err;
  }
}

/**
 * An attachment's bytes for one viewer: only while it stands (not deleted), to its uploader
 * before a message carries it, and then to whoever may read its channel (`forbidden`
 * otherwise, so a link shared out of a private channel says what is wrong).
 */
export async function openAttachment(
  viewerId: string,
  id: string,
  variant: AttachmentVariant,
): Promise<{ attachment: AttachmentView; mime: string; inline: boolean; size: number; open(range?: { start: number; end: number }): Promise<Readable> }> {
  const { db, t } = await getDatabase();
  const a = t.attachments;
  const [row] = await db
    .select({ ...attachmentColumns(a), channelId: a.channelId, ownerId: a.ownerId, messageId: a.messageId })
    .from(a)
    .where(and(eq(a.id, id), isNull(a.deletedAt)))
    .limit(1);
  if (!row) throw new AppError("not_found", "No such file");
  if (row.messageId === null) {
    if (row.ownerId !== viewerId) throw new AppError("not_found", "No such file");
  } else {
    await requireChannelAccess(viewerId, row.channelId); // forbidden: a link shared out of a channel says what is wrong
  }
  const copy = row.kind === "image" && variant !== "original";
  const key = storedKeys(row.id)[copy ? variant : "original"];
  const storage = fileStorage();
  const size = await storage.size(key);
  if (size === null) throw new AppError("not_found", "No such file");
  const { ownerId: _owner, channelId: _channel, messageId: _message, ...attachment } = row;
  return {
    attachment,
    mime: copy ? "image/webp" : row.mime,
    // Photos and videos of the allowed types show in place; everything else downloads.
    inline: row.kind !== "file",
    size,
    open: async (range) => (await storage.get(key, range)).stream,
  };
}

const SWEEP_BATCH = 200;

/**
 * Removes chat files nobody can see any more, the row first (so it stops counting and being
 * served), then its stored copies: those of deleted messages, of deleted channels, those never
 * sent within LIMITS.uploadGraceMs, and those claimed by a send that never got stored in that
 * time. A claimed file whose message was stored but not linked (a crash between the two) is
 * linked instead. Several nodes may sweep at once: each step is safe to repeat.
 */
export async function sweepAttachments(now: Date = new Date()): Promise<{ removed: number; linked: number }> {
  const cutoff = new Date(now.getTime() - LIMITS.uploadGraceMs);
  const { db, t, dialect } = await getDatabase();
  const a = t.attachments;
  const store = await getMessageStore();
  let removed = 0;
  let linked = 0;
  const remove = async (ids: string[]) => {
    if (ids.length === 0) return;
    removed += dialect.affectedRows(await db.delete(a).where(inArray(a.id, ids)));
    await db.delete(t.spaceMaterials).where(inArray(t.spaceMaterials.attachmentId, ids)); // their pins go with them
    for (const id of ids) for (const key of Object.values(storedKeys(id))) await fileStorage().remove(key);
  };
  for (;;) {
    const gone = await db
      .select({ id: a.id })
      .from(a)
      .leftJoin(t.channels, eq(t.channels.id, a.channelId))
      .where(or(isNotNull(a.deletedAt), isNull(t.channels.id), and(isNull(a.clientId), lt(a.createdAt, cutoff))))
      .limit(SWEEP_BATCH);
    await remove(gone.map((r) => r.id));
    if (gone.length < SWEEP_BATCH) break;
  }
  const unlinked = await db
    .select({ id: a.id, channelId: a.channelId, ownerId: a.ownerId, clientId: a.clientId })
    .from(a)
    .where(and(isNotNull(a.clientId), isNull(a.messageId), lt(a.createdAt, cutoff)))
    .limit(SWEEP_BATCH * 10);
  for (const row of unlinked) {
    const message = await store.findByClientId(row.channelId, row.ownerId, row.clientId!);
    if (message && !message.deletedAt) {
      await linkAttachments(row.channelId, row.ownerId, row.clientId!, message);
      linked++;
    } else await remove([row.id]);
  }
  return { removed, linked };
}
