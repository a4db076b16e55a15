import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDiskStorage, type FileStorage } from "@/server/files/storage";

/** A source that yields `total` bytes of `fill` in chunks, as a request body does. */
async function* bytes(total: number, chunk = 64 * 1024, fill = 0x61): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += chunk) yield new Uint8Array(Math.min(chunk, total - sent)).fill(fill);
}

describe("local disk storage", () => {
  let root: string;
  let storage: FileStorage;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "moim-storage-"));
    storage = localDiskStorage(path.join(root, "files"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
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
    expect((await readdir(path.join(root, "files"))).filter((f) => f.startsWith("big"))).toEqual([]);
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
