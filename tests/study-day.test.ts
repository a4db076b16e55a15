import { describe, expect, it } from "vitest";
import { addStudyDays, splitByStudyDay, studyDayOf, studyDaySpan, studyDayStart, weekStartOf, weekdayOf } from "@/lib/study-day";

const seoul = { timeZone: "Asia/Seoul", startHour: 5 };
const newYork = { timeZone: "America/New_York", startHour: 5 };
const at = (iso: string) => Date.parse(iso);

describe("the study day", () => {
  it("starts at 05:00 in Asia/Seoul: 04:59 is still yesterday, 05:00 is today", () => {
    expect(studyDayOf(at("2026-12-03T19:59:59Z"), seoul)).toBe("2026-12-03"); // 04:59:59 KST on the 4th
    expect(studyDayOf(at("2026-12-03T20:00:00Z"), seoul)).toBe("2026-12-04"); // 05:00 KST
    expect(studyDayOf(at("2026-12-04T14:59:00Z"), seoul)).toBe("2026-12-04"); // 23:59 KST
    expect(new Date(studyDayStart("2026-12-04", seoul)).toISOString()).toBe("2026-12-03T20:00:00.000Z");
  });

  it("is a day of the user's own zone, and 23 or 25 hours long across DST in New York", () => {
    expect(studyDayOf(at("2026-12-04T09:59:00Z"), newYork)).toBe("2026-12-03"); // 04:59 EST
    expect(studyDayOf(at("2026-12-04T10:00:00Z"), newYork)).toBe("2026-12-04");
    const [springStart, springEnd] = studyDaySpan("2026-03-07", newYork); // clocks go forward at 02:00 on the 8th, inside this day
    expect((springEnd - springStart) / 3_600_000).toBe(23);
    const [fallStart, fallEnd] = studyDaySpan("2026-10-31", newYork); // and back at 02:00 on 1 November
    expect((fallEnd - fallStart) / 3_600_000).toBe(25);
    expect(new Date(springEnd).toISOString()).toBe("2026-03-08T09:00:00.000Z"); // 05:00 EDT
  });

  it("a midnight start hour makes it the calendar day", () => {
    const midnight = { timeZone: "Asia/Seoul", startHour: 0 };
    expect(studyDayOf(at("2026-12-03T15:00:00Z"), midnight)).toBe("2026-12-04");
    expect(studyDayOf(at("2026-12-03T14:59:59Z"), midnight)).toBe("2026-12-03");
  });

  it("splits a session across the day's start into one piece per day", () => {
    // 23:00 KST on the 3rd to 06:30 KST on the 4th
    const pieces = splitByStudyDay([[at("2026-12-03T14:00:00Z"), at("2026-12-03T21:30:00Z")]], seoul);
    expect([...pieces.keys()]).toEqual(["2026-12-03", "2026-12-04"]);
    expect(pieces.get("2026-12-03")).toEqual([[at("2026-12-03T14:00:00Z"), at("2026-12-03T20:00:00Z")]]);
    expect(pieces.get("2026-12-04")).toEqual([[at("2026-12-03T20:00:00Z"), at("2026-12-03T21:30:00Z")]]);
    const inside = splitByStudyDay([[at("2026-12-04T01:00:00Z"), at("2026-12-04T02:00:00Z")]], seoul);
    expect([...inside.keys()]).toEqual(["2026-12-04"]);
  });

  it("counts days and weeks on the civil calendar", () => {
    expect(addStudyDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addStudyDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayOf("2026-12-07")).toBe(1); // a Monday
    expect(weekStartOf("2026-12-06")).toBe("2026-11-30");
  });
});
