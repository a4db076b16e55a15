import "server-only";
import { Parser } from "htmlparser2";

/** What a page says about itself: OpenGraph first, then Twitter cards, then plain HTML. */
export interface PageMeta {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** As written in the page (absolute or relative); fetch-preview.ts resolves and checks it. */
  image: string | null;
}

export const META_LIMITS = { title: 200, description: 400, siteName: 80, image: 2048 } as const;
/** Text gathered for one field before it is trimmed: a 10 MB <title> never becomes a 10 MB string. */
const GATHER_MAX = 4096;

type Field = keyof PageMeta;
/** Which meta names fill which field, best first (og:, then twitter:, then the plain ones). */
const SOURCES: Record<Field, string[]> = {
  title: ["og:title", "twitter:title"],
  description: ["og:description", "twitter:description", "description"],
  siteName: ["og:site_name", "application-name"],
  image: ["og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"],
};
const RANK = new Map<string, { field: Field; rank: number }>(
  (Object.entries(SOURCES) as [Field, string[]][]).flatMap(([field, names]) => names.map((name, rank) => [name, { field, rank }] as const)),
);

/** Whitespace folded, control characters dropped, cut at `max` characters (not inside a surrogate pair). */
export function cleanText(raw: string, max: number): string | null {
  // eslint-disable-next-line no-control-regex
  const text = raw
    .slice(0, GATHER_MAX)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  return text.length <= max
    ? text
    : `${[...text]
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/**
 * Reads a page's head as it streams in: feed decoded text with `write` (true once the head is
 * over: <body> opened or </head> closed, so the caller can stop reading), then `result`. The
 * parser holds at most the text it was given; per field it keeps the best-ranked value, and
 * the <title> text is gathered up to a bound.
 */
export function headReader() {
  const best = new Map<Field, { rank: number; value: string }>();
  let titleText = "";
  let inTitle = false;
  let done = false;
  const offer = (field: Field, rank: number, value: string | undefined) => {
    if (!value) return;
    const have = best.get(field);
    if (!have || rank < have.rank) best.set(field, { rank, value: value.slice(0, GATHER_MAX) });
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "body") done = true;
        else if (name === "title" && !titleText) inTitle = true;
        else if (name === "meta") {
          const key = (attrs.property ?? attrs.name ?? "").trim().toLowerCase();
          const source = RANK.get(key);
          if (source) offer(source.field, source.rank, attrs.content);
        }
      },
      ontext(text) {
        if (inTitle && titleText.length < GATHER_MAX) titleText += text.slice(0, GATHER_MAX - titleText.length);
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "head") done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  return {
    write(text: string): boolean {
      if (!done) parser.write(text);
      return done;
    },
    result(): PageMeta {
      parser.end();
      const value = (field: Field) => best.get(field)?.value ?? "";
      const image = value("image").trim();
      return {
        title: cleanText(value("title") || titleText, META_LIMITS.title),
        description: cleanText(value("description"), META_LIMITS.description),
        siteName: cleanText(value("siteName"), META_LIMITS.siteName),
        image: image && image.length <= META_LIMITS.image ? image : null,
      };
    },
  };
}

/** The charset a page declares: in Content-Type, else in a <meta> within its first bytes. */
export function charsetOf(contentType: string | undefined, head: Uint8Array): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]{1,40})/i.exec(contentType ?? "")?.[1] ??
    // Only the first 1 KB is looked at (where the HTML spec's prescan expects it), as Latin-1.
    /<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})/i.exec(Buffer.from(head.subarray(0, 1024)).toString("latin1"))?.[1];
  if (!declared) return "utf-8";
  try {
    return new TextDecoder(declared).encoding;
  } catch {
    return "utf-8";
  }
}
