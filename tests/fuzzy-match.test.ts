import { describe, expect, it } from "vitest";
import { matchScore } from "@/lib/fuzzy-match";

describe("quick switcher matching", () => {
  it("finds a name by its start, a word in it, or any run of it, best first", () => {
    expect(matchScore("general", "gen")).toBe(1);
    expect(matchScore("study-group", "group")).toBeGreaterThan(matchScore("subgroup", "group"));
    expect(matchScore("subgroup", "group")).toBeGreaterThan(0);
    expect(matchScore("General", "GEN")).toBe(1);
  });

  it("finds Korean names by syllables, by initial consonants, and mid-composition", () => {
    expect(matchScore("일반", "일반")).toBe(1);
    expect(matchScore("스터디 모임", "모임")).toBe(0.9);
    expect(matchScore("일반", "ㅇㅂ")).toBe(1);
    expect(matchScore("공지사항", "ㄱㅈ")).toBe(1);
    expect(matchScore("일반", "일바")).toBe(1); // "반" still being typed
    expect(matchScore("일반", "이")).toBe(1);
    expect(matchScore("일반", "바")).toBe(0.8);
  });

  it("does not let a composing syllable match one with another vowel, nor a final consonant match loosely", () => {
    expect(matchScore("일반", "일버")).toBe(0);
    expect(matchScore("반", "밤")).toBe(0);
    expect(matchScore("김민수", "ㅂ")).toBe(0);
  });

  it("matches across spaces and letters in order with gaps, ranked below runs", () => {
    expect(matchScore("일반 채팅", "일반채팅")).toBe(0.7);
    const gapped = matchScore("general", "gnrl");
    expect(gapped).toBeGreaterThan(0);
    expect(gapped).toBeLessThan(0.7);
    expect(matchScore("general", "xyz")).toBe(0);
  });

  it("treats an empty query as matching everything", () => {
    expect(matchScore("anything", "  ")).toBe(1);
  });
});
