import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserSummary } from "@/lib/realtime/contract";
import { recordStudy } from "@/server/study/record";
import { getStudySettings, updateStudySettings } from "@/server/study/settings";
import { studyStatuses } from "@/server/study/status";
import { getDatabase } from "@/server/database";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe.each(dialects)("recording study on %s", (dialect) => {
  let drop: () => Promise<void>;
  let alice: UserSummary, bob: UserSummary;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    alice = await signUp({ email: "alice-record@example.test", password: "Alice-pass-123", name: "Alice" });
    bob = await signUp({ email: "bob-record@example.test", password: "Bob-pass-123", name: "Bob" });
  });
  afterAll(async () => drop());

  it("has the defaults until changed, and keeps a change", async () => {
    expect(await getStudySettings(alice.id)).toEqual({ timeZone: "Asia/Seoul", startHour: 5, dailyGoalMinutes: 0, hideFromRankings: false });
    await updateStudySettings(bob.id, { timeZone: "America/New_York", dailyGoalMinutes: 120 });
    expect(await getStudySettings(bob.id)).toMatchObject({ timeZone: "America/New_York", startHour: 5, dailyGoalMinutes: 120 });
  });

  it("files a late-night session under two study days, split at 05:00 Seoul time", async () => {
    // 23:00 KST on 1 December to 06:00 KST on the 2nd, with a 30-minute pause at 01:00
    const rows = await recordStudy(alice.id, {
      subject: "정보처리기사",
      spans: [
        [at("2026-12-01T14:00:00Z"), at("2026-12-01T16:00:00Z")],
        [at("2026-12-01T16:30:00Z"), at("2026-12-01T21:00:00Z")],
      ],
      source: "timer",
    });
    expect(rows.map((r) => [r.studyDay, r.studiedMs / H, r.pauseCount])).toEqual([
      ["2026-12-01", 5.5, 1],
      ["2026-12-02", 1, 0],
    ]);
    const { db, t } = await getDatabase();
    expect(await db.select().from(t.studySessions)).toHaveLength(2);
  });

  it("the same hours are another day in New York", async () => {
    const rows = await recordStudy(bob.id, { subject: "Math", spans: [[at("2026-12-01T14:00:00Z"), at("2026-12-01T16:00:00Z")]], source: "manual" });
    expect(rows.map((r) => r.studyDay)).toEqual(["2026-12-01"]); // 09:00–11:00 EST
  });

  it("refuses impossible sessions and overlaps, and writes nothing", async () => {
    const refuse = (spans: [number, number][]) => recordStudy(alice.id, { subject: "x", spans, source: "manual" }).then(() => "ok", (e: { code: string }) => e.code);
    expect(await refuse([[at("2026-11-20T10:00:00Z"), at("2026-11-20T09:00:00Z")]])).toBe("study_time");
    expect(await refuse([[at("2026-11-20T00:00:00Z"), at("2026-11-21T00:00:01Z")]])).toBe("study_time");
    expect(await refuse([[Date.now() + 10 * 60_000, Date.now() + 20 * 60_000]])).toBe("study_time");
    expect(await refuse([])).toBe("study_time");
    expect(await refuse([[at("2026-12-01T20:00:00Z"), at("2026-12-01T22:00:00Z")]])).toBe("study_overlap");
    expect(await refuse([[at("2026-12-01T21:00:00Z"), at("2026-12-01T22:00:00Z")]])).toBe("ok"); // touching is not overlapping
    // two concurrent sessions over the same hour: one is written
    const both = await Promise.all([
      refuse([[at("2026-11-25T01:00:00Z"), at("2026-11-25T02:00:00Z")]]),
      refuse([[at("2026-11-25T01:30:00Z"), at("2026-11-25T02:30:00Z")]]),
    ]);
    expect(both.sort()).toEqual(["ok", "study_overlap"]);
  });

  it("knows who is studying now and how long today", async () => {
    const { db, t } = await getDatabase();
    const now = at("2026-12-03T18:00:00Z"); // 13:00 in New York, well inside Bob's study day
    await db.insert(t.studyTimers).values({
      userId: bob.id,
      mode: "stopwatch",
      subject: "영어",
      startedAt: new Date(now - 20 * 60_000),
      runningSince: new Date(now - 10 * 60_000),
      segments: JSON.stringify([[now - 20 * 60_000, now - 15 * 60_000]]),
      focusMinutes: null,
      breakMinutes: null,
      version: 1,
      updatedAt: new Date(),
    });
    const statuses = await studyStatuses([alice.id, bob.id], now);
    expect(statuses.has(alice.id)).toBe(false);
    expect(statuses.get(bob.id)).toMatchObject({ state: "studying", subject: "영어", since: now - 10 * 60_000 });
    expect(statuses.get(bob.id)!.todayMs).toBe(15 * 60_000); // 5 min before the pause + 10 running; his session of the 1st is not today
  });
});
