/**
 * Emoji data for the picker (components/chat/EmojiPickerPanel.tsx), from the emojibase-data
 * package and served from our own origin: frimousse fetches /emojibase/<locale>/data.json and
 * messages.json here instead of from a CDN. Each locale's entries also carry the other
 * language's name and keywords, so "heart" and "하트" both find ❤️ in either language. Only
 * the fields the picker reads are kept. Built once, at build time.
 */
import en from "emojibase-data/en/data.json";
import enMessages from "emojibase-data/en/messages.json";
import ko from "emojibase-data/ko/data.json";
import koMessages from "emojibase-data/ko/messages.json";
import emojibase from "emojibase-data/package.json";

export const dynamic = "force-static";

const LOCALES = { en: { data: en, messages: enMessages, other: ko }, ko: { data: ko, messages: koMessages, other: en } } as const;
type Locale = keyof typeof LOCALES;
/** The components group (bare skin tones, hair styles) is not offered. */
const COMPONENT_GROUP = 2;

export function generateStaticParams() {
  return Object.keys(LOCALES).flatMap((locale) => ["data.json", "messages.json"].map((file) => ({ locale, file })));
}

interface Entry {
  emoji: string;
  label: string;
  hexcode: string;
  group?: number;
  subgroup?: number;
  version: number;
  tags?: string[];
  skins?: { emoji: string; tone?: number | number[] }[];
}

function dataOf(locale: Locale) {
  const { data, other } = LOCALES[locale];
  const otherByHex = new Map((other as Entry[]).map((e) => [e.hexcode, e]));
  return (data as Entry[])
    .filter((e) => e.group !== undefined && e.group !== COMPONENT_GROUP)
    .map((e) => {
      const o = otherByHex.get(e.hexcode);
      return {
        emoji: e.emoji,
        label: e.label,
        group: e.group,
        subgroup: e.subgroup,
        version: e.version,
        tags: [...new Set([...(e.tags ?? []), ...(o ? [o.label, ...(o.tags ?? [])] : [])])],
        ...(e.skins ? { skins: e.skins.map((s) => ({ emoji: s.emoji, tone: s.tone })) } : {}),
      };
    });
}

export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; file: string }> }) {
  const { locale, file } = await params;
  if (!(locale in LOCALES) || (file !== "data.json" && file !== "messages.json")) return new Response("Not found", { status: 404 });
  const l = locale as Locale;
  const body = file === "data.json" ? dataOf(l) : LOCALES[l].messages;
  return Response.json(body, {
    headers: {
      // frimousse keeps the data in localStorage and revalidates it by ETag once a session.
      ETag: `"emojibase-${emojibase.version}-${l}-${file}-1"`,
      "Cache-Control": "public, max-age=86400",
    },
  });
}
