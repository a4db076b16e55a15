import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DISPLAY_BOX, type ProcessedImage, processImage, stripImageMetadata, THUMB_BOX } from "@/server/files/images";

/** A JPEG of 2000 × 1000 stored pixels, left half red and right half blue, that says "rotate 90° clockwise" and where it was taken. */
async function portraitPhoneJpeg(): Promise<Buffer> {
  const half = { width: 1000, height: 1000, channels: 3 as const };
  const red = await sharp({ create: { ...half, background: "#ff0000" } })
    .png()
    .toBuffer();
  const blue = await sharp({ create: { ...half, background: "#0000ff" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#000" } })
    .composite([
      { input: red, left: 0, top: 0 },
      { input: blue, left: 1000, top: 0 },
    ])
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: "Moim Phone" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "126/1 58/1 0/1" },
      },
    })
    .toBuffer();
}

async function animatedGif(width: number, height: number, loop: number): Promise<Buffer> {
  const frames = await Promise.all(
    ["#ff0000", "#00ff00", "#0000ff"].map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ loop, delay: [100, 200, 300] })
    .toBuffer();
}

/** A 60-byte PNG whose IHDR (with valid CRCs) declares 50,000 × 50,000 RGB pixels, with an empty IDAT (a PNG without one is refused as corrupt before its size is looked at). */
function pngBombHeader(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(0))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The colour of one pixel of an image, as [r, g, b]. */
async function pixel(image: Buffer, left: number, top: number): Promise<number[]> {
  const { data } = await sharp(image).extract({ left, top, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return [...data];
}

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;

async function expectNoMetadata(image: Buffer): Promise<void> {
  const meta = await sharp(image).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
}

describe("processImage", () => {
  let phone: Buffer;
  let out: ProcessedImage;
  beforeAll(async () => {
    phone = await portraitPhoneJpeg();
    const meta = await sharp(phone).metadata();
    // The fixture really carries what must not leak.
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.toString("latin1")).toContain("Moim Phone");
    expect(meta.exif?.subarray(6, 8).toString("latin1")).toBe("II"); // little-endian TIFF
    expect(meta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer tag (0x8825)
    out = await processImage(phone, "image/jpeg");
  });

  it("orients a phone photo by EXIF, reports its portrait size and fits both renditions in their boxes", async () => {
    expect(out).toMatchObject({ width: 1000, height: 2000, animated: false });
    expect(out.display).toMatchObject({ mime: "image/webp", width: DISPLAY_BOX / 2, height: DISPLAY_BOX });
    expect(out.thumb).toMatchObject({ mime: "image/webp", width: THUMB_BOX / 2, height: THUMB_BOX });
    for (const rendition of [out.display, out.thumb]) {
      const meta = await sharp(rendition.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: rendition.width, height: rendition.height });
      // Rotated 90° clockwise: the stored left half (red) is now on top.
      expect(isRed(await pixel(rendition.bytes, rendition.width / 2, 2))).toBe(true);
      expect(isBlue(await pixel(rendition.bytes, rendition.width / 2, rendition.height - 3))).toBe(true);
    }
  });

  it("strips EXIF, GPS and orientation from both renditions", async () => {
    await expectNoMetadata(out.display.bytes);
    await expectNoMetadata(out.thumb.bytes);
    expect(out.display.bytes.includes(Buffer.from("Moim Phone"))).toBe(false);
  });

  it("never enlarges a small image", async () => {
    const small = await sharp({ create: { width: 100, height: 50, channels: 4, background: "#0f08" } })
      .png()
      .toBuffer();
    const out = await processImage(small, "image/png");
    expect(out).toMatchObject({ width: 100, height: 50, animated: false });
    expect(out.display).toMatchObject({ width: 100, height: 50 });
    expect(out.thumb).toMatchObject({ width: 100, height: 50 });
  });

  it("keeps an animated GIF animated in both renditions, with its loop count and frame delays", async () => {
    const gif = await animatedGif(640, 400, 3);
    const out = await processImage(gif, "image/gif");
    expect(out).toMatchObject({ width: 640, height: 400, animated: true });
    expect(out.display).toMatchObject({ width: 640, height: 400 });
    expect(out.thumb).toMatchObject({ width: THUMB_BOX, height: 300 });
    for (const rendition of [out.display, out.thumb]) {
      const meta = await sharp(rendition.bytes).metadata();
      expect(meta).toMatchObject({
        format: "webp",
        pages: 3,
        loop: 3,
        delay: [100, 200, 300],
        width: rendition.width,
        height: rendition.height,
      });
    }
  });

  it("keeps an animated WebP animated, looping forever when it did", async () => {
    const frames = await Promise.all(
      ["#f00", "#0f0"].map((background) =>
        sharp({ create: { width: 64, height: 48, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const webp = await sharp(frames, { join: { animated: true } })
      .webp({ loop: 0, delay: [50, 50] })
      .toBuffer();
    const out = await processImage(webp, "image/webp");
    expect(out).toMatchObject({ width: 64, height: 48, animated: true });
    expect(await sharp(out.thumb.bytes).metadata()).toMatchObject({ pages: 2, loop: 0 });
  });

  it("takes an animated WebP that carries an EXIF orientation as stored, not refused, and without the EXIF", async () => {
    const frames = await Promise.all(
      ["#f00", "#0f0"].map((background) =>
        sharp({ create: { width: 64, height: 48, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const webp = await sharp(frames, { join: { animated: true } })
      .webp({ loop: 0 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(webp).metadata()).orientation).toBe(6);
    const out = await processImage(webp, "image/webp");
    expect(out).toMatchObject({ width: 64, height: 48, animated: true, thumb: { width: 64, height: 48 } });
    await expectNoMetadata(out.display.bytes);
    const stripped = await stripImageMetadata(webp, "image/webp");
    expect(await sharp(stripped).metadata()).toMatchObject({ pages: 2, width: 64, height: 48 });
    await expectNoMetadata(stripped);
  });

  it("refuses a 50,000 × 50,000 PNG header before decoding anything, with the avatar upload's error", async () => {
    const bomb = pngBombHeader();
    expect(bomb.length).toBeLessThan(100);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    await expect(processImage(bomb, "image/png")).rejects.toMatchObject({ code: "upload_dimensions" });
    await expect(stripImageMetadata(bomb, "image/png")).rejects.toMatchObject({ code: "upload_dimensions" });
    expect(performance.now() - started).toBeLessThan(500);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses bytes that are not the type they are said to be, or not an image", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    await expect(processImage(png, "image/jpeg")).rejects.toMatchObject({ code: "upload_type" });
    await expect(processImage(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/png")).rejects.toBeInstanceOf(AppError);
  });

  it("refuses an image whose header is whole but whose pixels are cut off, as the upload's fault", async () => {
    const png = await sharp({
      create: { width: 400, height: 400, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
    })
      .png()
      .toBuffer();
    await expect(processImage(png.subarray(0, png.length / 2), "image/png")).rejects.toMatchObject({ code: "upload_type" });
  });
});

describe("stripImageMetadata", () => {
  it("re-encodes a phone JPEG as a JPEG, oriented, without EXIF or GPS", async () => {
    const out = await stripImageMetadata(await portraitPhoneJpeg(), "image/jpeg");
    expect(out.length).toBeGreaterThan(0);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1000, height: 2000 });
    await expectNoMetadata(out);
    expect(out.includes(Buffer.from("Moim Phone"))).toBe(false);
    expect(isRed(await pixel(out, 500, 2))).toBe(true);
  });

  it("drops a PNG's EXIF and keeps a palette PNG a palette PNG", async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#123456" } })
      .png({ palette: true })
      .withExif({ IFD0: { Copyright: "someone" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "33/1 52/1 0/1" } })
      .toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const out = await stripImageMetadata(png, "image/png");
    expect(await sharp(out).metadata()).toMatchObject({ format: "png", width: 32, height: 32, isPalette: true });
    await expectNoMetadata(out);
  });

  it("keeps an animated GIF a GIF with all its frames and its loop", async () => {
    const out = await stripImageMetadata(await animatedGif(40, 30, 2), "image/gif");
    expect(await sharp(out).metadata()).toMatchObject({ format: "gif", pages: 3, loop: 2, width: 40, height: 30 });
  });

  it("keeps a WebP a WebP", async () => {
    const webp = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#abc" } })
      .webp()
      .withExif({ IFD0: { Artist: "me" } })
      .toBuffer();
    const out = await stripImageMetadata(webp, "image/webp");
    expect(await sharp(out).metadata()).toMatchObject({ format: "webp", width: 20, height: 10 });
    await expectNoMetadata(out);
  });
});
