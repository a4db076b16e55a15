import "./helpers/api-secret";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudyRoomView } from "@/lib/realtime/contract";
import { applyPomodoro, breaksWithin, clockOffset, currentPomodoro, remainingOf, type PomodoroState } from "@/lib/study-room";
import { getDatabase } from "@/server/database";
import { newId } from "@/server/ids";
import { studyRoomRuntime } from "@/server/realtime/study-rooms";
import { kickMember } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { configureStudyRoom, setStudyRoomMinuteMs } from "@/server/study/rooms";
import { apiHandler } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { rawEmit } from "./helpers/raw-packets";
import { ask, connectAs, inbox, nextEvent, sessionCookie, settle, signedInPeople, socketPool, startRealtime, type TestSocket } from "./helpers/realtime";

const media = { mic: false, camera: false, screen: false };
const MINUTE = 1500; // a pomodoro "minute" in these tests (setStudyRoomMinuteMs)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client as the browser is one: its own clock (skewed by `skewMs` from the server's), the
 * offset it takes from each payload's serverNow, and the remaining time it would draw.
 */
function client(skewMs: number) {
  let view: StudyRoomView | null = null;
  let offset = 0;
  const clock = () => Date.now() + skewMs;
  return {
    take(room: StudyRoomView | null) {
      view = room;
      if (room) offset = clockOffset(room.serverNow, clock());
    },
    /** What it shows now: the phase and ms left, on the server's clock as it estimates it. */
    shown() {
      if (!view) return null;
      const serverNow = clock() + offset;
      const p = currentPomodoro(view.pomodoro, view, serverNow);
      return { phase: p.phase, running: p.running, remaining: remainingOf(p, serverNow) };
    },
  };
}

describe("the shared pomodoro's arithmetic", () => {
  const lengths = { focusMs: 1000, breakMs: 500 };
  const idle: PomodoroState = { phase: "idle", running: false, phaseEndsAt: null, remainingMs: null, round: 0, version: 0 };
  it("derives the phase from the stored instants, however long ago they were written", () => {
    const started = applyPomodoro(idle, "start", lengths, 10_000)!;
    expect(started).toMatchObject({ phase: "focus", running: true, phaseEndsAt: 11_000, version: 1 });
    expect(currentPomodoro(started, lengths, 11_200)).toMatchObject({ phase: "break", phaseEndsAt: 11_500, round: 1 });
    expect(currentPomodoro(started, lengths, 11_500)).toMatchObject({ phase: "focus", phaseEndsAt: 12_500, round: 1 });
    // 100 cycles later, in one step.
    expect(currentPomodoro(started, lengths, 11_000 + 150_000 + 100)).toMatchObject({ phase: "break", round: 101 });
  });
  it("pauses with the remainder, resumes from it, skips to the next phase and resets", () => {
    const started = applyPomodoro(idle, "start", lengths, 0)!;
    const paused = applyPomodoro(started, "pause", lengths, 300)!;
    expect(paused).toMatchObject({ running: false, remainingMs: 700, phaseEndsAt: null });
    expect(applyPomodoro(paused, "pause", lengths, 400)).toBeNull(); // nothing to do
    expect(applyPomodoro(paused, "resume", lengths, 5000)).toMatchObject({ running: true, phaseEndsAt: 5700 });
    expect(applyPomodoro(paused, "skip", lengths, 400)).toMatchObject({ phase: "break", running: false, remainingMs: 500, round: 1 });
    expect(applyPomodoro(started, "reset", lengths, 400)).toMatchObject({ phase: "idle", running: false });
    expect(applyPomodoro(idle, "skip", lengths, 400)).toBeNull();
  });
  it("finds the breaks within a window", () => {
    const started = applyPomodoro(idle, "start", lengths, 0)!;
    expect(breaksWithin(started, lengths, 0, 3100)).toEqual([
      [1000, 1500],
      [2500, 3000],
    ]);
    expect(breaksWithin(applyPomodoro(started, "pause", lengths, 1200)!, lengths, 2000, 4000)).toEqual([[2000, 4000]]);
  });
});

describe.each(dialects)("study rooms over sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let people: Awaited<ReturnType<typeof signedInPeople<"Ann" | "Ben" | "Cal" | "Dee" | "Out">>>["users"];
  let spaceId = "";
  let videoId = "";
  let textId = "";
  let plainId = "";
  const { connect, closeAll } = socketPool(() => server);

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    setStudyRoomMinuteMs(MINUTE);
    server = await startRealtime();
    ({ users: people } = await signedInPeople(["Ann", "Ben", "Cal", "Dee", "Out"] as const, dialect));
    const { space } = await createSpace(people.Ann.id, { name: "정보처리기사 스터디" });
    spaceId = space.id;
    plainId = space.defaultChannelId!;
    const { code } = await createInvite(people.Ann.id, spaceId);
    for (const p of [people.Ben, people.Cal, people.Dee]) await acceptInvite(p.id, code);
    const { db, t } = await getDatabase();
    videoId = newId();
    textId = newId();
    await db.insert(t.channels).values({ id: videoId, spaceId, name: "캠스터디", kind: "video", position: 1, createdAt: new Date() });
    await db.insert(t.channels).values({ id: textId, spaceId, name: "조용한 자습실", kind: "text", position: 2, createdAt: new Date() });
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    setStudyRoomMinuteMs(60_000);
    await drop?.();
  });

  async function enterVideo(socket: TestSocket, watcher: ReturnType<typeof client>) {
    expect(await ask(socket, "rtc:join", { channelId: videoId, media })).toMatchObject({ ok: true });
    const ack = await ask(socket, "studyRoom:watch", { channelId: videoId, present: true });
    if (!ack.ok) throw new Error(ack.error.message);
    watcher.take(ack.room);
    socket.on("studyRoom:state", (event) => event.channelId === videoId && watcher.take(event.room));
    return ack;
  }

  it("lets only the space's owner and admins make a channel a study room, and refuses bad settings", async () => {
    await expect(configureStudyRoom(people.Ben.id, videoId, { enabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(configureStudyRoom(people.Out.id, videoId, { enabled: true })).rejects.toMatchObject({ code: "forbidden" });
    for (const bad of [{ enabled: true, focusMinutes: 0 }, { enabled: true, focusMinutes: 1.5 }, { enabled: true, breakMinutes: 999 }, { enabled: true, chime: "gong" }, { enabled: "yes" }, { enabled: true, extra: 1 }, "x".repeat(100_000)])
      await expect(configureStudyRoom(people.Ann.id, videoId, bad)).rejects.toMatchObject({ name: "ZodError" });
    const { room } = await configureStudyRoom(people.Ann.id, videoId, { enabled: true, focusMinutes: 2, breakMinutes: 1 });
    expect(room).toMatchObject({ channelId: videoId, focusMinutes: 2, breakMinutes: 1, chime: "bell", control: "everyone", countTime: true, focusMs: 2 * MINUTE });
    expect(room!.pomodoro).toMatchObject({ phase: "idle", version: 0 });
  });

  it("keeps the shared pomodoro within 1 s across three clients with skewed clocks, through a reconnect and a late join", async () => {
    const [ann, ben] = [await connect(people.Ann.id), await connect(people.Ben.id)];
    const [a, b, c] = [client(0), client(+37_000), client(-12_500)];
    const first = await enterVideo(ann, a);
    expect(first.canControl).toBe(true);
    await enterVideo(ben, b);
    const heard = nextEvent(ben, "studyRoom:state");
    const started = await ask(ann, "studyRoom:control", { channelId: videoId, action: "start", version: 0 });
    expect(started).toMatchObject({ ok: true, room: { pomodoro: { phase: "focus", running: true, version: 1 } } });
    await heard;
    await sleep(400);
    // Cal comes late: the join's ack is all it needs.
    const cal = await connect(people.Cal.id);
    await enterVideo(cal, c);
    const agree = () => {
      const shown = [a.shown()!, b.shown()!, c.shown()!];
      for (const s of shown) expect(s).toMatchObject({ phase: shown[0]!.phase, running: true });
      const spread = Math.max(...shown.map((s) => s.remaining)) - Math.min(...shown.map((s) => s.remaining));
      expect(spread).toBeLessThan(1000);
      return shown[0]!;
    };
    expect(agree().remaining).toBeGreaterThan(2 * MINUTE - 1000);
    // Ben's connection drops; he comes back on a new socket and catches up from the join.
    ben.close();
    await sleep(300);
    const ben2 = await connect(people.Ben.id);
    await enterVideo(ben2, b);
    agree();
    // Across the phase boundary each client derives the break itself, and the server tells it too.
    const boundary = nextEvent(cal, "studyRoom:state");
    const event = await boundary;
    expect(event.room!.pomodoro).toMatchObject({ phase: "break", round: 1 });
    expect(Math.abs(event.room!.serverNow - (started.ok ? started.room.pomodoro.phaseEndsAt! : 0))).toBeLessThan(400);
    expect(agree().phase).toBe("break");
    // Pausing: everyone sees it paused, with the same remainder.
    const paused = nextEvent(cal, "studyRoom:state");
    const version = event.room!.pomodoro.version;
    expect(await ask(ben2, "studyRoom:control", { channelId: videoId, action: "pause", version })).toMatchObject({ ok: true, room: { pomodoro: { running: false } } });
    await paused;
    await settle(ann);
    const shown = [a.shown()!, b.shown()!, c.shown()!];
    expect(new Set(shown.map((s) => `${s.phase}:${s.running}:${s.remaining}`)).size).toBe(1);
    expect(await ask(ann, "studyRoom:control", { channelId: videoId, action: "reset", version: version + 1 })).toMatchObject({ ok: true });
    for (const s of [ann, ben2, cal]) await ask(s, "rtc:leave", { channelId: videoId });
  });

  it("lets only people in the room control it, only admins when it says so, and refuses a stale command", async () => {
    const ann = await connect(people.Ann.id);
    const ben = await connect(people.Ben.id);
    const dee = await connect(people.Dee.id);
    const out = await connect(people.Out.id);
    // A stranger learns nothing; a member who has not joined the call sees the room but cannot control it.
    expect(await ask(out, "studyRoom:watch", { channelId: videoId, present: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(out, "studyRoom:control", { channelId: videoId, action: "start", version: 2 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const watching = await ask(dee, "studyRoom:watch", { channelId: videoId, present: true });
    expect(watching).toMatchObject({ ok: true, canControl: false, room: { channelId: videoId } });
    const version = watching.ok ? watching.room!.pomodoro.version : -1;
    expect(await ask(dee, "studyRoom:control", { channelId: videoId, action: "start", version })).toMatchObject({ ok: false, error: { code: "room_not_joined" } });
    expect(await ask(dee, "studyRoom:activity", { channelId: videoId })).toMatchObject({ ok: false, error: { code: "room_not_joined" } });
    // A plain channel is no study room.
    expect(await ask(dee, "studyRoom:watch", { channelId: plainId, present: true })).toEqual({ ok: true, room: null, members: [], canControl: false });
    expect(await ask(dee, "studyRoom:control", { channelId: plainId, action: "start", version: 0 })).toMatchObject({ ok: false, error: { code: "not_found" } });

    await configureStudyRoom(people.Ann.id, videoId, { enabled: true, focusMinutes: 2, breakMinutes: 1, control: "admins" });
    await ask(ben, "rtc:join", { channelId: videoId, media });
    await ask(ann, "rtc:join", { channelId: videoId, media });
    const benView = await ask(ben, "studyRoom:watch", { channelId: videoId, present: true });
    expect(benView).toMatchObject({ ok: true, canControl: false, room: { control: "admins" } });
    const v = benView.ok ? benView.room!.pomodoro.version : -1;
    expect(await ask(ben, "studyRoom:control", { channelId: videoId, action: "start", version: v })).toMatchObject({ ok: false, error: { code: "room_admins_only" } });
    expect(await ask(ann, "studyRoom:watch", { channelId: videoId, present: true })).toMatchObject({ ok: true, canControl: true });
    expect(await ask(ann, "studyRoom:control", { channelId: videoId, action: "start", version: v - 1 })).toMatchObject({ ok: false, error: { code: "room_stale" } });
    expect(await ask(ann, "studyRoom:control", { channelId: videoId, action: "start", version: v })).toMatchObject({ ok: true, room: { pomodoro: { version: v + 1 } } });
    // Leaving the call is leaving the room.
    await ask(ann, "rtc:leave", { channelId: videoId });
    expect(await ask(ann, "studyRoom:control", { channelId: videoId, action: "pause", version: v + 1 })).toMatchObject({ ok: false, error: { code: "room_not_joined" } });
    await ask(ben, "rtc:leave", { channelId: videoId });
    // Turned off: watchers are told.
    const gone = nextEvent(dee, "studyRoom:state");
    await configureStudyRoom(people.Ann.id, videoId, { enabled: false });
    expect(await gone).toEqual({ channelId: videoId, room: null });
    await configureStudyRoom(people.Ann.id, videoId, { enabled: true, focusMinutes: 2, breakMinutes: 1 });
  });

  it("answers hostile payloads of every study room event with a typed error", async () => {
    const ben = await connect(people.Ben.id);
    const hostile: unknown[] = [null, 42, "x", [], { channelId: "not-an-id" }, { channelId: videoId, present: "yes" }, { channelId: "a".repeat(60_000) }];
    for (const event of ["studyRoom:watch", "studyRoom:leave", "studyRoom:control", "studyRoom:activity"] as const) {
      for (const payload of event === "studyRoom:watch" ? hostile : hostile.filter((h) => !(h && typeof h === "object" && "present" in h))) expect(await rawEmit(ben, event, [JSON.stringify(payload)]), `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    for (const bad of [
      { channelId: videoId, action: "explode", version: 0 },
      { channelId: videoId, action: "start", version: -1 },
      { channelId: videoId, action: "start", version: 1.5 },
      { channelId: videoId, action: "start", version: 2 ** 40 },
      { channelId: videoId, action: "start" },
    ])
      expect(await rawEmit(ben, "studyRoom:control", [JSON.stringify(bad)])).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(ben.connected).toBe(true);
  });

  it("counts time in a text room as study with source room, stops when away, skips breaks, and leaves a running personal timer's time alone", async () => {
    const runtime = studyRoomRuntime(server.io)!;
    runtime.timing.awayMs = 1500;
    await configureStudyRoom(people.Ann.id, textId, { enabled: true, focusMinutes: 1, breakMinutes: 1, countTime: true });
    const { db, t } = await getDatabase();
    // The video room counted its people's time in the tests above: only this room's here.
    const sessionsOf = (userId: string) =>
      db
        .select()
        .from(t.studySessions)
        .where(and(eq(t.studySessions.userId, userId), eq(t.studySessions.channelId, textId)));
    // Dee's own timer runs: the room must not count her time (recordStudy would refuse the overlap).
    await db.insert(t.studyTimers).values({
      userId: people.Dee.id,
      mode: "stopwatch",
      subject: "영어",
      startedAt: new Date(Date.now() - 60_000),
      runningSince: new Date(Date.now() - 60_000),
      segments: "[]",
      focusMinutes: null,
      breakMinutes: null,
      version: 1,
      updatedAt: new Date(),
    });
    const ben = await connect(people.Ben.id);
    const cal = await connect(people.Cal.id);
    const dee = await connect(people.Dee.id);
    const joined = Date.now();
    for (const s of [ben, cal, dee]) expect(await ask(s, "studyRoom:watch", { channelId: textId, present: true })).toMatchObject({ ok: true, canControl: true });
    const members = inbox(ben, "studyRoom:members");
    // Ben keeps typing; Cal walks away from the desk.
    for (let i = 0; i < 5; i++) {
      await sleep(500);
      await ask(ben, "studyRoom:activity", { channelId: textId });
      await ask(dee, "studyRoom:activity", { channelId: textId });
    }
    await runtime.tick();
    await sleep(300);
    const latest = members[members.length - 1]!.members;
    expect(latest.find((m) => m.user.id === people.Cal.id)).toMatchObject({ status: "away" });
    expect(latest.find((m) => m.user.id === people.Ben.id)).toMatchObject({ status: "studying", subject: null });
    expect(latest.find((m) => m.user.id === people.Dee.id)).toMatchObject({ status: "studying", subject: "영어" });
    // Ben's tab closes: the server records what he sat through.
    ben.close();
    await sleep(300);
    const [benSession] = await sessionsOf(people.Ben.id);
    expect(benSession).toMatchObject({ source: "room", channelId: textId, subject: "조용한 자습실" });
    expect(benSession!.studiedMs).toBeGreaterThan(2500);
    expect(benSession!.studiedMs).toBeLessThanOrEqual(Date.now() - joined);
    // Cal counted until he went away (1.5 s without input), then nothing.
    await ask(cal, "studyRoom:leave", { channelId: textId });
    const [calSession] = await sessionsOf(people.Cal.id);
    expect(calSession!.studiedMs).toBeGreaterThan(1200);
    expect(calSession!.studiedMs).toBeLessThan(1900);
    // Dee: nothing recorded from the room; her timer is as it was.
    await ask(dee, "studyRoom:leave", { channelId: textId });
    expect(await sessionsOf(people.Dee.id)).toEqual([]);
    expect((await db.select().from(t.studyTimers).where(eq(t.studyTimers.userId, people.Dee.id)))[0]).toMatchObject({ subject: "영어", version: 1 });

    // A running pomodoro: its break is not counted (focus 1.5 s, break 1.5 s).
    const cal2 = await connectAs(server, await sessionCookie(people.Cal.id));
    const w = await ask(cal2, "studyRoom:watch", { channelId: textId, present: true });
    await ask(cal2, "studyRoom:control", { channelId: textId, action: "start", version: w.ok ? w.room!.pomodoro.version : -1 });
    for (let i = 0; i < 6; i++) {
      await sleep(500);
      await ask(cal2, "studyRoom:activity", { channelId: textId });
    }
    await ask(cal2, "studyRoom:leave", { channelId: textId });
    const rows = (await sessionsOf(people.Cal.id)).filter((s) => s.id !== calSession!.id);
    const counted = rows.reduce((sum, s) => sum + s.studiedMs, 0);
    expect(counted).toBeGreaterThan(1200); // the focus phase (and the next one's start, if reached)
    expect(counted).toBeLessThan(2500); // not the 1.5 s break in between
    cal2.close();
    runtime.timing.awayMs = 5 * 60_000;
  });

  it("keeps the pomodoro through a server restart: the phase is derived from the stored instants, not counted by a timer", async () => {
    const { db, t } = await getDatabase();
    const roomId = newId();
    await db.insert(t.channels).values({ id: roomId, spaceId, name: "재시작 자습실", kind: "text", position: 3, createdAt: new Date() });
    await configureStudyRoom(people.Ann.id, roomId, { enabled: true, focusMinutes: 1, breakMinutes: 1 });
    const ann = await connect(people.Ann.id);
    const w = await ask(ann, "studyRoom:watch", { channelId: roomId, present: true });
    const started = await ask(ann, "studyRoom:control", { channelId: roomId, action: "start", version: w.ok ? w.room!.pomodoro.version : -1 });
    const endsAt = started.ok ? started.room.pomodoro.phaseEndsAt! : 0;
    // The node goes away before the boundary, and nothing runs while it is down.
    ann.close();
    await server.close();
    await sleep(endsAt - Date.now() + 300);
    server = await startRealtime({ handle: apiHandler() });
    const again = await connect(people.Ann.id);
    const after = await ask(again, "studyRoom:watch", { channelId: roomId, present: true });
    expect(after).toMatchObject({ ok: true, room: { pomodoro: { phase: "break", running: true, round: 1, phaseEndsAt: endsAt + MINUTE } } });
  });

  it("guards the settings route: a session, an admin, a same-origin request and a valid body", async () => {
    const url = `${server.url}/api/spaces/${spaceId}/channels/${textId}/study-room`;
    const headers = (cookie?: string) => ({ "content-type": "application/json", origin: server.origin, ...(cookie ? { cookie } : {}) });
    const [ann, ben, out] = await Promise.all([people.Ann, people.Ben, people.Out].map((p) => sessionCookie(p.id, p.name)));
    const patch = (cookie: string | undefined, body: unknown, extra: Record<string, string> = {}) =>
      fetch(url, { method: "PATCH", headers: { ...headers(cookie), ...extra }, body: JSON.stringify(body) });
    expect((await patch(undefined, { enabled: true })).status).toBe(401);
    expect((await patch(out, { enabled: true })).status).toBe(403);
    expect((await patch(ben, { enabled: true })).status).toBe(403);
    expect((await patch(ann, { enabled: true }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await patch(ann, { enabled: true, focusMinutes: 1000 })).status).toBe(400);
    expect((await patch(ann, { enabled: true, control: "robots" })).status).toBe(400);
    const ok = await patch(ann, { enabled: true, focusMinutes: 45, breakMinutes: 15, control: "admins" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, room: { focusMinutes: 45, breakMinutes: 15, control: "admins" } });
    // Any member reads it; a stranger does not.
    expect(await (await fetch(url, { headers: headers(ben) })).json()).toMatchObject({ ok: true, room: { focusMinutes: 45 } });
    expect((await fetch(url, { headers: headers(out) })).status).toBe(403);
  });

  it("takes someone out of the room once they lose the channel (a kick): off the list, no more room time, no control", async () => {
    const ann = await connect(people.Ann.id);
    const dee = await connect(people.Dee.id);
    for (const socket of [ann, dee]) await ask(socket, "studyRoom:watch", { channelId: textId, present: true });
    const runtime = studyRoomRuntime(server.io)!;
    expect((await runtime.roomMembers(textId)).map((m) => m.user.name).sort()).toEqual(["Ann", "Dee"]);
    await kickMember(people.Ann.id, spaceId, people.Dee.id);
    await settle(dee);
    await runtime.tick([textId]);
    expect((await runtime.roomMembers(textId)).map((m) => m.user.name)).toEqual(["Ann"]);
    expect(await ask(dee, "studyRoom:control", { channelId: textId, action: "start", version: 0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(dee, "studyRoom:activity", { channelId: textId })).toMatchObject({ ok: false, error: { code: "room_not_joined" } });
  });
});
