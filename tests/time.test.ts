import { describe, expect, it } from "vitest";
import { canonicalTimeZone, civilDay, dayKey, defaultTimeZone, formatInZone, relativeDay, startsNewDay } from "@/lib/time";
import { resolveTimeZone, timeZoneSchema } from "@/lib/time-zone";

// Written for a machine in any zone: every case names the zone it reads the calendar in.
const at = (iso: string) => new Date(iso);
const ko = { locale: "ko", dayPeriods: { am: "오전", pm: "오후" } };
const en = { locale: "en", dayPeriods: { am: "AM", pm: "PM" } };

describe("the reader's calendar", () => {
  it("splits days at the reader's midnight, not the server's", () => {
    // 14:00 and 16:00 UTC: one day in UTC and New York, two in Seoul (23:00, then 01:00).
    const [a, b] = ["2026-11-27T14:00:00Z", "2026-11-27T16:00:00Z"];
    expect(startsNewDay(a, b, "Asia/Seoul")).toBe(true);
    expect(startsNewDay(a, b, "UTC")).toBe(false);
    expect(startsNewDay(a, b, "America/New_York")).toBe(false);
    expect(startsNewDay(undefined, b, "UTC")).toBe(true);
    expect(dayKey(at(b), "Asia/Seoul")).toBe("2026-11-28");
    expect(dayKey(at(b), "America/New_York")).toBe("2026-11-27");
  });

  it("counts today and yesterday in the reader's zone", () => {
    const now = at("2026-12-01T16:30:00Z"); // 01:30 on 2 December in Seoul, 11:30 on 1 December in New York
    const earlier = at("2026-12-01T14:00:00Z"); // 23:00 on 1 December in Seoul
    expect(relativeDay(earlier, now, "Asia/Seoul")).toBe("yesterday");
    expect(relativeDay(earlier, now, "America/New_York")).toBe("today");
    expect(relativeDay(at("2026-11-24T03:00:00Z"), now, "Asia/Seoul")).toBe("thisYear");
    expect(relativeDay(at("2025-11-24T03:00:00Z"), now, "Asia/Seoul")).toBe("older");
    expect(relativeDay(at("2026-12-01T16:31:00Z"), now, "Asia/Seoul")).toBe("today"); // a clock a minute ahead
    // New Year's Eve in New York is already New Year's Day in Seoul: this year there, last year here.
    expect(relativeDay(at("2026-12-31T16:00:00Z"), at("2027-01-05T03:00:00Z"), "Asia/Seoul")).toBe("thisYear");
    expect(relativeDay(at("2026-12-31T16:00:00Z"), at("2027-01-05T03:00:00Z"), "America/New_York")).toBe("older");
  });

  it("keeps whole days across a daylight-saving change", () => {
    // New York springs forward on 8 March 2026: the 23-hour day is still one day.
    expect(civilDay(at("2026-03-09T04:00:00Z"), "America/New_York") - civilDay(at("2026-03-08T05:00:00Z"), "America/New_York")).toBe(1);
    expect(relativeDay(at("2026-03-08T05:30:00Z"), at("2026-03-09T03:30:00Z"), "America/New_York")).toBe("today");
  });
});

describe("formatInZone", () => {
  it("writes 오전/오후 and plain spaces whatever this runtime's ICU says", () => {
    const t = at("2026-11-28T08:54:00Z");
    expect(formatInZone(t, { ...ko, timeZone: "Asia/Seoul" }, { hour: "numeric", minute: "2-digit" })).toBe("오후 5:54");
    expect(formatInZone(t, { ...ko, timeZone: "UTC" }, { hour: "numeric", minute: "2-digit" })).toBe("오전 8:54");
    expect(formatInZone(t, { ...en, timeZone: "America/New_York" }, { hour: "numeric", minute: "2-digit" })).toBe("3:54 AM");
    expect(formatInZone(t, { ...ko, timeZone: "Asia/Seoul" }, { dateStyle: "full" })).toBe("2026년 11월 28일 토요일");
    expect(formatInZone(t, { ...ko, timeZone: "Asia/Seoul" }, { dateStyle: "full", timeStyle: "short" })).toBe(
      "2026년 11월 28일 토요일 오후 5:54",
    );
    expect(formatInZone(at("2026-11-28T15:10:00Z"), { ...ko, timeZone: "Asia/Seoul" }, { hour: "numeric", minute: "2-digit" })).toBe(
      "오전 12:10",
    );
  });
});

describe("the time zone cookie", () => {
  it("accepts zones Intl knows, canonically spelled", () => {
    expect(timeZoneSchema.parse("Asia/Seoul")).toBe("Asia/Seoul");
    expect(timeZoneSchema.parse("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
  });

  it("refuses anything else and falls back to the locale's zone", () => {
    for (const bad of ["", "Mars/Olympus_Mons", "Asia/Seoul; path=/", "../../etc/passwd", "<script>", "A".repeat(65), "Asia/Seoul\n"]) {
      expect(timeZoneSchema.safeParse(bad).success, bad).toBe(false);
      expect(resolveTimeZone(bad, "ko")).toBe("Asia/Seoul");
    }
    expect(resolveTimeZone(undefined, "ko")).toBe(defaultTimeZone("ko"));
    expect(resolveTimeZone(undefined, "en")).toBe("UTC");
    expect(resolveTimeZone("Europe/Berlin", "ko")).toBe("Europe/Berlin");
  });
});
