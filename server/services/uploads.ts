import "server-only";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { uploadUrl } from "@/lib/schemas";
import { getConfig } from "../config";
import { newId } from "../ids";

/** What the first bytes of a file say it is; the client's Content-Type is not trusted. */
function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP") return "image/webp";
  return null;
}

function uploadsDir(): string {
  return path.join(getConfig().dataDir, "uploads");
}

/**
 * Stores an image a user uploaded (an avatar, a background, a space icon, a group photo) and
 * returns the URL to put in that field. Too large or not an image: a typed error, nothing stored.
 */
export async function saveImage(ownerId: string, bytes: Uint8Array): Promise<{ id: string; url: string }> {
  if (bytes.byteLength === 0) throw new AppError("validation", "The file is empty");
  if (bytes.byteLength > LIMITS.uploadMaxBytes) throw new AppError("upload_too_large", "The image is too large");
  const mime = sniffImageType(bytes);
  if (!mime) throw new AppError("upload_type", "Only PNG, JPEG, GIF and WebP images can be uploaded");
  const id = newId();
  await mkdir(uploadsDir(), { recursive: true });
  await writeFile(path.join(uploadsDir(), id), bytes);
  const { db, t } = await getDatabase();
  await db.insert(t.uploads).values({ id, ownerId, mime, bytes: bytes.byteLength, createdAt: new Date() });
  return { id, url: uploadUrl(id) };
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
  return { mime: row.mime, bytes: await readFile(path.join(uploadsDir(), id)) };
}

/** Image fields take only pictures the user uploaded themselves (not someone else's, not made-up ids). */
export async function requireOwnUploads(userId: string, urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  const ids = urls.map((url) => url.slice(url.lastIndexOf("/") + 1));
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.uploads.id })
    .from(t.uploads)
    .where(and(inArray(t.uploads.id, ids), eq(t.uploads.ownerId, userId)));
  if (new Set(rows.map((r) => r.id)).size !== new Set(ids).size) throw new AppError("validation", "Upload the image first");
}
