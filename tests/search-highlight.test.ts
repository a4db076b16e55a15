import { describe, expect, it } from "vitest";
import { highlightParts, searchExcerpt } from "@/components/search/highlight";

describe("search result highlighting", () => {
  it("marks every case-insensitive occurrence and keeps the rest as it was", () => {
    expect(highlightParts("지난주과제와 과제물", "과제")).toEqual([
      { text: "지난주", match: false },
      { text: "과제", match: true },
      { text: "와 ", match: false },
      { text: "과제", match: true },
      { text: "물", match: false },
    ]);
    expect(highlightParts("Hello WORLD", "world")).toEqual([
      { text: "Hello ", match: false },
      { text: "WORLD", match: true },
    ]);
    expect(highlightParts("nothing here", "과제")).toEqual([{ text: "nothing here", match: false }]);
    expect(highlightParts("x", "")).toEqual([{ text: "x", match: false }]);
  });

  it("cuts a long message to the words around its first match", () => {
    const long = `${"앞".repeat(200)}과제${"뒤".repeat(400)}`;
    const excerpt = searchExcerpt(long, "과제");
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).toContain("과제");
    expect(excerpt.length).toBeLessThanOrEqual(242);
    expect(searchExcerpt("short 과제", "과제")).toBe("short 과제");
  });
});
