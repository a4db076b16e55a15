import en from "emojibase-data/en/data.json";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isOneEmoji } from "@/lib/emoji";
import { RECENT_EMOJI_MAX, recentEmoji, rememberEmoji } from "@/lib/recent-emoji";
import { emoji } from "@/lib/schemas";
import { THEMES, isTheme, parseTheme } from "@/lib/theme";

// The browser checks these without zod (to keep it out of the first load); they must accept
// exactly what the schemas the server uses accept.

const offered = en.flatMap((e) => [e.emoji, ...("skins" in e && e.skins ? e.skins.map((s) => s.emoji) : [])]);

describe("the browser's emoji check", () => {
  const junk = ["a", "1", "#", "👍 hi", "👍👍", "🇰", "<script>", "", "\u200d", "\ufe0f", "☺x", "👍".repeat(20), "ㅋ", "♡ ", " 👍"];

  it("accepts and refuses exactly what the server's emoji schema does", () => {
    const differ = [...offered, ...junk].filter((s) => isOneEmoji(s) !== emoji.safeParse(s).success);
    expect(differ).toEqual([]);
    expect(junk.filter(isOneEmoji)).toEqual([]);
  });

  it("refuses what is not a string", () => {
    for (const v of [1, null, undefined, ["👍"], { emoji: "👍" }]) expect(isOneEmoji(v)).toBe(false);
  });
});

describe("recent emoji in this browser's storage", () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    });
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it("keeps the newest first, once each, at most RECENT_EMOJI_MAX", () => {
    for (const e of ["👍", "❤️", "😂", "👍"]) rememberEmoji(e);
    expect(recentEmoji()).toEqual(["👍", "😂", "❤️"]);
    for (const e of offered.slice(0, 40)) rememberEmoji(e);
    expect(recentEmoji()).toHaveLength(RECENT_EMOJI_MAX);
    expect(recentEmoji()[0]).toBe(offered[39]);
  });

  it("drops what something else wrote there, item by item, and ignores a list that is not ours", () => {
    store.set("moim:recent-emoji", JSON.stringify(["👍", "<img src=x onerror=alert(1)>", 5, null, "🇰🇷", "👍👍"]));
    expect(recentEmoji()).toEqual(["👍", "🇰🇷"]);
    store.set("moim:recent-emoji", JSON.stringify(Array(101).fill("👍")));
    expect(recentEmoji()).toEqual([]);
    for (const raw of ["{", '{"0":"👍"}', '"👍"', "null"]) {
      store.set("moim:recent-emoji", raw);
      expect(recentEmoji(), raw).toEqual([]);
    }
  });
});

describe("the theme cookie", () => {
  it("is one of the themes exactly, else the system's", () => {
    for (const t of THEMES) expect(parseTheme(t)).toBe(t);
    for (const v of [undefined, "", "Dark", "dark ", "blue", ["dark"], 1, null]) {
      expect(isTheme(v)).toBe(false);
      expect(parseTheme(v)).toBe("system");
    }
  });
});
