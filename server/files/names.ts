/**
 * File names users send are shown to everyone in a channel and handed back to browsers on
 * download, so they are cleaned of what could disguise them ("invoice\u202Egpj.exe" shows as
 * "invoiceexe.jpg"), of paths, and of what file systems refuse.
 */

export const FILE_NAME_MAX_CHARS = 120;

/** Longest tail counted as an extension when a long name is cut ("report.final draft" has none). */
const EXT_MAX_CHARS = 16;

// C0/C1 controls that read as a line or a gap become one space; the rest go.
const SPACE_LIKE = /[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]/gu;
const CONTROLS = /\p{Cc}/gu;
// Format characters (bidi overrides and isolates, U+061C, zero-width space/joiners, word
// joiner, BOM, soft hyphen, tags), the invisible Hangul fillers, and lone surrogates.
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]|\p{Cs}/gu;
// Windows device names stay reserved with any extension ("nul.txt").
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

export function sanitizeFileName(raw: string, fallbackExt?: string): string {
  const cleaned = raw.normalize("NFC").replace(SPACE_LIKE, " ").replace(CONTROLS, "").replace(INVISIBLE, "");
  const lastSegment = cleaned.split(/[/\\]/).pop() ?? "";
  let name = trimName(lastSegment.replace(/ {2,}/g, " "));
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  name = limitLength(name);
  if (name) return name;
  const ext = cleanExt(fallbackExt ?? "");
  return ext ? `file.${ext}` : "file";
}

/** Leading and trailing dots and spaces: hidden files, Windows' silent trailing-dot drop, "." and "..". */
function trimName(name: string): string {
  return name.replace(/^[. ]+|[. ]+$/g, "");
}

/**
 * At most FILE_NAME_MAX_CHARS characters (code points: a Hangul syllable is one), cut between
 * grapheme clusters so neither a surrogate pair nor a letter and its accent are split, keeping
 * the extension.
 */
function limitLength(name: string): string {
  if (codePoints(name) <= FILE_NAME_MAX_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const ext =
    dot > 0 && /^[^.\s]+$/.test(name.slice(dot + 1)) && codePoints(name) - codePoints(name.slice(0, dot)) <= EXT_MAX_CHARS + 1
      ? name.slice(dot)
      : "";
  const base = ext ? name.slice(0, dot) : name;
  const budget = FILE_NAME_MAX_CHARS - codePoints(ext);
  let kept = "";
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(base)) {
    const size = codePoints(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  const trimmed = trimName(kept);
  return trimmed ? trimmed + ext : trimName(ext);
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function cleanExt(ext: string): string {
  return ext
    .replace(/^\.+/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Extensions that name the same type as a canonical one. Text has a short list of harmless
 * ones: a .html, .svg, .js, .bat or .sh that sniffed as text keeps its name plus ".txt", so
 * opening the download does not run or render it.
 */
const ALIASES: Record<string, readonly string[]> = {
  jpg: ["jpg", "jpeg", "jpe", "jfif"],
  png: ["png"],
  gif: ["gif"],
  webp: ["webp"],
  mp4: ["mp4", "m4v"],
  m4v: ["m4v", "mp4"],
  mov: ["mov", "qt"],
  webm: ["webm"],
  mkv: ["mkv"],
  heic: ["heic", "heif", "hif"],
  heif: ["heif", "heic", "hif"],
  avif: ["avif"],
  mp3: ["mp3"],
  m4a: ["m4a", "m4b", "mp4"],
  wav: ["wav", "wave"],
  ogg: ["ogg", "oga", "ogv", "opus", "spx"],
  flac: ["flac"],
  gz: ["gz", "tgz"],
  txt: ["txt", "text", "log", "json", "yaml", "yml", "toml", "ini", "conf", "cfg", "tsv", "srt", "vtt", "rst", "tex", "diff", "patch"],
  md: ["md", "markdown"],
};

/** The name, plus ".ext" unless its extension already is `ext` or one of its aliases (case aside). */
export function withExtension(name: string, ext: string): string {
  const wanted = cleanExt(ext);
  if (!wanted) return name;
  const dot = name.lastIndexOf(".");
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  if ((ALIASES[wanted] ?? [wanted]).includes(current)) return name;
  return limitLength(`${name}.${wanted}`);
}

// RFC 5987 attr-char: everything else in filename* is percent-encoded UTF-8.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * A Content-Disposition value (RFC 6266) with both names: an ASCII `filename` for old clients
 * (accents dropped, other non-ASCII, quotes, backslashes and percent signs as "_", since some
 * browsers unescape either), and the exact name as `filename*` in UTF-8 (RFC 5987), which
 * every current browser prefers. Nothing in it can end the header or the quoted string.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const exact = sanitizeFileName(name);
  const fallback =
    exact
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^\x20-\x7e]|["\\%]/g, "_")
      .replace(/_{2,}/g, "_") || "file";
  let encoded = "";
  for (const char of exact)
    encoded += ATTR_CHAR.test(char)
      ? char
      : [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  return `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
