import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import { openDatabase } from "@/db/client";
import type { StudyTimerSnapshot, UserSummary } from "@/lib/realtime/contract";
import { getDatabase, setDatabase, type Database } from "@/server/database";
import { acceptFriendRequest, blockUser, sendFriendRequest } from "@/server/services/friends";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { updateStudySettings } from "@/server/study/settings";
import { commandTimer, readTimer } from "@/server/study/timer";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, inbox, nextEvent, settle, signedInPeople, type TestSocket } from "./helpers/realtime";

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
type Server = Awaited<ReturnType<typeof startApiServer>>;

describe.each(dialects)("the personal study timer and one's own sessions on %s", (dialect) => {
  /** Handles opened by the restart test, closed before the suite's own. */
  const reopened: Database[] = [];
  let url: string;
  let drop: () => Promise<void>;
  let server: Server;
  let users: Record<"Minji" | "Jisoo" | "Haneul" | "Dohyun" | "Yuna", UserSummary>;
  let cookies: Record<keyof typeof users, string>;
  const open: TestSocket[] = [];
  const socketOf = async (cookie: string) => {
    const s = await connectAs(server, cookie);
    open.push(s);
    return s;
  };

  /** A request as the browser sends it (our Origin, the session cookie, JSON). */
  async function call(method: string, path: string, cookie: string | null, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: server.origin, ...headers };
    if (cookie) h.cookie = cookie;
    if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> & { error?: { code: string } } };
  }
  const codeOf = (r: { json: { ok?: unknown; error?: { code: string } } }) => (r.json.ok ? "ok" : r.json.error?.code);

  beforeAll(async () => {
    ({ url, drop } = await freshDatabase(dialect));
    server = await startApiServer();
    ({ users, cookies } = await signedInPeople(["Minji", "Jisoo", "Haneul", "Dohyun", "Yuna"] as const, `timer-${dialect}`));
    // Minji, Jisoo and Dohyun share a study space; Haneul is Minji's friend only; Yuna is a stranger. Dohyun blocks Minji.
    const { space } = await createSpace(users.Minji.id, { name: "정보처리기사 스터디" });
    const { code } = await createInvite(users.Minji.id, space.id);
    await acceptInvite(users.Jisoo.id, code);
    await acceptInvite(users.Dohyun.id, code);
    await sendFriendRequest(users.Minji.id, { userId: users.Haneul.id });
    await acceptFriendRequest(users.Haneul.id, { userId: users.Minji.id });
    await blockUser(users.Dohyun.id, { userId: users.Minji.id });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    for (const handle of reopened) await handle.close();
    await drop?.();
  });

  it("shows one timer live in two tabs of the same user, and refuses a command based on a stale version", async () => {
    const [tabA, tabB] = [await socketOf(cookies.Jisoo), await socketOf(cookies.Jisoo)];
    const heardB = nextEvent(tabB, "study:timer:state");
    const started = await ask(tabA, "study:timer", { action: "start", subject: "정보처리기사 실기", mode: "stopwatch" });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.timer).toMatchObject({ subject: "정보처리기사 실기", mode: "stopwatch", segments: [], runningSince: started.serverNow });
    expect(await heardB).toEqual({ timer: started.timer, serverNow: started.serverNow });

    // Starting again (from either tab, or both at once) is refused: one timer per user.
    const again = await Promise.all([
      ask(tabA, "study:timer", { action: "start", subject: "영어", mode: "stopwatch" }),
      ask(tabB, "study:timer", { action: "start", subject: "수학", mode: "pomodoro" }),
    ]);
    expect(again.map((a) => (a.ok ? "ok" : a.error.code))).toEqual(["timer_running", "timer_running"]);

    const heardA = nextEvent(tabA, "study:timer:state");
    const paused = await ask(tabB, "study:timer", { action: "pause", version: started.timer!.version });
    if (!paused.ok) throw new Error(paused.error.message);
    expect(paused.timer).toMatchObject({ runningSince: null, version: started.timer!.version + 1 });
    expect(paused.timer!.segments).toHaveLength(1);
    expect((await heardA).timer).toEqual(paused.timer);

    // Tab A still thinks it runs: its pause names the old version, is refused, and tab A is told the timer as it is.
    const redraw = nextEvent(tabA, "study:timer:state");
    const stale = await ask(tabA, "study:timer", { action: "pause", version: started.timer!.version });
    expect(stale).toMatchObject({ ok: false, error: { code: "timer_stale" } });
    expect((await redraw).timer).toEqual(paused.timer);

    const resumed = await ask(tabA, "study:timer", { action: "resume", version: paused.timer!.version });
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.timer!.runningSince).not.toBeNull();
    const changed = nextEvent(tabB, "study:sessions:changed");
    const stopped = await ask(tabB, "study:timer", { action: "stop", version: resumed.timer!.version, note: "기출 2회분" });
    if (!stopped.ok) throw new Error(stopped.error.message);
    expect(stopped).toMatchObject({ timer: null, recorded: 1 });
    await changed;
    const list = await call("GET", "/api/study/sessions", cookies.Jisoo);
    expect(list.json.sessions).toMatchObject([
      { subject: "정보처리기사 실기", note: "기출 2회분", source: "timer", edited: false, pauseCount: 1 },
    ]);
    // A command on the stopped timer is stale too.
    expect(await ask(tabA, "study:timer", { action: "resume", version: resumed.timer!.version })).toMatchObject({
      ok: false,
      error: { code: "timer_stale" },
    });
  });

  it("records what it counted at stop, split at 05:00 Seoul time; a timer that counted nothing records nothing", async () => {
    const me = users.Haneul.id;
    await updateStudySettings(me, { timeZone: "Asia/Seoul", startHour: 5 });
    // 03:00 KST on 2 December to 06:00 KST, a 30-minute pause at 04:00
    const t0 = at("2026-12-01T18:00:00Z");
    const s = await commandTimer(me, { action: "start", subject: "알고리즘", mode: "stopwatch" }, t0);
    const p = await commandTimer(me, { action: "pause", version: s.timer!.version }, t0 + H);
    const r = await commandTimer(me, { action: "resume", version: p.timer!.version }, t0 + 1.5 * H);
    const stopped = await commandTimer(me, { action: "stop", version: r.timer!.version, note: "새벽 공부" }, t0 + 3 * H);
    expect(stopped).toMatchObject({ timer: null, recorded: 2 });
    const { db, t } = await getDatabase();
    const { eq } = await import("drizzle-orm");
    const rows = await db.select().from(t.studySessions).where(eq(t.studySessions.userId, me));
    expect(rows.map((row) => [row.studyDay, row.studiedMs / MIN, row.note]).sort()).toEqual([
      ["2026-12-01", 90, "새벽 공부"], // 03:00–04:00 and 04:30–05:00 KST still belong to the 1st
      ["2026-12-02", 60, "새벽 공부"],
    ]);
    // Started and stopped at once: nothing to record, and the timer is gone.
    const empty = await commandTimer(me, { action: "start", subject: "알고리즘", mode: "stopwatch" }, t0 + 4 * H);
    expect(await commandTimer(me, { action: "stop", version: empty.timer!.version }, t0 + 4 * H)).toMatchObject({
      timer: null,
      recorded: 0,
    });
    expect((await readTimer(me)).timer).toBeNull();
  });

  it("runs pomodoro phases on the server clock and counts only focus", async () => {
    const me = users.Yuna.id;
    const t0 = at("2026-11-20T01:00:00Z");
    const s = await commandTimer(me, { action: "start", subject: "수학", mode: "pomodoro", focusMinutes: 25, breakMinutes: 5 }, t0);
    expect(s.timer).toMatchObject({ mode: "pomodoro", focusMinutes: 25, breakMinutes: 5 });
    const stopped = await commandTimer(me, { action: "stop", version: s.timer!.version }, t0 + 62 * MIN);
    // focus 0–25, break 25–30, focus 30–55, break 55–60, focus 60–62
    expect(stopped.recorded).toBe(1);
    const { db, t } = await getDatabase();
    const { eq } = await import("drizzle-orm");
    const [row] = await db.select().from(t.studySessions).where(eq(t.studySessions.userId, me));
    expect(row).toMatchObject({ studiedMs: 52 * MIN, pauseCount: 2 });
    // Lengths outside LIMITS are refused before anything is written.
    const bad = await call("POST", "/api/study/timer", cookies.Yuna, {
      action: "start",
      subject: "수학",
      mode: "pomodoro",
      focusMinutes: 0,
    });
    expect(codeOf(bad)).toBe("validation");
    expect(
      codeOf(
        await call("POST", "/api/study/timer", cookies.Yuna, { action: "start", subject: "수학", mode: "pomodoro", breakMinutes: 61 }),
      ),
    ).toBe("validation");
  });

  it("survives a server restart: a fresh database handle and a new Socket.IO server read the same timer back", async () => {
    const tab = await socketOf(cookies.Minji);
    const started = await ask(tab, "study:timer", {
      action: "start",
      subject: "영어 단어",
      mode: "pomodoro",
      focusMinutes: 50,
      breakMinutes: 10,
    });
    if (!started.ok) throw new Error(started.error.message);
    tab.close();
    await server.close();
    // The process's database handle goes too: what comes back is only what was stored.
    const fresh = await openDatabase({ dialect, url });
    setDatabase(fresh);
    server = await startApiServer();
    const back = await socketOf(cookies.Minji);
    const read = await ask(back, "study:timer", { action: "get" });
    expect(read).toMatchObject({ ok: true, timer: started.timer });
    const overHttp = await call("GET", "/api/study/timer", cookies.Minji);
    expect((overHttp.json as unknown as StudyTimerSnapshot).timer).toEqual(started.timer);
    reopened.push(fresh);
  });

  it("shows who is studying now to a co-member and a friend, live, and not to a stranger or someone who blocked them", async () => {
    // Minji's pomodoro from the test before is still running.
    const [jisoo, haneul, yuna, dohyun] = [
      await socketOf(cookies.Jisoo),
      await socketOf(cookies.Haneul),
      await socketOf(cookies.Yuna),
      await socketOf(cookies.Dohyun),
    ];
    const minjiId = users.Minji.id;
    for (const s of [jisoo, haneul, yuna, dohyun]) await ask(s, "presence:watch", { userIds: [minjiId] });
    const seen = async (s: TestSocket) => {
      const ack = await ask(s, "study:statuses", { userIds: [minjiId] });
      if (!ack.ok) throw new Error(ack.error.message);
      return ack.statuses[minjiId] ?? null;
    };
    expect(await seen(jisoo)).toMatchObject({ state: "studying", subject: "영어 단어" });
    expect(await seen(haneul)).toMatchObject({ state: "studying", subject: "영어 단어" });
    expect(await seen(yuna)).toBeNull();
    expect(await seen(dohyun)).toBeNull();

    const dohyunHeard = inbox(dohyun, "study:status");
    const yunaHeard = inbox(yuna, "study:status");
    const jisooHears = nextEvent(jisoo, "study:status");
    const haneulHears = nextEvent(haneul, "study:status");
    const minji = await socketOf(cookies.Minji);
    const current = await ask(minji, "study:timer", { action: "get" });
    if (!current.ok) throw new Error(current.error.message);
    await ask(minji, "study:timer", { action: "pause", version: current.timer!.version });
    expect(await jisooHears).toMatchObject({ userId: minjiId, status: { state: "paused", subject: "영어 단어", since: null } });
    expect((await haneulHears).status?.state).toBe("paused");
    await settle(dohyun, yuna);
    expect(dohyunHeard).toEqual([]);
    expect(yunaHeard).toEqual([]);
    const gone = nextEvent(jisoo, "study:status");
    const paused = await ask(minji, "study:timer", { action: "get" });
    await ask(minji, "study:timer", { action: "discard", version: paused.ok ? paused.timer!.version : 0 });
    expect(await gone).toMatchObject({ userId: minjiId, status: null });
  });

  it("adds, fixes and deletes sessions by hand, refusing overlaps with recorded ones and with the running timer", async () => {
    const me = cookies.Dohyun;
    const add = (startedAt: string, endedAt: string, subject = "자료구조") =>
      call("POST", "/api/study/sessions", me, { subject, startedAt, endedAt, note: "복습" });
    const first = await add("2026-11-30T10:00:00+09:00", "2026-11-30T12:00:00+09:00");
    expect(first.json).toMatchObject({
      ok: true,
      sessions: [{ subject: "자료구조", studiedMs: 2 * H, edited: true, source: "manual", studyDay: "2026-11-30" }],
    });
    const firstId = (first.json.sessions as { id: string }[])[0]!.id;
    expect(codeOf(await add("2026-11-30T11:00:00+09:00", "2026-11-30T13:00:00+09:00"))).toBe("study_overlap");
    expect(codeOf(await add("2026-11-30T12:00:00+09:00", "2026-11-30T11:00:00+09:00"))).toBe("study_time");
    expect(codeOf(await add("2026-11-28T10:00:00+09:00", "2026-11-29T10:00:01+09:00"))).toBe("study_time");
    expect(codeOf(await add(new Date(Date.now() + H).toISOString(), new Date(Date.now() + 2 * H).toISOString()))).toBe("study_time");
    // Across 05:00 it is two rows, one per study day.
    const late = await add("2026-11-30T23:00:00+09:00", "2026-12-01T06:00:00+09:00");
    expect((late.json.sessions as { studyDay: string }[]).map((s) => s.studyDay)).toEqual(["2026-11-30", "2026-12-01"]);

    // The running timer's span (from its start to now) is off limits.
    const timer = await call("POST", "/api/study/timer", me, { action: "start", subject: "운영체제", mode: "stopwatch" });
    const startedAt = (timer.json.timer as { startedAt: number }).startedAt;
    expect(codeOf(await add(new Date(startedAt - 10 * MIN).toISOString(), new Date(startedAt + 1000).toISOString()))).toBe("study_overlap");
    expect(codeOf(await add(new Date(startedAt - 20 * MIN).toISOString(), new Date(startedAt).toISOString()))).toBe("ok");
    await call("POST", "/api/study/timer", me, { action: "discard", version: (timer.json.timer as { version: number }).version });

    // Fixing: the note alone in place; new times replace the row, its own old time not counting as an overlap.
    const noted = await call("PATCH", `/api/study/sessions/${firstId}`, me, { note: "오답 정리" });
    expect(noted.json).toMatchObject({ ok: true, sessions: [{ id: firstId, note: "오답 정리", studiedMs: 2 * H, edited: true }] });
    const moved = await call("PATCH", `/api/study/sessions/${firstId}`, me, {
      startedAt: "2026-11-30T11:00:00+09:00",
      endedAt: "2026-11-30T14:00:00+09:00",
    });
    expect(moved.json).toMatchObject({ ok: true, sessions: [{ subject: "자료구조", note: "오답 정리", studiedMs: 3 * H }] });
    const movedId = (moved.json.sessions as { id: string }[])[0]!.id;
    expect(movedId).not.toBe(firstId);
    expect(codeOf(await call("PATCH", `/api/study/sessions/${firstId}`, me, { note: "x" }))).toBe("not_found");
    expect(
      codeOf(
        await call("PATCH", `/api/study/sessions/${movedId}`, me, {
          startedAt: "2026-11-30T22:00:00+09:00",
          endedAt: "2026-11-30T23:30:00+09:00",
        }),
      ),
    ).toBe("study_overlap");

    // Someone else's session is not there for them, to change or to delete.
    expect(codeOf(await call("PATCH", `/api/study/sessions/${movedId}`, cookies.Yuna, { note: "mine now" }))).toBe("not_found");
    expect(codeOf(await call("DELETE", `/api/study/sessions/${movedId}`, cookies.Yuna))).toBe("not_found");
    expect(codeOf(await call("DELETE", `/api/study/sessions/not-a-uuid`, me))).toBe("not_found");
    expect(codeOf(await call("DELETE", `/api/study/sessions/${movedId}`, me))).toBe("ok");

    // The list pages by time, newest first.
    const page1 = await call("GET", "/api/study/sessions?limit=2", me);
    expect((page1.json.sessions as unknown[]).length).toBe(2);
    const page2 = await call("GET", `/api/study/sessions?limit=2&before=${page1.json.next}`, me);
    const all = [...(page1.json.sessions as { startedAt: number }[]), ...(page2.json.sessions as { startedAt: number }[])];
    expect(all.map((s) => s.startedAt)).toEqual([...all.map((s) => s.startedAt)].sort((a, b) => b - a));
    expect(page2.json.next).toBeNull();
  });

  it("validates settings and every study route's input, and refuses strangers and forged requests", async () => {
    const me = cookies.Yuna;
    expect((await call("GET", "/api/study/settings", me)).json).toMatchObject({
      ok: true,
      settings: { timeZone: "Asia/Seoul", startHour: 5 },
    });
    const changed = await call("PATCH", "/api/study/settings", me, {
      timeZone: "America/New_York",
      dailyGoalMinutes: 180,
      hideFromRankings: true,
    });
    expect(changed.json).toMatchObject({
      ok: true,
      settings: { timeZone: "America/New_York", startHour: 5, dailyGoalMinutes: 180, hideFromRankings: true },
    });
    for (const body of [
      { timeZone: "Mars/Olympus" },
      { timeZone: "x".repeat(100_000) },
      { startHour: 24 },
      { startHour: 5.5 },
      { dailyGoalMinutes: -1 },
      { dailyGoalMinutes: 24 * 60 + 1 },
      { hideFromRankings: "yes" },
      { role: "admin" },
      [],
      "null",
    ])
      expect(codeOf(await call("PATCH", "/api/study/settings", me, body)), JSON.stringify(body).slice(0, 40)).toBe("validation");
    expect((await call("GET", "/api/study/settings", me)).json).toMatchObject({
      settings: { timeZone: "America/New_York", dailyGoalMinutes: 180 },
    });

    const hostileTimer = [
      { action: "start", subject: "", mode: "stopwatch" },
      { action: "start", subject: "가".repeat(41), mode: "stopwatch" },
      { action: "start", subject: "x".repeat(60_000), mode: "stopwatch" },
      { action: "start", subject: "a\u0000b", mode: "stopwatch" },
      { action: "start", subject: "수학", mode: "countdown" },
      { action: "start", subject: "수학", mode: "stopwatch", extra: 1 },
      { action: "pause" },
      { action: "pause", version: "1" },
      { action: "pause", version: 1.5 },
      { action: "stop", version: 1, note: "x".repeat(501) },
      { action: "explode" },
      { __proto__: { action: "get" } },
      42,
    ];
    for (const body of hostileTimer)
      expect(codeOf(await call("POST", "/api/study/timer", me, body)), JSON.stringify(body).slice(0, 40)).toBe("validation");
    const tab = await socketOf(me);
    for (const payload of hostileTimer)
      expect(await ask(tab, "study:timer", payload as never)).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await ask(tab, "study:statuses", { userIds: Array(201).fill(users.Minji.id) })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect(await ask(tab, "study:statuses", { userIds: ["not-a-uuid"] })).toMatchObject({ ok: false, error: { code: "validation" } });

    for (const body of [
      { subject: "수학", startedAt: "2026-11-01 10:00", endedAt: "2026-11-01T11:00:00+09:00" },
      { subject: "수학", startedAt: 1_700_000_000_000, endedAt: 1_700_000_360_000 },
      { subject: "수학", startedAt: "2026-11-01T10:00:00+09:00" },
      { subject: "수학", startedAt: "2026-11-01T10:00:00+09:00", endedAt: "2026-11-01T11:00:00+09:00", userId: users.Minji.id },
      { subject: "수학", startedAt: "2026-11-01T10:00:00+09:00", endedAt: "2026-11-01T11:00:00+09:00", note: "x".repeat(501) },
    ])
      expect(codeOf(await call("POST", "/api/study/sessions", me, body))).toBe("validation");
    expect(codeOf(await call("GET", "/api/study/sessions?limit=51", me))).toBe("validation");
    expect(codeOf(await call("GET", "/api/study/sessions?before=abc", me))).toBe("validation");
    expect(codeOf(await call("GET", "/api/study/sessions?who=all", me))).toBe("validation");

    // Signed out: nothing; another site's page: refused before the route runs; a form's text/plain body: refused.
    for (const [method, path] of [
      ["GET", "/api/study/timer"],
      ["POST", "/api/study/timer"],
      ["GET", "/api/study/sessions"],
      ["GET", "/api/study/settings"],
    ] as const)
      expect((await call(method, path, null, method === "POST" ? { action: "get" } : undefined)).status).toBe(401);
    const forged = await call(
      "POST",
      "/api/study/timer",
      me,
      { action: "start", subject: "수학", mode: "stopwatch" },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    const form = await call("POST", "/api/study/sessions", me, '{"subject":"x"}', { "content-type": "text/plain" });
    expect(form.json.ok).toBe(false);
    expect((await readTimer(users.Yuna.id)).timer).toBeNull();
  });
});
