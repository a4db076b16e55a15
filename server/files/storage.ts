import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";

/**
 * Where stored files live: one interface, so the local disk (the default, under DATA_DIR) and an
 * S3-compatible bucket can both serve it. Keys are chosen by the server (ids, never user input).
 * Files are streamed in and out: a 100 MB video is never held in memory whole.
 */
export interface FileStorage {
  /**
   * Stores `source` under `key`, refusing it (and storing nothing) once it passes `maxBytes`.
   * `inspect` sees the first `headBytes` of the file before the rest is accepted, and may throw
   * to refuse it (a type check by content). The file appears under `key` only whole.
   */
  put(key: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: PutOptions): Promise<{ bytes: number }>;
  /** The stored bytes, whole or a byte range (inclusive `end`, as in HTTP). */
  get(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }>;
  /** The file's size, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Removes the file; a missing one is not an error. */
  remove(key: string): Promise<void>;
}

export interface PutOptions {
  maxBytes: number;
  /** What to say when the file is too large (the limit depends on the kind of file). */
  tooLarge?: string;
  headBytes?: number;
  /** May throw to refuse the file, or lower the limit now that it knows what the file is. */
  inspect?(head: Uint8Array): void | { maxBytes: number; tooLarge?: string };
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`not a storage key: ${key}`);
  return key;
}

/**
 * Counts bytes as they pass, refuses the stream past `maxBytes`, and hands the first
 * `headBytes` to `inspect` before letting them through.
 */
export function limited(options: PutOptions): { transform: Transform; bytes: () => number } {
  const headBytes = options.headBytes ?? 0;
  let { maxBytes, tooLarge } = options;
  let total = 0;
  let head: Buffer[] | null = headBytes > 0 ? [] : null;
  let headSize = 0;
  const releaseHead = (self: Transform) => {
    if (!head) return;
    const bytes = Buffer.concat(head);
    head = null;
    const tightened = options.inspect?.(bytes);
    if (tightened) ({ maxBytes, tooLarge } = tightened);
    if (total > maxBytes) throw new AppError("upload_too_large", tooLarge ?? "The file is too large");
    self.push(bytes);
  };
  const transform = new Transform({
    transform(this: Transform, chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      total += chunk.byteLength;
      if (total > maxBytes) return done(new AppError("upload_too_large", tooLarge ?? "The file is too large"));
      try {
        if (head) {
          head.push(chunk);
          headSize += chunk.byteLength;
          if (headSize >= headBytes) releaseHead(this);
          return done();
        }
        done(null, chunk);
      } catch (err) {
        done(err as Error);
      }
    },
    flush(this: Transform, done: TransformCallback) {
      try {
        releaseHead(this);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  return { transform, bytes: () => total };
}

/** Files on the local disk, one per key under `root`; a partial write never shows under its key. */
export function localDiskStorage(root: string): FileStorage {
  const fileOf = (key: string) => path.join(root, checkKey(key));
  let made: Promise<unknown> | null = null;
  const ready = () => (made ??= mkdir(root, { recursive: true }));
  return {
    async put(key, source, options) {
      await ready();
      const file = fileOf(key);
      const partial = `${file}.${process.pid}.${Date.now().toString(36)}.part`;
      const { transform, bytes } = limited(options);
      try {
        await pipeline(source, transform, createWriteStream(partial, { flags: "wx" }));
        await rename(partial, file);
      } catch (err) {
        await unlink(partial).catch(() => undefined);
        throw err;
      }
      return { bytes: bytes() };
    },
    async get(key, range) {
      const file = fileOf(key);
      const size = (await stat(file)).size;
      return { stream: createReadStream(file, range ? { start: range.start, end: range.end } : {}), size };
    },
    async size(key) {
      try {
        return (await stat(fileOf(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async remove(key) {
      try {
        await unlink(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    },
  };
}
