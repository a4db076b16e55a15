import en from "emojibase-data/en/data.json";
import { describe, expect, it } from "vitest";
import { emoji } from "@/lib/schemas";

describe("a reaction's emoji", () => {
  // what the picker offers: every emoji with a group, but the components group (bare skin tones, hair)
  const all = en.filter((e) => "group" in e && e.group !== 2).flatMap((e) => [e.emoji, ...("skins" in e && e.skins ? e.skins.map((s) => s.emoji) : [])]);

  it(`accepts every emoji the picker offers (${all.length}, with skin tones, flags and keycaps)`, () => {
    expect(all).toContain("🇰🇷");
    expect(all).toContain("1️⃣");
    const refused = all.filter((e) => !emoji.safeParse(e).success);
    expect(refused).toEqual([]);
  });

  it("refuses what is not exactly one emoji", () => {
    for (const bad of ["a", "1", "#", "👍 hi", "👍👍", "🇰", "<script>", "", "\u200d", "\ufe0f", "☺x", "👍".repeat(20), "ㅋ", "♡ "]) {
      expect(emoji.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
