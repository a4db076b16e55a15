import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import "./helpers/api-secret";
import type { CalendarOccurrence, CalendarReminder } from "@/lib/calendar";
import { occurrenceStarts, ruleText, toFloating, wallToInstant, parseWall } from "@/server/calendar/recurrence";
import { daysOf, daysUntil, lanes, minutesIn, monthGrid, startOfDayIn } from "@/lib/calendar-grid";
import { deliverDueReminders } from "@/server/services/calendar-reminders";
import { createChannel } from "@/server/services/channels";
import { setMemberRole } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { memoryRateLimiter, setFeedLimiter, setUserEventLimiter } from "@/server/rate-limit";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { connectAs, inbox, nextEvent, settle, signedInPeople, type TestSocket } from "./helpers/realtime";

const iso = (s: string) => new Date(s).toISOString();

describe("repetition in the event's own zone", () => {
  it("a weekly 19:00 in Asia/Seoul is 10:00 UTC every week, and moves from 06:00 to 05:00 for a New York viewer across their DST", () => {
    const startAt = wallToInstant(parseWall("2026-03-02T19:00"), "Asia/Seoul");
    const rrule = ruleText({ freq: "weekly", interval: 1, weekdays: ["MO"], count: 4 }, toFloating(startAt, "Asia/Seoul"));
    const series = { startAt, endAt: new Date(startAt.getTime() + 2 * 3600_000), allDay: false, timeZone: "Asia/Seoul", rrule };
    const starts = occurrenceStarts(series, new Date("2026-02-01Z"), new Date("2026-05-01Z"));
    expect(starts.map((d) => d.toISOString())).toEqual([
      iso("2026-03-02T10:00Z"),
      iso("2026-03-09T10:00Z"),
      iso("2026-03-16T10:00Z"),
      iso("2026-03-23T10:00Z"),
    ]);
    // New York moved to EDT on 8 March 2026: the same instants read an hour later there.
    const ny = starts.map((d) =>
      new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", hour12: false }).format(d),
    );
    expect(ny).toEqual(["05", "06", "06", "06"]);
  });

  it("a weekly 09:00 in America/New_York stays 09:00 there across DST (14:00 UTC, then 13:00 UTC)", () => {
    const startAt = wallToInstant(parseWall("2026-03-02T09:00"), "America/New_York");
    const rrule = ruleText({ freq: "weekly", interval: 1, until: "2026-03-16" }, toFloating(startAt, "America/New_York"));
    const starts = occurrenceStarts(
      { startAt, endAt: new Date(startAt.getTime() + 3600_000), allDay: false, timeZone: "America/New_York", rrule },
      new Date("2026-03-01Z"),
      new Date("2026-04-01Z"),
    );
    expect(starts.map((d) => d.toISOString())).toEqual([iso("2026-03-02T14:00Z"), iso("2026-03-09T13:00Z"), iso("2026-03-16T13:00Z")]);
  });

  it("every two weeks on Monday and Wednesday", () => {
    const startAt = wallToInstant(parseWall("2026-03-02T19:00"), "Asia/Seoul");
    const rrule = ruleText({ freq: "weekly", interval: 2, weekdays: ["MO", "WE"], count: 4 }, toFloating(startAt, "Asia/Seoul"));
    const starts = occurrenceStarts(
      { startAt, endAt: startAt, allDay: false, timeZone: "Asia/Seoul", rrule },
      new Date("2026-03-01Z"),
      new Date("2026-05-01Z"),
    );
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-03-02", "2026-03-04", "2026-03-16", "2026-03-18"]);
  });
});

describe("the views' day arithmetic", () => {
  it("puts an occurrence on the viewer's day: 19:00 Seoul on Monday is Monday morning in New York; all-day dates stay put", () => {
    const o = { start: "2026-03-09T10:00:00.000Z", end: "2026-03-09T12:00:00.000Z", allDay: false };
    expect(daysOf(o, "Asia/Seoul")).toEqual(["2026-03-09"]);
    expect(daysOf(o, "America/New_York")).toEqual(["2026-03-09"]);
    expect(minutesIn(new Date(o.start), "America/New_York")).toBe(6 * 60);
    expect(daysOf({ start: "2026-03-02T15:00:00.000Z", end: "2026-03-02T16:00:00.000Z", allDay: false }, "Asia/Seoul")).toEqual(["2026-03-03"]);
    const exam = { start: "2026-03-29T00:00:00.000Z", end: "2026-03-30T00:00:00.000Z", allDay: true };
    expect(daysOf(exam, "America/Los_Angeles")).toEqual(["2026-03-29"]);
    expect(daysOf(exam, "Asia/Seoul")).toEqual(["2026-03-29"]);
    // New York's 8 March has 23 hours: its midnight-to-midnight is still one day key.
    expect(startOfDayIn("2026-03-09", "America/New_York").getTime() - startOfDayIn("2026-03-08", "America/New_York").getTime()).toBe(23 * 3600_000);
    expect(monthGrid("2026-03-15")[0]).toBe("2026-03-01");
    expect(daysUntil("2026-03-29", "2026-03-19")).toBe(10);
  });

  it("lays overlapping occurrences side by side, and lone ones at full width", () => {
    const ev = (s: string, e: string) => ({ start: `2026-03-02T${s}:00Z`, end: `2026-03-02T${e}:00Z` });
    expect(lanes([ev("07:30", "08:00"), ev("19:00", "21:00"), ev("20:00", "21:30"), ev("21:30", "22:00")]).map((l) => [l.lane, l.of])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 1],
    ]);
  });
});

type Who = "Alice" | "Bob" | "Carol" | "Dave" | "Eve";
type Answer = { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown };

describe.each(dialects)("the shared calendar on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let users: Record<Who, { id: string }>;
  let cookies: Record<Who, string>;
  let spaceId: string, otherSpaceId: string, videoId: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    ({ users, cookies } = await signedInPeople(["Alice", "Bob", "Carol", "Dave", "Eve"] as const, `cal-${dialect}`));
    // Alice owns the space, Dave is an admin, Bob and Carol are members; Eve is a stranger.
    spaceId = (await createSpace(users.Alice.id, { name: "정보처리기사 스터디" })).space.id;
    for (const who of ["Bob", "Carol", "Dave"] as const)
      await acceptInvite(users[who].id, (await createInvite(users.Alice.id, spaceId)).code);
    await setMemberRole(users.Alice.id, spaceId, users.Dave.id, { role: "admin" });
    videoId = (await createChannel(users.Alice.id, spaceId, { name: "스터디룸", kind: "video" })).channel.id;
    otherSpaceId = (await createSpace(users.Bob.id, { name: "토익 900" })).space.id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await drop?.();
  });

  const call = async (who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], origin: server.origin, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  };
  const range = (from: string, to: string) =>
    `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
  const list = async (who: Who, from = "2026-03-01T00:00Z", to = "2026-04-15T00:00Z") => {
    const { json } = await call(who, "GET", `/api/spaces/${spaceId}/calendar?${range(from, to)}`);
    expect(json.ok).toBe(true);
    return json.occurrences as CalendarOccurrence[];
  };
  const weekly = {
    title: "주간 스터디 — 실기 기출 풀이",
    start: "2026-03-02T19:00",
    end: "2026-03-02T21:00",
    timeZone: "Asia/Seoul",
    repeat: { freq: "weekly", interval: 1, weekdays: ["MO"], count: 6 },
    videoChannelId: null as string | null,
  };
  let eventId: string;
  let starts: number[];

  it("a member adds a weekly event; everyone in the space sees six Mondays at 19:00 Seoul (10:00 UTC), live", async () => {
    const carol = await connectAs(server, cookies.Carol);
    const eve = await connectAs(server, cookies.Eve);
    sockets.push(carol, eve);
    await settle(carol, eve);
    const heardByEve = inbox(eve, "calendar:changed");
    const heard = nextEvent(carol, "calendar:changed");
    const created = await call("Bob", "POST", `/api/spaces/${spaceId}/calendar`, {
      ...weekly,
      videoChannelId: videoId,
      reminderMinutes: 10,
    });
    expect(created.json).toMatchObject({ ok: true });
    eventId = created.json.eventId as string;
    expect(await heard).toEqual({ spaceId, eventId });
    await settle(eve);
    expect(heardByEve).toEqual([]);
    const occ = await list("Carol");
    expect(occ.map((o) => o.start)).toEqual(
      ["02", "09", "16", "23", "30"].map((d) => iso(`2026-03-${d}T10:00Z`)).concat(iso("2026-04-06T10:00Z")),
    );
    expect(occ[0]).toMatchObject({
      title: weekly.title,
      videoChannel: { id: videoId, name: "스터디룸" },
      canEdit: false,
      repeat: { freq: "weekly", count: 6 },
    });
    starts = occ.map((o) => o.occurrence);
  });

  it("strangers see nothing and learn nothing; members cannot change others' events; the creator and admins can", async () => {
    expect((await call("Eve", "GET", `/api/spaces/${spaceId}/calendar?${range("2026-03-01Z", "2026-04-01Z")}`)).status).toBe(403);
    for (const [method, path, body] of [
      ["PATCH", `/api/calendar/events/${eventId}`, { title: "x" }],
      ["DELETE", `/api/calendar/events/${eventId}`, undefined],
      ["POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: "going" }],
      ["GET", `/api/calendar/events/${eventId}/rsvp?occurrence=${starts[0]}`, undefined],
    ] as const) {
      const stranger = await call("Eve", method, path, body);
      const missing = await call("Eve", method, path.replace(eventId, "0193a1b2-0000-7000-8000-000000000000"), body);
      expect([stranger.status, stranger.json.error?.code]).toEqual([404, "not_found"]);
      expect([missing.status, missing.json.error?.code]).toEqual([404, "not_found"]);
    }
    expect((await call("Carol", "PATCH", `/api/calendar/events/${eventId}`, { title: "x" })).json.error?.code).toBe("forbidden");
    expect((await call("Bob", "PATCH", `/api/calendar/events/${eventId}`, { description: "매주 월요일, 기출 2회분" })).json.ok).toBe(true);
    expect((await call("Dave", "PATCH", `/api/calendar/events/${eventId}`, { location: "강남역 스터디카페" })).json.ok).toBe(true);
    expect((await call("Alice", "PATCH", `/api/calendar/events/${eventId}`, { kind: "event" })).json.ok).toBe(true);
    const [first] = await list("Dave");
    expect(first).toMatchObject({ description: "매주 월요일, 기출 2회분", location: "강남역 스터디카페", canEdit: true });
  });

  it("one occurrence cancelled and one moved to 20:00; an RSVP on the cancelled one is refused", async () => {
    expect((await call("Bob", "DELETE", `/api/calendar/events/${eventId}?scope=one&occurrence=${starts[2]}`)).json.ok).toBe(true);
    const moved = await call("Bob", "PATCH", `/api/calendar/events/${eventId}`, {
      scope: "one",
      occurrence: starts[3],
      start: "2026-03-24T20:00",
      end: "2026-03-24T22:00",
      title: "이번 주는 화요일",
    });
    expect(moved.json.ok).toBe(true);
    const occ = await list("Carol");
    expect(occ.map((o) => o.start)).toEqual([
      iso("2026-03-02T10:00Z"),
      iso("2026-03-09T10:00Z"),
      iso("2026-03-24T11:00Z"),
      iso("2026-03-30T10:00Z"),
      iso("2026-04-06T10:00Z"),
    ]);
    expect(occ[2]).toMatchObject({ occurrence: starts[3], title: "이번 주는 화요일", changed: true });
    expect((await call("Carol", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[2], answer: "going" })).status).toBe(
      404,
    );
    expect(
      (await call("Carol", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0]! + 1000, answer: "going" })).status,
    ).toBe(404);
    // A moved occurrence is found from a range that holds only its new time.
    const only = await list("Carol", "2026-03-24T10:30Z", "2026-03-24T12:00Z");
    expect(only.map((o) => o.title)).toEqual(["이번 주는 화요일"]);
  });

  it("RSVPs per occurrence with counts, the asker's own answer and who; changes are live", async () => {
    const carol = sockets[0]!;
    const heard = nextEvent(carol, "calendar:changed");
    expect(
      (await call("Alice", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: "going" })).json.rsvp,
    ).toEqual({ going: 1, maybe: 0, no: 0, mine: "going" });
    expect(await heard).toEqual({ spaceId, eventId });
    await call("Carol", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: "maybe" });
    await call("Dave", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: "no" });
    await call("Dave", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[1], answer: "going" });
    const [first, second] = await list("Carol");
    expect(first!.rsvp).toEqual({ going: 1, maybe: 1, no: 1, mine: "maybe" });
    expect(second!.rsvp).toEqual({ going: 1, maybe: 0, no: 0, mine: null });
    const who = await call("Bob", "GET", `/api/calendar/events/${eventId}/rsvp?occurrence=${starts[0]}`);
    expect((who.json.people as Array<{ name: string; answer: string }>).map((p) => [p.name, p.answer])).toEqual([
      ["Alice", "going"],
      ["Carol", "maybe"],
      ["Dave", "no"],
    ]);
    // Taking an answer back.
    expect(
      (await call("Carol", "POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: null })).json.rsvp,
    ).toMatchObject({ maybe: 0, mine: null });
  });

  it("reminders: due at 10 minutes before, once, to every member but those who said no, over the socket; from the database alone", async () => {
    const bob = await connectAs(server, cookies.Bob);
    const dave = await connectAs(server, cookies.Dave);
    sockets.push(bob, dave);
    await settle(bob, dave);
    const daveGot = inbox(dave, "calendar:reminder");
    const first = new Date(starts[0]!);
    expect(await deliverDueReminders(new Date(first.getTime() - 11 * 60_000))).toEqual([]);
    const bobHears = nextEvent(bob, "calendar:reminder");
    const sent = await deliverDueReminders(new Date(first.getTime() - 10 * 60_000));
    expect(sent).toHaveLength(1);
    expect(new Set(sent[0]!.userIds)).toEqual(new Set([users.Alice.id, users.Bob.id, users.Carol.id])); // Dave said no
    const reminder: CalendarReminder = await bobHears;
    expect(reminder).toMatchObject({
      eventId,
      occurrence: starts[0],
      title: weekly.title,
      spaceName: "정보처리기사 스터디",
      videoChannelId: videoId,
    });
    // Once: a later tick, or another node, or a restarted server reading the same database.
    expect(await deliverDueReminders(new Date(first.getTime() - 9 * 60_000))).toEqual([]);
    await settle(dave);
    expect(daveGot).toEqual([]);
    // A tick missed (the server was down) is caught up within the lookback; the moved occurrence goes at its new time.
    const moved = new Date(Date.parse("2026-03-24T11:00Z"));
    const late = await deliverDueReminders(new Date(moved.getTime() - 4 * 60_000));
    expect(late.map((r) => r.occurrence)).toEqual([starts[3]]);
    // The cancelled occurrence never reminds.
    expect(await deliverDueReminders(new Date(starts[2]! - 10 * 60_000))).toEqual([]);
  });

  it("this and following: the series ends before the cut and a new one carries on with the change", async () => {
    const split = await call("Alice", "PATCH", `/api/calendar/events/${eventId}`, {
      scope: "following",
      occurrence: starts[4],
      title: "심화반",
      start: "2026-03-30T18:30",
      end: "2026-03-30T20:30",
    });
    expect(split.json.ok).toBe(true);
    const occ = await list("Carol");
    expect(occ.map((o) => [o.title, o.start])).toEqual([
      [weekly.title, iso("2026-03-02T10:00Z")],
      [weekly.title, iso("2026-03-09T10:00Z")],
      ["이번 주는 화요일", iso("2026-03-24T11:00Z")],
      ["심화반", iso("2026-03-30T09:30Z")],
      ["심화반", iso("2026-04-06T09:30Z")],
    ]);
    expect(occ[3]!.eventId).toBe(split.json.eventId);
    expect(occ[3]!.repeat).toMatchObject({ count: 2 });
  });

  it("editing a whole series' time carries its cancels, moves and RSVPs along; those a shorter series no longer has go", async () => {
    const made = await call("Bob", "POST", `/api/spaces/${spaceId}/calendar`, {
      ...weekly,
      title: "아침 단어 스터디",
      start: "2026-05-04T07:00",
      end: "2026-05-04T08:00",
      repeat: { freq: "weekly", interval: 1, weekdays: ["MO"], count: 4 },
    });
    const id = made.json.eventId as string;
    const from = "2026-05-01T00:00Z";
    const to = "2026-06-01T00:00Z";
    const keys = (await list("Carol", from, to)).filter((o) => o.eventId === id).map((o) => o.occurrence);
    expect(keys).toHaveLength(4);
    await call("Bob", "DELETE", `/api/calendar/events/${id}?scope=one&occurrence=${keys[1]}`);
    await call("Bob", "PATCH", `/api/calendar/events/${id}`, { scope: "one", occurrence: keys[2], start: "2026-05-19T09:00", end: "2026-05-19T10:00" });
    await call("Carol", "POST", `/api/calendar/events/${id}/rsvp`, { occurrence: keys[0], answer: "going" });

    // 07:00 → 08:00 Seoul for all: the cancel stays cancelled, the move stays where it was moved, the RSVP follows.
    expect((await call("Bob", "PATCH", `/api/calendar/events/${id}`, { scope: "all", start: "2026-05-04T08:00", end: "2026-05-04T09:00" })).json.ok).toBe(true);
    const later = (await list("Carol", from, to)).filter((o) => o.eventId === id);
    expect(later.map((o) => o.start)).toEqual([iso("2026-05-03T23:00Z"), iso("2026-05-19T00:00Z"), iso("2026-05-24T23:00Z")]);
    expect(later[0]!.rsvp).toMatchObject({ going: 1, mine: "going" });
    expect(later[1]).toMatchObject({ changed: true, occurrence: keys[2]! + 3_600_000 });

    // Down to two occurrences: the moved third one goes with the rest of the series, the RSVP stays.
    await call("Bob", "PATCH", `/api/calendar/events/${id}`, { scope: "all", repeat: { freq: "weekly", interval: 1, weekdays: ["MO"], count: 2 } });
    const shorter = (await list("Carol", from, to)).filter((o) => o.eventId === id);
    expect(shorter.map((o) => o.start)).toEqual([iso("2026-05-03T23:00Z")]); // the second was cancelled
    expect(shorter[0]!.rsvp).toMatchObject({ going: 1 });
    await call("Bob", "DELETE", `/api/calendar/events/${id}?scope=all`);
  });

  it("bad input is refused with the code the user sees, and nothing is stored", async () => {
    const post = (body: unknown) => call("Bob", "POST", `/api/spaces/${spaceId}/calendar`, body);
    const base = { title: "모의고사", start: "2026-04-10T10:00", end: "2026-04-10T12:00", timeZone: "Asia/Seoul" };
    const cases: Array<[unknown, string]> = [
      [{ ...base, end: "2026-04-10T09:00" }, "calendar_time"],
      [{ ...base, end: "2026-04-30T09:00" }, "calendar_time"],
      [{ ...base, start: "2026-02-30T10:00" }, "calendar_time"],
      [{ ...base, start: "tomorrow" }, "calendar_time"],
      [{ ...base, allDay: true }, "calendar_time"],
      [{ ...base, timeZone: "Mars/Olympus_Mons" }, "time_zone"],
      [{ ...base, timeZone: "x".repeat(500) }, "validation"],
      [{ ...base, title: "가".repeat(201) }, "validation"],
      [{ ...base, title: "   " }, "validation"],
      [{ ...base, description: "설".repeat(2001) }, "validation"],
      [{ ...base, title: 5 }, "validation"],
      [{ ...base, kind: "party" }, "validation"],
      [{ ...base, reminderMinutes: 7 }, "validation"],
      [{ ...base, extra: 1 }, "validation"],
      [{ ...base, repeat: { freq: "weekly", interval: 31 } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "weekly", interval: 0 } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "hourly", interval: 1 } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "weekly", interval: 1, count: 401 } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "weekly", interval: 1, count: 3, until: "2026-05-01" } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "daily", interval: 1, until: "2036-01-01" } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "daily", interval: 1, until: "2026-04-01" } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "weekly", interval: 1, weekdays: ["XX"] } }, "calendar_repeat"],
      [{ ...base, repeat: { freq: "weekly", interval: 1, weekdays: Array(50).fill("MO") } }, "calendar_repeat"],
      [{ ...base, videoChannelId: "not-a-channel" }, "validation"],
      [{ ...base, videoChannelId: spaceId }, "validation"],
      [[], "validation"],
      ["text", "validation"],
    ];
    for (const [body, code] of cases) {
      const { status, json } = await post(body);
      expect([status, json.error?.code], JSON.stringify(body).slice(0, 120)).toEqual([400, code]);
    }
    const patch = await call("Bob", "PATCH", `/api/calendar/events/${eventId}`, { end: "2026-03-01T00:00" });
    expect(patch.json.error?.code).toBe("calendar_time");
    for (const q of [
      "from=2026&to=2027",
      range("2026-01-01Z", "2026-12-01Z"),
      range("2026-03-02Z", "2026-03-01Z"),
      `${range("2026-03-01Z", "2026-03-02Z")}&x=1`,
      "from=" + "9".repeat(40) + "&to=1",
    ])
      expect((await call("Bob", "GET", `/api/spaces/${spaceId}/calendar?${q}`)).status, q).toBe(400);
    for (const body of [
      { occurrence: "x", answer: "going" },
      { occurrence: starts[0], answer: "yes" },
      { occurrence: -1, answer: "no" },
      { occurrence: 1e20, answer: "no" },
    ])
      expect((await call("Bob", "POST", `/api/calendar/events/${eventId}/rsvp`, body)).status).toBe(400);
    expect((await call("Bob", "DELETE", `/api/calendar/events/${eventId}?scope=some`)).status).toBe(400);
    expect((await call("Bob", "DELETE", `/api/calendar/events/${eventId}?scope=one`)).status).toBe(400);
    expect((await list("Bob", "2026-04-09T00:00Z", "2026-04-12T00:00Z")).map((o) => o.title)).toEqual([]);
  });

  it("every field of every calendar body, fuzzed with hostile values, gets a typed 4xx and the server stays up", async () => {
    const hostile: unknown[] = [
      "x".repeat(60_000),
      "👨‍👩‍👧‍👦".repeat(2000),
      null,
      1,
      1e308,
      -1,
      9007199254740993,
      1.5,
      true,
      "",
      {},
      [],
      { __proto__: { polluted: true } },
      Array(5000).fill("MO"),
    ];
    const samples: Array<[string, string, Record<string, unknown>]> = [
      [
        "POST",
        `/api/spaces/${spaceId}/calendar`,
        {
          title: "t",
          description: "d",
          location: "l",
          videoChannelId: videoId,
          kind: "event",
          allDay: false,
          start: "2026-05-01T10:00",
          end: "2026-05-01T11:00",
          timeZone: "Asia/Seoul",
          repeat: { freq: "weekly", interval: 1, weekdays: ["MO"], count: 2 },
          reminderMinutes: 10,
        },
      ],
      [
        "PATCH",
        `/api/calendar/events/${eventId}`,
        { scope: "one", occurrence: starts[0], title: "t", start: "2026-03-02T19:00", end: "2026-03-02T20:00" },
      ],
      ["POST", `/api/calendar/events/${eventId}/rsvp`, { occurrence: starts[0], answer: "going" }],
    ];
    // The probes are many for one user: their request budget is not what this is about.
    setUserEventLimiter(memoryRateLimiter(100_000, 100_000));
    let probes = 0;
    for (const [method, path, sample] of samples) {
      const fields: string[][] = Object.entries(sample).flatMap(([k, v]) =>
        v && typeof v === "object" ? [[k], ...Object.keys(v).map((c) => [k, c])] : [[k]],
      );
      for (const field of fields)
        for (const value of hostile) {
          const body = structuredClone(sample);
          let parent = body as Record<string, unknown>;
          for (const key of field.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
          parent[field.at(-1)!] = value;
          const { status, json } = await call("Dave", method, path, body);
          probes++;
          // A value that happens to be valid (an empty description, a null channel) may pass; nothing may crash.
          expect(
            status === 200 || (status >= 400 && status < 500),
            `${method} ${path} ${field.join(".")}=${JSON.stringify(value).slice(0, 40)}`,
          ).toBe(true);
          if (status !== 200)
            expect(json.error?.code).toMatch(/^(validation|calendar_time|calendar_repeat|time_zone|not_found|forbidden)$/);
        }
    }
    setUserEventLimiter(undefined);
    expect(probes).toBeGreaterThan(200);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((await call("Carol", "GET", `/api/spaces/${spaceId}/calendar?${range("2026-03-01Z", "2026-03-05Z")}`)).status).toBe(200);
  });

  it("the personal calendar combines all the user's spaces; all-day deadlines keep their date in every zone", async () => {
    const exam = await call("Bob", "POST", `/api/spaces/${otherSpaceId}/calendar`, {
      title: "토익 시험",
      kind: "exam",
      allDay: true,
      start: "2026-03-29",
      end: "2026-03-29",
      timeZone: "Asia/Seoul",
    });
    expect(exam.json.ok).toBe(true);
    const { json } = await call("Bob", "GET", `/api/calendar?${range("2026-03-01Z", "2026-04-15Z")}`);
    const occ = json.occurrences as CalendarOccurrence[];
    expect(new Set(occ.map((o) => o.spaceName))).toEqual(new Set(["정보처리기사 스터디", "토익 900"]));
    expect(occ.find((o) => o.kind === "exam")).toMatchObject({
      allDay: true,
      start: iso("2026-03-29T00:00Z"),
      end: iso("2026-03-30T00:00Z"),
      canEdit: true,
    });
    const carol = await call("Carol", "GET", `/api/calendar?${range("2026-03-01Z", "2026-04-15Z")}`);
    expect((carol.json.occurrences as CalendarOccurrence[]).some((o) => o.spaceName === "토익 900")).toBe(false);
  });

  it("the private feed: parsed by ical.js, repetitions with EXDATE and RECURRENCE-ID land at the right instants; revoked and bad tokens are 404", async () => {
    setFeedLimiter(memoryRateLimiter(1000, 1000));
    expect((await call("Carol", "GET", "/api/calendar/feed")).json).toMatchObject({ active: false });
    const made = await call("Carol", "POST", "/api/calendar/feed", {});
    const path = made.json.path as string;
    expect(path).toMatch(/^\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}$/);
    expect((await call("Carol", "GET", "/api/calendar/feed")).json).toMatchObject({ active: true });
    const res = await fetch(`${server.url}${path}`); // no cookie: calendar apps have none
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const comp = new ICAL.Component(ICAL.parse(await res.text()));
    for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
    const byUid = new Map<string, ICAL.Event>();
    const exceptions: ICAL.Event[] = [];
    for (const v of comp.getAllSubcomponents("vevent")) {
      const ev = new ICAL.Event(v);
      if (ev.isRecurrenceException()) exceptions.push(ev);
      else byUid.set(ev.uid, ev);
    }
    for (const ex of exceptions) byUid.get(ex.uid)!.relateException(ex);
    const series = byUid.get(eventId)!;
    const got: Array<[string, string]> = [];
    const it = series.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const d = series.getOccurrenceDetails(next);
      got.push([d.item.summary, d.startDate.toJSDate().toISOString()]);
    }
    expect(got).toEqual([
      [weekly.title, iso("2026-03-02T10:00Z")],
      [weekly.title, iso("2026-03-09T10:00Z")],
      ["이번 주는 화요일", iso("2026-03-24T11:00Z")],
    ]);
    expect([...byUid.values()].map((e) => e.summary)).toContain("심화반");
    expect([...byUid.values()].map((e) => e.summary)).not.toContain("토익 시험"); // Carol is not in that space
    // Regenerated: the old URL stops working. Revoked: the new one too.
    const again = await call("Carol", "POST", "/api/calendar/feed", {});
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    expect((await fetch(`${server.url}${again.json.path as string}`)).status).toBe(200);
    expect((await call("Carol", "DELETE", "/api/calendar/feed")).json).toMatchObject({ revoked: true });
    expect((await fetch(`${server.url}${again.json.path as string}`)).status).toBe(404);
    for (const bad of ["x", "a".repeat(43), "a".repeat(64), "%00", "..%2F..%2Fetc"])
      expect((await fetch(`${server.url}/api/calendar/feed/${bad}`)).status).toBe(404);
    // Guessing runs into the per-address limit.
    setFeedLimiter(memoryRateLimiter(3, 0.0001));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/api/calendar/feed/${"b".repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    setFeedLimiter(undefined);
  });

  it("cancelling a whole series removes it for everyone", async () => {
    expect((await call("Carol", "DELETE", `/api/calendar/events/${eventId}`)).json.error?.code).toBe("forbidden");
    expect((await call("Dave", "DELETE", `/api/calendar/events/${eventId}`)).json.ok).toBe(true);
    expect((await list("Carol")).filter((o) => o.eventId === eventId)).toEqual([]);
  });
});
