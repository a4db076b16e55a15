import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { normalizeName, rawCapFor } from "@/lib/names";
import { createSpaceInput } from "@/lib/schemas";
import { channelName, shapeChannelName } from "@/lib/space-inputs";

// Channel and space names: Unicode and spaces kept, normalized, and hostile input refused
// with a reason (lib/names.ts). Runs the same code the forms and the services run.
const max = LIMITS.channelNameMaxChars;

describe("channel names", () => {
  it("keep Hangul, capitals and spaces as typed, trimmed and with runs of spaces collapsed", () => {
    expect(channelName("  알고리즘   문제 풀이 ")).toBe("알고리즘 문제 풀이");
    expect(channelName("Study Notes")).toBe("Study Notes");
    expect(channelName("공부\t방\n2")).toBe("공부 방 2"); // pasted tabs and newlines are spaces
    expect(channelName("일반\u3000채팅")).toBe("일반 채팅"); // ideographic space
    expect(channelName("## 공지")).toBe("공지"); // the list shows the "#"
    expect(channelName("Café ☕ 👨‍👩‍👧")).toBe("Café ☕ 👨‍👩‍👧"); // ZWJ inside an emoji sequence is kept
  });

  it("compose decomposed input (NFC), so a name typed on a Mac equals the same name typed elsewhere", () => {
    const nfd = "공부 방".normalize("NFD");
    expect(nfd).not.toBe("공부 방");
    expect(channelName(nfd)).toBe("공부 방");
    // 32 Hangul syllables typed decomposed are up to 96 UTF-16 units; still accepted.
    expect(channelName("가".repeat(max).normalize("NFD"))).toBe("가".repeat(max));
  });

  it("drop zero-width and invisible characters, so no two names look alike but differ", () => {
    expect(channelName("gen\u200Beral")).toBe("general");
    expect(channelName("\uFEFFgeneral\u2060")).toBe("general");
    expect(channelName("soft\u00ADhyphen")).toBe("softhyphen");
    expect(shapeChannelName("\u200B\u200B\u200D")).toEqual({ ok: false, problem: "empty" });
    expect(shapeChannelName("\u3164\u3164")).toEqual({ ok: false, problem: "empty" }); // Hangul filler, renders blank
    expect(shapeChannelName("   ")).toEqual({ ok: false, problem: "empty" });
    expect(shapeChannelName("#")).toEqual({ ok: false, problem: "empty" });
  });

  it("refuse control characters and bidi overrides rather than store them", () => {
    for (const bad of ["a\u0000b", "a\u0007", "\u001b[31mred", "x\u007f", "x\u0085y", "gnp\u202Eexe", "a\u202Ab", "\u2066x\u2069", "a\u200Fb", "a\u061Cb"]) {
      expect(shapeChannelName(bad), JSON.stringify(bad)).toEqual({ ok: false, problem: "control" });
    }
    expect(shapeChannelName(`Z${"\u0301".repeat(12)}algo`)).toEqual({ ok: false, problem: "control" });
    expect(channelName("Vie\u0302\u0323t")).toBe("Việt"); // two marks on a letter are ordinary
  });

  it("count length in characters after normalizing, and refuse very long input before doing any work on it", () => {
    expect(channelName("가".repeat(max))).toBe("가".repeat(max));
    expect(shapeChannelName("가".repeat(max + 1))).toEqual({ ok: false, problem: "too_long" });
    expect(channelName("😀".repeat(max))).toBe("😀".repeat(max)); // 64 UTF-16 units, 32 characters
    const huge = "a".repeat(5_000_000);
    const started = performance.now();
    expect(shapeChannelName(huge)).toEqual({ ok: false, problem: "too_long" });
    expect(shapeChannelName("a".repeat(rawCapFor(max) + 1))).toEqual({ ok: false, problem: "too_long" });
    expect(performance.now() - started).toBeLessThan(20);
  });

  it("fuzz: whatever comes in, what comes out is normalized, bounded, visible and free of controls", () => {
    const pool = [..."ab가힣 #\t\n\u0000\u001f\u007f\u0085\u00a0\u00ad\u0301\u061c\u115f\u180e\u200b\u200c\u200d\u200e\u202a\u202e\u2060\u2066\u2069\u3000\u3164\ufeff😀🇰🇷", "\u1100\u1161"];
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    for (let i = 0; i < 5000; i++) {
      const raw = Array.from({ length: next() % 60 }, () => pool[next() % pool.length]).join("");
      const shaped = shapeChannelName(raw);
      if (!shaped.ok) continue;
      const { name } = shaped;
      expect(name, JSON.stringify(raw)).toBe(name.normalize("NFC"));
      expect(name).toBe(name.trim());
      expect(name).not.toMatch(/\s\s|^[\u200c\u200d]|[\u200c\u200d]$/);
      expect(name).not.toMatch(/[\p{Cc}\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u3164]/u);
      expect([...name].length).toBeLessThanOrEqual(max);
      expect(name.startsWith("#")).toBe(false);
      expect(shapeChannelName(name)).toEqual({ ok: true, name }); // normalizing twice changes nothing
    }
  });
});

describe("space names", () => {
  it("are normalized the same way, with their own length limit", () => {
    expect(createSpaceInput.parse({ name: "  알고리즘\u200B   스터디 " })).toEqual({ name: "알고리즘 스터디" });
    expect(createSpaceInput.safeParse({ name: "evil\u202Egnp.exe" }).success).toBe(false);
    expect(createSpaceInput.safeParse({ name: "x".repeat(LIMITS.spaceNameMaxChars + 1) }).success).toBe(false);
    expect(normalizeName("모".repeat(LIMITS.spaceNameMaxChars), LIMITS.spaceNameMaxChars).ok).toBe(true);
  });
});
