import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { LIMITS } from "@/lib/limits";
import { getConfig } from "@/server/config";
import { memoryRateLimiter } from "@/server/rate-limit";
import { createGroup } from "@/server/services/groups";
import { acceptFriendRequest, sendFriendRequest } from "@/server/services/friends";
import { updateProfile } from "@/server/services/profiles";
import { createSpace } from "@/server/services/spaces";
import { readImage, receiveImage, saveImage, setUploadLimiter, sweepUnreferencedUploads } from "@/server/services/uploads";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { gifDeclaring, jpegDeclaring, noisePng, realImages } from "./helpers/images";
import { pngDeclaring, solidPng } from "./helpers/png";

// Uploads go under DATA_DIR: a temporary one for this file. A 1 MiB quota, so a few
// incompressible PNGs reach it.
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "moim-uploads-"));
process.env.UPLOAD_QUOTA_MB = "1";

const uploadsDir = () => path.join(getConfig().dataDir, "uploads");
const storedFiles = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()).length : 0);
const fileOf = (id: string) => path.join(uploadsDir(), id);
const afterGrace = (extraMs = 60_000) => new Date(Date.now() + LIMITS.uploadGraceMs + extraMs);

let n = 0;
const person = (name = "Uploader") => signUp({ email: `up${++n}@example.test`, password: "upload-pass-1", name });

/** An upload as a browser sends it; `pulled` tells whether anyone read its body. */
function uploadRequest(bytes: Uint8Array) {
  const state = { pulled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 }, // pulled only when someone reads
  );
  const req = new Request("http://moim.test/api/uploads", {
    method: "POST",
    headers: { "content-type": "image/png", "content-length": String(bytes.byteLength) },
    body,
    duplex: "half",
  } as RequestInit);
  return { req, state };
}

describe.each(dialects)("image uploads on %s", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ database, drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());
  afterEach(() => setUploadLimiter(undefined));

  /** Makes an upload look as old as `ageMs` (the sweep goes by the row's time). */
  async function age(ids: string[], ageMs: number) {
    const { db, t } = database;
    await db
      .update(t.uploads)
      .set({ createdAt: new Date(Date.now() - ageMs) })
      .where(inArray(t.uploads.id, ids));
  }
  const rowExists = async (id: string) => {
    const { db, t } = database;
    return (await db.select({ id: t.uploads.id }).from(t.uploads).where(eq(t.uploads.id, id))).length === 1;
  };

  it("accepts real PNG, JPEG, GIF, animated GIF, WebP and animated WebP files and keeps their bytes as sent", async () => {
    const owner = await person();
    const images = await realImages();
    const expected = {
      png: "image/png",
      jpeg: "image/jpeg",
      gif: "image/gif",
      animatedGif: "image/gif",
      webp: "image/webp",
      animatedWebp: "image/webp",
    };
    for (const [kind, bytes] of Object.entries(images)) {
      const { id } = await saveImage(owner.id, bytes);
      const stored = await readImage(id);
      expect(stored.mime, kind).toBe(expected[kind as keyof typeof expected]);
      expect(Buffer.compare(stored.bytes, bytes), kind).toBe(0);
    }
  });

  it("refuses images that declare more pixels than the limit at their header, without decoding them", async () => {
    const owner = await person();
    const { jpeg, animatedGif } = await realImages();
    const before = storedFiles();
    const rssBefore = process.memoryUsage().rss;
    // 50,000 × 50,000 would be 7.5 GB of RGB once decoded; the file is under 100 bytes.
    await expect(saveImage(owner.id, pngDeclaring(50_000, 50_000))).rejects.toMatchObject({ code: "upload_dimensions" });
    await expect(saveImage(owner.id, jpegDeclaring(jpeg, 65_000, 65_000))).rejects.toMatchObject({ code: "upload_dimensions" });
    // 4000 × 4000 is under the limit for one frame; three frames of it are not.
    expect(4000 * 4000).toBeLessThan(LIMITS.uploadMaxPixels);
    await expect(saveImage(owner.id, gifDeclaring(animatedGif, 4000, 4000))).rejects.toMatchObject({ code: "upload_dimensions" });
    // Decoding any of them would have taken hundreds of megabytes at least.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    expect(storedFiles()).toBe(before);
  });

  it("refuses a file that starts with an image signature and goes on as HTML, or whose header is cut off or garbage", async () => {
    const owner = await person();
    const html = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>");
    const { png, jpeg, gif, webp } = await realImages();
    const disguised = [
      Buffer.concat([png.subarray(0, 8), html]), // PNG signature
      Buffer.concat([png.subarray(0, 33), html]), // PNG signature and a whole IHDR, then no image data
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), html]), // JPEG start-of-image
      Buffer.concat([jpeg.subarray(0, 200), html]), // a real JPEG's first markers
      Buffer.concat([Buffer.from("GIF89a"), html]),
      Buffer.concat([gif.subarray(0, 13), html]), // GIF header and screen descriptor
      Buffer.concat([webp.subarray(0, 12), html]), // RIFF....WEBP
      png.subarray(0, 40), // truncated
      Buffer.concat([png.subarray(0, 8), Buffer.alloc(64, 0xa5)]), // garbage after the signature
    ];
    const before = storedFiles();
    for (const [i, bytes] of disguised.entries())
      await expect(saveImage(owner.id, bytes), `file ${i}`).rejects.toMatchObject({ code: "upload_type" });
    expect(storedFiles()).toBe(before);
  });

  it("refuses the upload that would cross the user's quota, and accepts again once a sweep removed unreferenced ones", async () => {
    const owner = await person();
    const quota = getConfig().abuse.uploadQuotaBytes;
    const big = await noisePng(256, 256); // about 197 KB each
    const fits = Math.floor(quota / big.byteLength);
    const kept: string[] = [];
    for (let i = 0; i < fits; i++) kept.push((await saveImage(owner.id, big)).id);
    const before = storedFiles();
    await expect(saveImage(owner.id, big)).rejects.toMatchObject({ code: "upload_quota" });
    expect(storedFiles()).toBe(before);
    // The quota is one user's: someone else still uploads.
    await saveImage((await person()).id, big);

    // The one in use stays and keeps counting; the others are unreferenced and old after the grace period.
    await updateProfile(owner.id, { image: `/api/files/${kept[0]}` });
    const { removed } = await sweepUnreferencedUploads(afterGrace());
    expect(removed).toBeGreaterThanOrEqual(fits - 1);
    for (const id of kept.slice(1)) expect(existsSync(fileOf(id))).toBe(false);
    for (let i = 1; i < fits; i++) await saveImage(owner.id, big);
    await expect(saveImage(owner.id, big)).rejects.toMatchObject({ code: "upload_quota" });
  });

  it("lets only one of two parallel uploads take the quota's last room", async () => {
    const owner = await person();
    const quota = getConfig().abuse.uploadQuotaBytes;
    const half = await noisePng(300, 300); // about 270 KB: three fit in 1 MiB, not four
    const fits = Math.floor(quota / half.byteLength);
    for (let i = 0; i < fits - 1; i++) await saveImage(owner.id, half);
    const results = await Promise.allSettled([saveImage(owner.id, half), saveImage(owner.id, half)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "upload_quota" } });
  });

  it("refuses the quota's overflow from its declared length before reading the body", async () => {
    const owner = await person();
    const big = await noisePng(256, 256);
    const fits = Math.floor(getConfig().abuse.uploadQuotaBytes / big.byteLength);
    for (let i = 0; i < fits; i++) await saveImage(owner.id, big);
    const { req, state } = uploadRequest(big);
    await expect(receiveImage(owner.id, req)).rejects.toMatchObject({ code: "upload_quota" });
    expect(state.pulled).toBe(false);
  });

  it("limits uploads per user per minute, refusing without reading the body or touching the disk", async () => {
    let now = 0;
    setUploadLimiter(memoryRateLimiter(LIMITS.uploadsPerMinute, LIMITS.uploadsPerMinute / 60, () => now));
    const owner = await person();
    const other = await person();
    const tiny = solidPng(2, 2);
    for (let i = 0; i < LIMITS.uploadsPerMinute; i++) await receiveImage(owner.id, uploadRequest(tiny).req);
    const before = storedFiles();
    const refused = uploadRequest(tiny);
    await expect(receiveImage(owner.id, refused.req)).rejects.toMatchObject({ code: "rate_limited" });
    expect(refused.state.pulled).toBe(false);
    expect(storedFiles()).toBe(before);
    await receiveImage(other.id, uploadRequest(tiny).req); // per user
    now += 60_000 / LIMITS.uploadsPerMinute; // one more after its share of a minute
    await receiveImage(owner.id, uploadRequest(tiny).req);
    await expect(receiveImage(owner.id, uploadRequest(tiny).req)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("sweeps old unreferenced uploads, rows and files, and keeps referenced and young ones", async () => {
    const owner = await person("Owner");
    const friend = await person("Friend");
    await sendFriendRequest(owner.id, { userId: friend.id });
    await acceptFriendRequest(friend.id, { userId: owner.id });
    const upload = async () => (await saveImage(owner.id, solidPng(4, 4))).id;
    const [avatar, background, icon, groupPhoto, orphan, young] = [
      await upload(),
      await upload(),
      await upload(),
      await upload(),
      await upload(),
      await upload(),
    ];
    await updateProfile(owner.id, { image: `/api/files/${avatar}`, backgroundImage: `/api/files/${background}` });
    await createSpace(owner.id, { name: "Study", icon: `/api/files/${icon}` });
    await createGroup(owner, { name: "Pals", image: `/api/files/${groupPhoto}`, memberIds: [friend.id] });
    const day = LIMITS.uploadGraceMs;
    await age([avatar, background, icon, groupPhoto, orphan], day + 60_000);
    await age([young], day - 60_000);

    // Two nodes sweeping at once remove it once between them, and neither fails.
    const sweeps = await Promise.all([sweepUnreferencedUploads(), sweepUnreferencedUploads()]);
    expect(sweeps[0].removed + sweeps[1].removed).toBe(1);
    expect(await rowExists(orphan)).toBe(false);
    expect(existsSync(fileOf(orphan))).toBe(false);
    await expect(readImage(orphan)).rejects.toMatchObject({ code: "not_found" });
    for (const id of [avatar, background, icon, groupPhoto, young]) {
      expect(await rowExists(id), id).toBe(true);
      expect(existsSync(fileOf(id)), id).toBe(true);
    }
    // Its file already gone by hand: the sweep removes the row anyway.
    await age([young], day + 60_000);
    const { rm } = await import("node:fs/promises");
    await rm(fileOf(young));
    expect(await sweepUnreferencedUploads()).toEqual({ removed: 1 });
    expect(await rowExists(young)).toBe(false);
  });

  it("removes a replaced avatar's old file once the grace period has passed", async () => {
    const owner = await person();
    const first = await saveImage(owner.id, solidPng(8, 8, [10, 20, 30]));
    await updateProfile(owner.id, { image: first.url });
    const second = await saveImage(owner.id, solidPng(8, 8, [30, 20, 10]));
    await updateProfile(owner.id, { image: second.url });
    // Within the grace period the old one stays (a tab may still show it).
    await sweepUnreferencedUploads();
    expect(existsSync(fileOf(first.id))).toBe(true);
    await sweepUnreferencedUploads(afterGrace());
    expect(existsSync(fileOf(first.id))).toBe(false);
    expect(await rowExists(first.id)).toBe(false);
    expect(existsSync(fileOf(second.id))).toBe(true);
    expect((await readImage(second.id)).mime).toBe("image/png");
  });
});
