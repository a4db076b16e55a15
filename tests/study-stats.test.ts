import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import { leaderboard as leaderboardSchema, studyStats as studyStatsSchema } from "@/lib/api/study-stats";
import type { UserSummary } from "@/lib/realtime/contract";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { csvField } from "@/server/study/export";
import { getLeaderboard } from "@/server/study/leaderboard";
import { recordStudy } from "@/server/study/record";
import { updateStudySettings } from "@/server/study/settings";
import { getStudyStats, streaksOf } from "@/server/study/stats";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { signedInPeople } from "./helpers/realtime";

const at = (iso: string) => Date.parse(iso);
const M = 60_000;
const H = 60 * M;
/** Thursday 3 December 2026, 21:00 in Seoul and 07:00 in New York: the week began Monday 30 November. */
const NOW = at("2026-12-03T12:00:00Z");

type Who = "Alice" | "Bob" | "Carol" | "Dave" | "Eve" | "Frank" | "Gina" | "Hana";

/** Records one stretch for a user, as the timer would, checked against NOW. */
const study = (user: UserSummary, subject: string, from: string, to: string, note?: string) =>
  recordStudy(user.id, { subject, spans: [[at(from), at(to)]], source: "timer", note }, { now: NOW });

/** RFC 4180 parsing, enough to read our own export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("streaks from the days meeting the goal", () => {
  it("run to today once met, to yesterday until then, and a missed day breaks them", () => {
    expect(streaksOf([], "2026-12-03")).toEqual({ current: 0, best: 0, todayMet: false });
    expect(streaksOf(["2026-12-01", "2026-12-02", "2026-12-03"], "2026-12-03")).toEqual({ current: 3, best: 3, todayMet: true });
    expect(streaksOf(["2026-12-01", "2026-12-02"], "2026-12-03")).toEqual({ current: 2, best: 2, todayMet: false });
    expect(streaksOf(["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-02"], "2026-12-03")).toEqual({ current: 1, best: 3, todayMet: false });
    expect(streaksOf(["2026-11-30", "2026-12-01"], "2026-12-03")).toEqual({ current: 0, best: 2, todayMet: false });
    // across a month's and a year's end
    expect(streaksOf(["2026-12-30", "2026-12-31", "2027-01-01"], "2027-01-01").current).toBe(3);
  });

  it("neutralises CSV fields a spreadsheet would run as formulas, and quotes what needs it", () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(["+1", "-2", "@SUM(A1)", "\tx", "\rx"].map(csvField)).toEqual(["'+1", "'-2", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("줄\n바꿈")).toBe('"줄\n바꿈"');
    expect(csvField("정보처리기사")).toBe("정보처리기사");
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3"); // numbers are ours, not text
  });
});

describe.each(dialects)("study stats on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let u: Record<Who, UserSummary>, cookies: Record<Who, string>;
  let spaceId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    ({ users: u, cookies } = await signedInPeople(["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Gina", "Hana"] as const, `stats-${dialect}`));
    await updateStudySettings(u.Bob.id, { timeZone: "America/New_York" });
    await updateStudySettings(u.Carol.id, { dailyGoalMinutes: 60 });
    await updateStudySettings(u.Eve.id, { hideFromRankings: true });

    // Alice, Seoul (05:00 day start)
    await study(u.Alice, "수학", "2026-12-03T00:00:00Z", "2026-12-03T01:00:00Z"); // 09–10 KST, the 3rd
    await study(u.Alice, "영어", "2026-12-02T19:30:00Z", "2026-12-02T20:30:00Z"); // 04:30–05:30 KST: 30 min on the 2nd, 30 on the 3rd
    await study(u.Alice, "수학", "2026-11-30T01:00:00Z", "2026-11-30T03:00:00Z"); // Monday 30 Nov: this week, last month
    await study(u.Alice, "영어", "2026-11-29T01:00:00Z", "2026-11-29T02:00:00Z"); // Sunday: last week
    // Bob, New York
    await study(u.Bob, "Math", "2026-12-03T09:30:00Z", "2026-12-03T10:30:00Z"); // 04:30–05:30 EST: split at 05:00
    await study(u.Bob, "Math", "2026-12-01T04:00:00Z", "2026-12-01T05:00:00Z"); // 23:00 on 30 Nov in New York (1 Dec in Seoul)
    // Carol, Seoul, a 60-minute goal: met on 28, 29, 30 Nov; missed 1 Dec; met 2 Dec; today not yet
    for (const d of ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-02"]) await study(u.Carol, "토익", `${d}T01:00:00Z`, `${d}T02:00:00Z`);
    await study(u.Carol, "토익", "2026-12-01T01:00:00Z", "2026-12-01T01:30:00Z");
    await study(u.Carol, "토익", "2026-12-03T01:00:00Z", "2026-12-03T01:20:00Z");
    // Eve studied most, but asked to be left out of rankings
    await study(u.Eve, "코딩", "2026-12-03T00:00:00Z", "2026-12-03T03:00:00Z");

    ({
      space: { id: spaceId },
    } = await createSpace(u.Alice.id, { name: "정처기 스터디" }));
    for (const who of ["Bob", "Carol", "Dave", "Eve", "Gina"] as const) await acceptInvite(u[who].id, (await createInvite(u.Alice.id, spaceId)).code);
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it("totals today, this week and this month by subject in Seoul, splitting at 05:00", async () => {
    const stats = await getStudyStats(u.Alice.id, { now: NOW });
    expect(stats.today).toBe("2026-12-03");
    expect(stats.totals.today).toEqual({
      from: "2026-12-03",
      to: "2026-12-03",
      totalMs: 1.5 * H,
      bySubject: [
        { subject: "수학", ms: H },
        { subject: "영어", ms: 30 * M },
      ],
    });
    expect(stats.totals.week).toMatchObject({ from: "2026-11-30", totalMs: 4 * H, bySubject: [{ subject: "수학", ms: 3 * H }, { subject: "영어", ms: H }] });
    expect(stats.totals.month).toMatchObject({ from: "2026-12-01", totalMs: 2 * H });
    expect(studyStatsSchema.parse(stats)).toBeTruthy();
  });

  it("counts a New York user's days in New York", async () => {
    const stats = await getStudyStats(u.Bob.id, { now: NOW });
    expect(stats.today).toBe("2026-12-03"); // 07:00 EST
    expect([stats.totals.today.totalMs, stats.totals.week.totalMs, stats.totals.month.totalMs]).toEqual([30 * M, 2 * H, H]);
    // 04:00 EST on the 3rd is still the 2nd's study day
    expect(stats.heatmap.days.filter((d) => d.ms > 0)).toEqual([
      { day: "2026-11-30", ms: H },
      { day: "2026-12-02", ms: 30 * M },
      { day: "2026-12-03", ms: 30 * M },
    ]);
    // Just before 05:00 in New York it is still the 2nd
    expect((await getStudyStats(u.Bob.id, { now: at("2026-12-03T09:59:00Z") })).today).toBe("2026-12-02");
  });

  it("gives a heatmap of every day, the week's chart by subject, and bounds the range", async () => {
    const stats = await getStudyStats(u.Alice.id, { now: NOW });
    expect(stats.heatmap.days).toHaveLength(365);
    expect(stats.heatmap).toMatchObject({ from: "2025-12-04", to: "2026-12-03" });
    expect(stats.heatmap.days.slice(-6)).toEqual([
      { day: "2026-11-28", ms: 0 },
      { day: "2026-11-29", ms: H },
      { day: "2026-11-30", ms: 2 * H },
      { day: "2026-12-01", ms: 0 },
      { day: "2026-12-02", ms: 30 * M },
      { day: "2026-12-03", ms: 1.5 * H },
    ]);
    expect(stats.chart.days.map((d) => d.day)).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(stats.chart.days[3]).toEqual({ day: "2026-12-03", totalMs: 1.5 * H, bySubject: { 수학: H, 영어: 30 * M } });
    expect(stats.chart.subjects).toEqual(["수학", "영어"]);
    const last7 = await getStudyStats(u.Alice.id, { now: NOW, chart: "last7", heatmapDays: 9999 });
    expect(last7.chart.days.map((d) => d.day)).toEqual(["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"]);
    expect(last7.heatmap.days).toHaveLength(366);
  });

  it("counts a streak of days meeting the goal, today only once met; with no goal any study counts", async () => {
    expect((await getStudyStats(u.Carol.id, { now: NOW })).streak).toEqual({ current: 1, best: 3, todayMet: false, goalMinutes: 60 });
    await study(u.Carol, "토익", "2026-12-03T02:00:00Z", "2026-12-03T02:40:00Z"); // 20 + 40 minutes today
    expect((await getStudyStats(u.Carol.id, { now: NOW })).streak).toEqual({ current: 2, best: 3, todayMet: true, goalMinutes: 60 });
    await updateStudySettings(u.Carol.id, { dailyGoalMinutes: 0 });
    expect((await getStudyStats(u.Carol.id, { now: NOW })).streak).toEqual({ current: 6, best: 6, todayMet: true, goalMinutes: 0 });
    await updateStudySettings(u.Carol.id, { dailyGoalMinutes: 60 });
    // Alice (no goal) missed the 1st: the streak is the 2nd and today
    expect((await getStudyStats(u.Alice.id, { now: NOW })).streak).toMatchObject({ current: 2, best: 2 });
    // Nobody studied: nothing
    expect((await getStudyStats(u.Dave.id, { now: NOW })).streak).toEqual({ current: 0, best: 0, todayMet: false, goalMinutes: 0 });
  });

  it("ranks a space's members by their own period, leaves out who opted out but counts their time", async () => {
    const names = (b: Awaited<ReturnType<typeof getLeaderboard>>) => b.entries.map((e) => [e.rank, e.user.name, e.ms / M]);
    const today = await getLeaderboard(u.Bob.id, spaceId, "today", NOW);
    expect(names(today)).toEqual([
      [1, "Alice", 90],
      [2, "Carol", 60],
      [3, "Bob", 30],
      [4, "Dave", 0],
      [4, "Gina", 0], // a tie shares the rank
    ]);
    expect(today.entries.some((e) => e.user.id === u.Eve.id)).toBe(false);
    expect(today.totalMs).toBe((90 + 30 + 60 + 180) * M); // Eve's 3 hours in the total
    expect(today.memberCount).toBe(6);
    expect(today.me).toEqual({ rank: 3, ms: 30 * M, hidden: false });
    expect(leaderboardSchema.parse(today)).toBeTruthy();

    const week = await getLeaderboard(u.Alice.id, spaceId, "week", NOW);
    expect(names(week).slice(0, 3)).toEqual([
      [1, "Alice", 240],
      [2, "Carol", 60 + 30 + 60 + 60],
      [3, "Bob", 120],
    ]);
    expect(week).toMatchObject({ from: "2026-11-30", to: "2026-12-03" });
    // Bob's session at 23:00 on 30 November in New York is not his December, though it was 1 December in Seoul
    const month = await getLeaderboard(u.Alice.id, spaceId, "month", NOW);
    expect(names(month).slice(0, 3)).toEqual([
      [1, "Carol", 30 + 60 + 60],
      [2, "Alice", 120],
      [3, "Bob", 60],
    ]);
    const eve = await getLeaderboard(u.Eve.id, spaceId, "today", NOW);
    expect(eve.me).toEqual({ rank: null, ms: 3 * H, hidden: true });
    await expect(getLeaderboard(u.Frank.id, spaceId, "today", NOW)).rejects.toMatchObject({ code: "forbidden" });
  });

  const get = async (who: Who, path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie: cookies[who], origin: server.origin } });
    return res;
  };
  const send = async (who: Who, method: string, path: string, body: unknown, type = "application/json") => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], origin: server.origin, "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; error?: { code: string }; [k: string]: unknown } };
  };

  it("serves the stats and the leaderboard over HTTP, to members only, with bounded parameters", async () => {
    const res = await get("Alice", "/api/study/stats?days=30&chart=last7");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stats: unknown };
    expect(studyStatsSchema.parse(body.stats).heatmap.days).toHaveLength(30);
    const board = await get("Bob", `/api/spaces/${spaceId}/leaderboard?period=week`);
    expect(board.status).toBe(200);
    expect(leaderboardSchema.parse(((await board.json()) as { leaderboard: unknown }).leaderboard).period).toBe("week");
    expect((await get("Frank", `/api/spaces/${spaceId}/leaderboard`)).status).toBe(403);
    expect((await get("Alice", `/api/spaces/nope/leaderboard`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/study/stats`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/spaces/${spaceId}/leaderboard`)).status).toBe(401);
    const bad = [
      "/api/study/stats?days=abc",
      "/api/study/stats?days=1000",
      "/api/study/stats?days=-1",
      "/api/study/stats?days=6",
      "/api/study/stats?days=1e3",
      "/api/study/stats?chart=year",
      "/api/study/stats?other=1",
      "/api/study/stats?days=30&days=31",
      `/api/study/stats?chart=${"x".repeat(2000)}`,
      `/api/spaces/${spaceId}/leaderboard?period=year`,
      `/api/spaces/${spaceId}/leaderboard?period=today&period=week`,
      `/api/spaces/${spaceId}/leaderboard?period[]=week`,
      "/api/study/sessions/export?from=2026-02-30",
      "/api/study/sessions/export?from=2026-12-05&to=2026-12-01",
      "/api/study/sessions/export?from=20261201",
      `/api/study/sessions/export?to=${"9".repeat(50)}`,
    ];
    for (const path of bad) {
      const r = await get("Alice", path);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code, path).toBe("validation");
    }
  });

  it("adds a session by hand over HTTP with the rules of every session, and changes settings", async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const added = await send("Dave", "POST", "/api/study/sessions", { subject: "  행정법 ", startedAt: iso(now - 3 * H), endedAt: iso(now - 2 * H), note: "복습" });
    expect(added.status).toBe(200);
    expect(added.json.sessions).toEqual([expect.objectContaining({ studiedMs: H })]);
    expect((await send("Dave", "POST", "/api/study/sessions", { subject: "x", startedAt: iso(now - 2.5 * H), endedAt: iso(now - H) })).json.error?.code).toBe("study_overlap");
    expect((await send("Dave", "POST", "/api/study/sessions", { subject: "x", startedAt: iso(now + H), endedAt: iso(now + 2 * H) })).json.error?.code).toBe("study_time");
    expect((await send("Dave", "POST", "/api/study/sessions", { subject: "x", startedAt: iso(now - H), endedAt: iso(now - 2 * H) })).json.error?.code).toBe("study_time");
    const badBodies: unknown[] = [
      {},
      { subject: "", startedAt: iso(now - H), endedAt: iso(now) },
      { subject: "   ", startedAt: iso(now - H), endedAt: iso(now) },
      { subject: "x".repeat(41), startedAt: iso(now - H), endedAt: iso(now) },
      { subject: "x", startedAt: now - H, endedAt: now },
      { subject: "x", startedAt: "yesterday", endedAt: iso(now) },
      { subject: "x", startedAt: "2026-12-01T10:00:00", endedAt: iso(now) }, // no offset: which zone?
      { subject: "x", startedAt: iso(now - H), endedAt: iso(now), note: "n".repeat(501) },
      { subject: "x", startedAt: iso(now - H), endedAt: iso(now), userId: u.Alice.id },
      [1, 2],
      "null",
      "{not json",
    ];
    for (const body of badBodies) expect((await send("Dave", "POST", "/api/study/sessions", body)).status, JSON.stringify(body)).toBe(400);
    expect((await send("Dave", "POST", "/api/study/sessions", "subject=x", "text/plain")).json.error?.code).toBe("not_json");
    expect((await send("Dave", "POST", "/api/study/sessions", { subject: "x".repeat(200_000) })).status).toBe(400);

    const set = await send("Dave", "PATCH", "/api/study/settings", { dailyGoalMinutes: 90, hideFromRankings: true, timeZone: "asia/seoul" });
    expect(set.json.settings).toEqual({ timeZone: "Asia/Seoul", startHour: 5, dailyGoalMinutes: 90, hideFromRankings: true });
    for (const body of [{ timeZone: "Mars/Base" }, { dailyGoalMinutes: -1 }, { dailyGoalMinutes: 24 * 60 + 1 }, { startHour: 24 }, { hideFromRankings: "yes" }, { extra: 1 }])
      expect((await send("Dave", "PATCH", "/api/study/settings", body)).status, JSON.stringify(body)).toBe(400);
    await send("Dave", "PATCH", "/api/study/settings", { hideFromRankings: false, dailyGoalMinutes: 0 });
  });

  it("exports one's own sessions as CSV: a BOM, a header, zone offsets, escaped and neutralised fields", async () => {
    await updateStudySettings(u.Hana.id, { timeZone: "America/New_York" });
    await recordStudy(u.Hana.id, { subject: '=HYPERLINK("http://evil.example","클릭")', spans: [[at("2026-11-20T14:00:00Z"), at("2026-11-20T15:30:00Z")]], source: "timer" });
    await recordStudy(u.Hana.id, {
      subject: "정보처리기사, 실기",
      spans: [
        [at("2026-11-21T09:00:00Z"), at("2026-11-21T09:40:00Z")],
        [at("2026-11-21T09:50:00Z"), at("2026-11-21T10:30:00Z")],
      ], // 04:00–05:30 EST: split at 05:00
      note: '오답 "정리"\n두 줄',
      source: "manual",
      edited: true,
    });
    const res = await get("Hana", "/api/study/sessions/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]).toEqual(["study_day", "subject", "started_at", "ended_at", "studied_minutes", "pause_count", "source", "edited", "note"]);
    expect(rows.slice(1)).toEqual([
      ["2026-11-20", `'=HYPERLINK("http://evil.example","클릭")`, "2026-11-20T09:00:00.000-05:00", "2026-11-20T10:30:00.000-05:00", "90", "0", "timer", "false", ""],
      ["2026-11-20", "정보처리기사, 실기", "2026-11-21T04:00:00.000-05:00", "2026-11-21T05:00:00.000-05:00", "50", "1", "manual", "true", '오답 "정리"\n두 줄'],
      ["2026-11-21", "정보처리기사, 실기", "2026-11-21T05:00:00.000-05:00", "2026-11-21T05:30:00.000-05:00", "30", "0", "manual", "true", '오답 "정리"\n두 줄'],
    ]);
    // A range of study days, and someone else's sessions never
    const one = parseCsv((await (await get("Hana", "/api/study/sessions/export?from=2026-11-21&to=2026-11-21")).text()).replace(/^\uFEFF/, ""));
    expect(one.slice(1).map((r) => r[0])).toEqual(["2026-11-21"]);
    const alice = parseCsv((await (await get("Alice", "/api/study/sessions/export")).text()).replace(/^\uFEFF/, ""));
    expect(alice.slice(1).every((r) => !r[1]!.includes("HYPERLINK"))).toBe(true);
    expect(alice[1]![2]).toMatch(/\+09:00$/);
    expect((await fetch(`${server.url}/api/study/sessions/export`)).status).toBe(401);
  });
});
