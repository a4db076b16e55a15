import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { s3Storage } from "@/server/files/s3-storage";
import { localDiskStorage, type FileStorage } from "@/server/files/storage";

/** A source that yields `total` bytes of `fill` in chunks, as a request body does. */
async function* bytes(total: number, chunk = 64 * 1024, fill = 0x61): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += chunk) yield new Uint8Array(Math.min(chunk, total - sent)).fill(fill);
}

/** A store under test and how to list every object it holds (partial ones included). */
interface Backend {
  storage: FileStorage;
  leftovers(): Promise<string[]>;
  close(): Promise<void>;
}

async function localDisk(): Promise<Backend> {
  const root = await mkdtemp(path.join(tmpdir(), "moim-storage-"));
  await mkdir(path.join(root, "files"), { recursive: true });
  return {
    storage: localDiskStorage(path.join(root, "files")),
    leftovers: () => readdir(path.join(root, "files")),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * A real S3-compatible server from npm (s3rver: S3's REST API over a directory), spoken to by the
 * AWS SDK exactly as a bucket would be — no stand-in for the client side.
 */
async function s3Bucket(): Promise<Backend> {
  const root = await mkdtemp(path.join(tmpdir(), "moim-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: root, configureBuckets: [{ name: "moim-test", configs: [] }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  return {
    storage: s3Storage({ bucket: "moim-test", region: "us-east-1", endpoint, forcePathStyle: true, prefix: "chat/", credentials }),
    async leftovers() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: "moim-test" }));
      return (listed.Contents ?? []).map((o) => o.Key!.replace(/^chat\//, ""));
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

describe.each([
  ["local disk", localDisk],
  ["an S3-compatible bucket", s3Bucket],
] as const)("file storage on %s", (_name, open) => {
  let backend: Backend;
  let storage: FileStorage;
  beforeAll(async () => {
    backend = await open();
    storage = backend.storage;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("stores a stream under its key, and gives it back whole or by byte range", async () => {
    const put = await storage.put("a1", (async function* () {
      yield new TextEncoder().encode("안녕 ");
      yield new TextEncoder().encode("moim");
    })(), { maxBytes: 100 });
    expect(put.bytes).toBe(11);
    expect(await storage.size("a1")).toBe(11);
    const whole = await storage.get("a1");
    expect(whole.size).toBe(11);
    expect(await text(whole.stream)).toBe("안녕 moim");
    expect(await text((await storage.get("a1", { start: 7, end: 10 })).stream)).toBe("moim");
  });

  it("refuses a stream past its limit part way, stores nothing and leaves no partial file", async () => {
    await expect(storage.put("big", bytes(1_000_000), { maxBytes: 300_000, tooLarge: "Videos take at most 0.3 MB" })).rejects.toMatchObject({
      code: "upload_too_large",
      message: "Videos take at most 0.3 MB",
    });
    expect(await storage.size("big")).toBeNull();
    expect((await backend.leftovers()).filter((f) => f.startsWith("big"))).toEqual([]);
  });

  it("shows the head to inspect before accepting the rest; a refusal stores nothing", async () => {
    const seen: number[] = [];
    await storage.put("ok", bytes(200_000, 1000, 0x62), { maxBytes: 1_000_000, headBytes: 4100, inspect: (head) => void seen.push(head.byteLength) });
    expect(seen).toEqual([5000]); // whole chunks until the head is full
    expect(await storage.size("ok")).toBe(200_000);
    const small: number[] = [];
    await storage.put("small", bytes(10), { maxBytes: 100, headBytes: 4100, inspect: (head) => void small.push(head.byteLength) });
    expect(small).toEqual([10]);
    await expect(
      storage.put("refused", bytes(50_000), {
        maxBytes: 1_000_000,
        headBytes: 16,
        inspect: () => {
          throw new Error("not an allowed type");
        },
      }),
    ).rejects.toThrow("not an allowed type");
    expect(await storage.size("refused")).toBeNull();
    // Knowing the type, inspect lowers the limit: a file of that type past it is refused.
    await expect(
      storage.put("tightened", bytes(50_000), { maxBytes: 1_000_000, headBytes: 16, inspect: () => ({ maxBytes: 20_000, tooLarge: "Files take at most 20 kB" }) }),
    ).rejects.toThrow("Files take at most 20 kB");
    expect(await storage.size("tightened")).toBeNull();
  });

  it("takes only keys the server makes (no paths, no dots), and removing a missing file is fine", async () => {
    for (const key of ["../escape", "a/b", "", ".hidden", "a..b"]) await expect(storage.put(key, bytes(1), { maxBytes: 10 })).rejects.toThrow("not a storage key");
    await storage.remove("never-stored");
    await storage.remove("a1");
    expect(await storage.size("a1")).toBeNull();
  });
});

describe.each([
  ["local disk", localDisk],
  ["an S3-compatible bucket", s3Bucket],
] as const)("large files on %s", (_name, open) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("streams a file of several upload parts in, and reads a range from its middle", async () => {
    const total = 12 * 1024 * 1024 + 123;
    expect((await backend.storage.put("video", bytes(total, 64 * 1024, 0x63), { maxBytes: 20 * 1024 * 1024 })).bytes).toBe(total);
    expect(await backend.storage.size("video")).toBe(total);
    const mid = await backend.storage.get("video", { start: 6 * 1024 * 1024, end: 6 * 1024 * 1024 + 9 });
    expect(mid.size).toBe(total);
    expect(await text(mid.stream)).toBe("cccccccccc");
  });

  it("refuses a file past its limit after whole parts were sent, and leaves nothing behind", async () => {
    await expect(backend.storage.put("toolong", bytes(16 * 1024 * 1024), { maxBytes: 11 * 1024 * 1024 })).rejects.toMatchObject({ code: "upload_too_large" });
    expect(await backend.storage.size("toolong")).toBeNull();
    expect((await backend.leftovers()).filter((f) => f.startsWith("toolong"))).toEqual([]);
  });
});
