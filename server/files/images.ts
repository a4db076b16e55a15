import sharp, { type OutputInfo, type Sharp } from "sharp";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { isPixelLimitError, tooManyPixels, verifyImage } from "./image-header";
import type { ImageType } from "./sniff";

export interface ImageRendition {
  bytes: Buffer;
  mime: "image/webp";
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The original's size as it is seen, after EXIF orientation (a portrait phone photo is portrait). */
  width: number;
  height: number;
  /** More than one frame (GIF, WebP): both renditions are animated too, with the same loop and delays. */
  animated: boolean;
  /** Fits inside DISPLAY_BOX × DISPLAY_BOX, never enlarged. */
  display: ImageRendition;
  /** Fits inside THUMB_BOX × THUMB_BOX, never enlarged. */
  thumb: ImageRendition;
}

export const DISPLAY_BOX = 1600;
export const THUMB_BOX = 480;
const WEBP_QUALITY = 80;

/**
 * The renditions a chat shows of an uploaded picture. The header is checked first (verifyImage:
 * a decompression bomb is refused before any pixel is decoded), then every pipeline is oriented
 * by EXIF and written without metadata (sharp keeps none unless asked: no EXIF, GPS, XMP, IPTC;
 * colours are converted to sRGB). The thumbnail is made from the display rendition, not from
 * the original: decoding a 1600 px WebP costs far less than decoding a 40 MP photo twice.
 */
export async function processImage(input: Buffer, mime: ImageType): Promise<ProcessedImage> {
  const verified = await verifyOwnType(input, mime);
  const meta = await sharp(input, { limitInputPixels: LIMITS.uploadMaxPixels }).metadata();
  const animated = verified.pages > 1;
  // Frames are never rotated (see pipeline), so an animation's size is its stored size.
  const oriented = (!animated && meta.autoOrient) || { width: verified.width, height: verified.height };
  const display = await toWebp(input, DISPLAY_BOX, animated, meta.loop, meta.delay);
  const thumb = await toWebp(display.bytes, THUMB_BOX, animated, meta.loop, meta.delay);
  return { width: oriented.width, height: oriented.height, animated, display, thumb };
}

async function toWebp(input: Buffer, box: number, animated: boolean, loop?: number, delay?: number[]): Promise<ImageRendition> {
  const { data, info } = await run(
    pipeline(input, animated)
      .resize(box, box, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY, ...(animated && { loop: loop ?? 0, ...(delay && { delay }) }) }),
  );
  return { bytes: data, mime: "image/webp", width: info.width, height: info.pageHeight ?? info.height };
}

/**
 * The original as it is offered for download: the same format, oriented, re-encoded without
 * metadata (so the GPS position in a phone photo's EXIF does not travel with it). JPEG and
 * lossy WebP are re-encoded at a high quality; a palette PNG stays a palette PNG.
 */
export async function stripImageMetadata(input: Buffer, mime: ImageType): Promise<Buffer> {
  const verified = await verifyOwnType(input, mime);
  const meta = await sharp(input, { limitInputPixels: LIMITS.uploadMaxPixels }).metadata();
  const animated = verified.pages > 1;
  const frames = animated ? { loop: meta.loop ?? 0, ...(meta.delay && { delay: meta.delay }) } : {};
  const image = pipeline(input, animated);
  const encoded =
    mime === "image/jpeg"
      ? image.jpeg({ quality: 92 })
      : mime === "image/png"
        ? image.png({ palette: meta.isPalette })
        : mime === "image/gif"
          ? image.gif(frames)
          : image.webp({ quality: 92, ...frames });
  return (await run(encoded)).data;
}

async function verifyOwnType(input: Buffer, mime: ImageType) {
  const verified = await verifyImage(input);
  if (verified.mime !== mime) throw new AppError("upload_type", "The image's content does not match its type");
  return verified;
}

/**
 * Every pipeline keeps the pixel limit, whatever was checked before it. Stills are oriented by
 * EXIF; animations are not (libvips refuses to rotate multi-page images, and an animated WebP
 * that carries an orientation is rare enough to show as stored rather than refuse).
 */
function pipeline(input: Buffer, animated: boolean): Sharp {
  const image = sharp(input, { limitInputPixels: LIMITS.uploadMaxPixels, animated });
  return animated ? image : image.rotate();
}

/** A header can be whole and the pixels after it broken: that is the upload's fault, not ours. */
async function run(image: Sharp): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await image.toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (isPixelLimitError(err)) throw tooManyPixels();
    throw new AppError("upload_type", "The image could not be decoded");
  }
}
