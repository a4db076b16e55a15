import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { negotiateLocale } from "@/lib/i18n";
import { MESSAGES } from "@/messages";

const { en, ko } = MESSAGES;

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("i18n", () => {
  it("Korean and English have exactly the same message keys", () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });

  it("every error code has a sentence in both languages", () => {
    for (const code of ERROR_CODES) {
      expect(en.errors[code], code).toBeTruthy();
      expect(ko.errors[code], code).toBeTruthy();
    }
  });

  it("picks the saved choice, else the browser's best supported language, else Korean", () => {
    expect(negotiateLocale("en", "ko-KR,ko;q=0.9")).toBe("en");
    expect(negotiateLocale(undefined, "en-US,en;q=0.9,ko;q=0.8")).toBe("en");
    expect(negotiateLocale(undefined, "fr-FR,ko;q=0.5,en;q=0.4")).toBe("ko");
    expect(negotiateLocale(undefined, "de-DE")).toBe("ko");
    expect(negotiateLocale("xx", null)).toBe("ko");
    expect(negotiateLocale(undefined, "en;q=0,ko;q=0.1")).toBe("ko");
  });
});
