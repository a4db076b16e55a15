import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { sniffImageType, type ImageType } from "./sniff";

const SHARP_FORMAT: Record<ImageType, string> = { "image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp" };

export interface VerifiedImage {
  mime: ImageType;
  width: number;
  height: number;
  /** Frames of an animated GIF or WebP; 1 for a still image. */
  pages: number;
}

/**
 * Reads an image's header (sharp's metadata parses headers and never decodes pixels, so a file
 * declaring 50,000 × 50,000 costs no more than a small one) and refuses what is not a whole
 * header of the type its first bytes claim, or declares more than LIMITS.uploadMaxPixels.
 */
export async function verifyImage(bytes: Uint8Array): Promise<VerifiedImage> {
  const mime = sniffImageType(bytes);
  if (!mime) throw new AppError("upload_type", "Only PNG, JPEG, GIF and WebP images can be uploaded");
  // The pixel limit here too, in case a future loader decodes more than the header.
  const meta = await sharp(bytes, { limitInputPixels: LIMITS.uploadMaxPixels })
    .metadata()
    .catch((err: unknown) => {
      if (isPixelLimitError(err)) throw tooManyPixels();
      throw new AppError("upload_type", "The image's header could not be read");
    });
  const { width, height } = meta;
  const pages = meta.pages ?? 1;
  if (meta.format !== SHARP_FORMAT[mime] || !width || !height || pages < 1)
    throw new AppError("upload_type", "The image's header does not match its type");
  if (width * height * pages > LIMITS.uploadMaxPixels) throw tooManyPixels();
  return { mime, width, height, pages };
}

export function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

export function tooManyPixels(): AppError {
  return new AppError("upload_dimensions", `The image declares more than ${LIMITS.uploadMaxPixels} pixels`);
}
