import sharp from "sharp";

/** Real images of each accepted type, made by sharp. */
export async function realImages(): Promise<Record<"png" | "jpeg" | "gif" | "animatedGif" | "webp" | "animatedWebp", Buffer>> {
  const still = sharp({ create: { width: 24, height: 16, channels: 3, background: "#e85d04" } });
  const frames = await Promise.all(
    ["#e85d04", "#1d4ed8", "#15803d"].map((background) =>
      sharp({ create: { width: 24, height: 16, channels: 4, background } })
        .png()
        .toBuffer(),
    ),
  );
  const animated = () => sharp(frames, { join: { animated: true } });
  return {
    png: await still.clone().png().toBuffer(),
    jpeg: await still.clone().jpeg().toBuffer(),
    gif: await still.clone().gif().toBuffer(),
    animatedGif: await animated().gif().toBuffer(),
    webp: await still.clone().webp().toBuffer(),
    animatedWebp: await animated().webp().toBuffer(),
  };
}

/** A PNG of random pixels (incompressible): about width × height × 3 bytes, for filling a quota. */
export async function noisePng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A real GIF whose screen and every frame are re-declared as width × height (the pixel data stays tiny). */
export function gifDeclaring(gif: Buffer, width: number, height: number): Buffer {
  const g = Buffer.from(gif);
  g.writeUInt16LE(width, 6);
  g.writeUInt16LE(height, 8);
  const colourTable = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  let p = 13 + colourTable(g[10]!);
  const skipSubBlocks = () => {
    while (g[p] !== 0) p += g[p]! + 1;
    p += 1;
  };
  while (g[p] !== 0x3b) {
    if (g[p] === 0x21) {
      p += 2; // extension introducer and label
      skipSubBlocks();
    } else if (g[p] === 0x2c) {
      g.writeUInt16LE(width, p + 5);
      g.writeUInt16LE(height, p + 7);
      p += 10 + colourTable(g[p + 9]!) + 1; // descriptor, local colour table, LZW code size
      skipSubBlocks();
    } else throw new Error(`not a GIF block at ${p}`);
  }
  return g;
}

/** A real JPEG whose start-of-frame is re-declared as width × height. */
export function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const j = Buffer.from(jpeg);
  let p = 2;
  while (p < j.length && !(j[p] === 0xff && j[p + 1]! >= 0xc0 && j[p + 1]! <= 0xc2)) p += 2 + j.readUInt16BE(p + 2);
  if (p >= j.length) throw new Error("no start-of-frame");
  j.writeUInt16BE(height, p + 5);
  j.writeUInt16BE(width, p + 7);
  return j;
}
