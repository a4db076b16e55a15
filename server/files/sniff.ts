import { LIMITS } from "@/lib/limits";
/**
 * What a file is, decided by its first bytes: the client's Content-Type is never consulted, and
 * the name's extension only tells apart formats that share one container (a ZIP that is a .docx
 * or a plain .zip; an OLE compound file that is a .hwp or a .doc). Everything outside the
 * allowlist below is refused (null): executables, scripts in binary containers, unknown blobs.
 *
 * HTML and SVG have no signature of their own here: they sniff as UTF-8 text and come back as
 * `text/plain` files (kind "file", never inline), so they are never served as text/html or
 * image/svg+xml, and their canonical extension is "txt", so `withExtension` renames a
 * downloaded "page.html" to "page.html.txt" instead of handing the browser a page to open.
 */

export interface Sniffed {
  /** The type to store and serve (text types are UTF-8: serve them with `; charset=utf-8`). */
  mime: string;
  kind: "image" | "video" | "file";
  /** The canonical extension of the detected type, without the dot. */
  ext: string;
  /** Whether browsers may show it in the page (images and playable videos only). */
  inline: boolean;
}

/** How many leading bytes `sniffFile` looks at; read this many (or the whole file, if smaller). */
export const SNIFF_HEAD_BYTES = 4100;

/** The photo types: the list clients use to guess a kind (lib/limits) is this one. */
export type ImageType = (typeof LIMITS.uploadImageTypes)[number];

/** The image types browsers show everywhere, by signature. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

const IMAGE_EXT: Record<ImageType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

export function sniffFile(head: Uint8Array, name: string): Sniffed | null {
  if (head.length === 0) return null;
  const ext = extensionOf(name);
  const image = sniffImageType(head);
  if (image) return { mime: image, kind: "image", ext: IMAGE_EXT[image], inline: true };
  return (
    sniffIsoBmff(head) ??
    sniffEbml(head) ??
    sniffContainerByName(head, ext) ??
    sniffSignature(head) ??
    sniffMp3(head) ??
    sniffText(head, ext)
  );
}

const file = (mime: string, ext: string): Sniffed => ({ mime, kind: "file", ext, inline: false });
const video = (mime: string, ext: string): Sniffed => ({ mime, kind: "video", ext, inline: true });

const MP4_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "avc1",
  "dash",
  "mmp4",
  "msnv",
  "m4v ",
  "m4vh",
  "m4vp",
  "f4v ",
]);
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx"]);
const HEIF_BRANDS = new Set(["mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);
const M4A_BRANDS = new Set(["m4a ", "m4b "]);

/**
 * ISO base media (`ftyp` box first): MP4, M4V, QuickTime, M4A, HEIC/HEIF/AVIF. The major brand
 * decides; a generic major brand (mif1, isom) is narrowed by the compatible brands, the way an
 * AVIF saved as `mif1` + `avif` or an MP4 saved as `isom` + `M4A ` is.
 */
function sniffIsoBmff(b: Uint8Array): Sniffed | null {
  if (b.length < 12 || ascii(b, 4, 4) !== "ftyp") return null;
  const size = readU32(b, 0);
  if (size < 16 && size !== 0 && size !== 12) return null;
  const major = ascii(b, 8, 4).toLowerCase();
  const end = Math.min(b.length, size === 0 ? b.length : size);
  const brands = new Set([major]);
  for (let at = 16; at + 4 <= end; at += 4) brands.add(ascii(b, at, 4).toLowerCase());
  const any = (set: Set<string>) => [...brands].some((brand) => set.has(brand));

  if (major === "qt  ") return video("video/quicktime", "mov");
  if (AVIF_BRANDS.has(major) || (HEIF_BRANDS.has(major) && any(AVIF_BRANDS))) return file("image/avif", "avif");
  if (HEIC_BRANDS.has(major) || (HEIF_BRANDS.has(major) && any(HEIC_BRANDS))) return file("image/heic", "heic");
  if (HEIF_BRANDS.has(major)) return file("image/heif", "heif");
  if (M4A_BRANDS.has(major) || (MP4_BRANDS.has(major) && any(M4A_BRANDS) && !brands.has("m4v "))) return file("audio/mp4", "m4a");
  if (MP4_BRANDS.has(major)) return video("video/mp4", major.startsWith("m4v") ? "m4v" : "mp4");
  return null;
}

/** EBML (Matroska family): the header's DocType says WebM (playable inline) or Matroska (a file). */
function sniffEbml(b: Uint8Array): Sniffed | null {
  if (!startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  const headerSize = readVint(b, 4);
  if (!headerSize) return null;
  const end = Math.min(b.length, 4 + headerSize.length + headerSize.value);
  let at = 4 + headerSize.length;
  while (at < end) {
    const id = readVint(b, at, true);
    if (!id) return null;
    const size = readVint(b, at + id.length);
    if (!size) return null;
    const data = at + id.length + size.length;
    if (id.value === 0x4282) {
      const docType = ascii(b, data, Math.min(size.value, end - data)).replace(/\0+$/, "");
      if (docType === "webm") return video("video/webm", "webm");
      if (docType === "matroska") return file("video/x-matroska", "mkv");
      return null;
    }
    at = data + size.value;
  }
  return null;
}

const OOXML: Record<string, Sniffed> = {
  docx: file("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  xlsx: file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  pptx: file("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
  hwpx: file("application/hwp+zip", "hwpx"),
};

const OLE: Record<string, Sniffed> = {
  hwp: file("application/x-hwp", "hwp"),
  doc: file("application/msword", "doc"),
  xls: file("application/vnd.ms-excel", "xls"),
  ppt: file("application/vnd.ms-powerpoint", "ppt"),
};

/** Containers shared by several formats: the extension picks among the allowed ones. */
function sniffContainerByName(b: Uint8Array, ext: string): Sniffed | null {
  // Local file header, or the end record of an empty archive.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]))
    return OOXML[ext] ?? file("application/zip", "zip");
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE[ext] ?? file("application/x-ole-storage", "ole");
  return null;
}

const SIGNATURES: { sig: (number | null)[]; then?: { at: number; text: string }; sniffed: Sniffed }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46, 0x2d], sniffed: file("application/pdf", "pdf") }, // %PDF-
  { sig: [0x52, 0x49, 0x46, 0x46], then: { at: 8, text: "WAVE" }, sniffed: file("audio/wav", "wav") },
  { sig: [0x4f, 0x67, 0x67, 0x53, 0x00], sniffed: file("audio/ogg", "ogg") }, // OggS, version 0
  { sig: [0x66, 0x4c, 0x61, 0x43], sniffed: file("audio/flac", "flac") }, // fLaC
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], sniffed: file("application/x-7z-compressed", "7z") },
  { sig: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00], sniffed: file("application/vnd.rar", "rar") }, // RAR 1.5–4
  { sig: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00], sniffed: file("application/vnd.rar", "rar") }, // RAR 5
  { sig: [0x1f, 0x8b, 0x08], sniffed: file("application/gzip", "gz") }, // deflate is gzip's only method
  { sig: [0x49, 0x44, 0x33], sniffed: file("audio/mpeg", "mp3") }, // ID3v2 tag before the frames
];

function sniffSignature(b: Uint8Array): Sniffed | null {
  for (const { sig, then, sniffed } of SIGNATURES)
    if (startsWith(b, sig) && (!then || ascii(b, then.at, then.text.length) === then.text)) return sniffed;
  return null;
}

/**
 * An MP3 without an ID3 tag starts with a frame header: 11 sync bits, then a version, layer III,
 * a bitrate and a sample rate that are not the reserved values. (AAC's ADTS shares the sync but
 * says layer 0; JPEG's FF D8 lacks the sync bits.)
 */
function sniffMp3(b: Uint8Array): Sniffed | null {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return null;
  const version = (b[1]! >> 3) & 0b11;
  const layer = (b[1]! >> 1) & 0b11;
  const bitrate = b[2]! >> 4;
  const sampleRate = (b[2]! >> 2) & 0b11;
  if (version === 0b01 || layer !== 0b01 || bitrate === 0b1111 || bitrate === 0 || sampleRate === 0b11) return null;
  return file("audio/mpeg", "mp3");
}

const TEXT_BY_EXT: Record<string, Sniffed> = {
  csv: file("text/csv", "csv"),
  md: file("text/markdown", "md"),
  markdown: file("text/markdown", "md"),
};

/**
 * Plain text: the whole head is UTF-8 (a BOM is allowed) without NUL or other C0 controls
 * than tab, line feed, vertical tab, form feed, carriage return and escape (coloured logs).
 * A character cut by the end of a full-length head is allowed: the file goes on past it.
 */
function sniffText(b: Uint8Array, ext: string): Sniffed | null {
  const truncated = b.length >= SNIFF_HEAD_BYTES;
  let at = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < b.length) {
    const c = b[at]!;
    if (c < 0x80) {
      if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) return null;
      at += 1;
      continue;
    }
    const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (length === 0) return null;
    if (at + length > b.length) {
      if (!truncated || !continuationsValid(b, at, b.length)) return null;
      break;
    }
    if (!continuationsValid(b, at, at + length)) return null;
    at += length;
  }
  return TEXT_BY_EXT[ext] ?? file("text/plain", "txt");
}

/**
 * The bytes after a lead byte up to `end`: each a continuation, and the second inside the range
 * that rules out overlong forms, surrogates and code points past U+10FFFF.
 */
function continuationsValid(b: Uint8Array, lead: number, end: number): boolean {
  const c = b[lead]!;
  for (let i = lead + 1; i < end; i++) if ((b[i]! & 0xc0) !== 0x80) return false;
  if (lead + 1 >= end) return true;
  const second = b[lead + 1]!;
  if (c === 0xe0) return second >= 0xa0;
  if (c === 0xed) return second <= 0x9f;
  if (c === 0xf0) return second >= 0x90;
  if (c === 0xf4) return second <= 0x8f;
  return true;
}

/** The lower-cased extension of a file name, without the dot ("" for none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

function startsWith(b: Uint8Array, sig: readonly (number | null)[]): boolean {
  return b.length >= sig.length && sig.every((byte, i) => byte === null || b[i] === byte);
}

function ascii(b: Uint8Array, at: number, length: number): string {
  if (at < 0 || length <= 0 || at + length > b.length) return "";
  return String.fromCharCode(...b.subarray(at, at + length));
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

/**
 * An EBML variable-length integer: the leading zero bits of the first byte give its length
 * (1–8). Element IDs keep their marker bit; sizes drop it. Past 2^53 or the head: null.
 */
function readVint(b: Uint8Array, at: number, keepMarker = false): { value: number; length: number } | null {
  if (at >= b.length) return null;
  const first = b[at]!;
  if (first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > b.length || length > 7) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + b[at + i]!;
  return { value, length };
}
