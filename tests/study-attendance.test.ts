import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import { attendance as attendanceSchema } from "@/lib/api/study-stats";
import type { UserSummary } from "@/lib/realtime/contract";
import { getDatabase } from "@/server/database";
import { cancelEvent, createEvent, setRsvp, updateEvent } from "@/server/services/calendar";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { getAttendance, studiedWithin } from "@/server/study/attendance";
import { recordStudy, type StudySource } from "@/server/study/record";
import { updateStudySettings } from "@/server/study/settings";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { signedInPeople } from "./helpers/realtime";

const at = (iso: string) => Date.parse(iso);
const M = 60_000;
/** Thursday 3 December 2026, 21:00 in Seoul. */
const NOW = at("2026-12-03T12:00:00Z");

type Who = "Alice" | "Bob" | "Carol" | "Dave" | "Eve" | "Frank" | "Gina";

const study = (user: UserSummary, spans: Array<[string, string]>, source: StudySource = "timer") =>
  recordStudy(
    user.id,
    { subject: "정보처리기사", spans: spans.map(([a, b]) => [at(a), at(b)]), source, channelId: source === "room" ? "room-channel" : null },
    { now: NOW },
  );

describe("the study overlapping an occurrence", () => {
  const s = (a: number, b: number, studied = b - a) => ({ startedAt: a * M, endedAt: b * M, studiedMs: studied * M });
  const within = (sessions: ReturnType<typeof s>[], a: number, b: number) => studiedWithin(sessions, a * M, b * M);
  it("clips to the occurrence, counts overlapping sessions once, and only the studied share of a paused one", () => {
    expect(within([s(0, 60)], 30, 90)).toBe(30 * M);
    expect(within([s(0, 60), s(10, 50)], 0, 60)).toBe(60 * M); // a room and a timer at once: counted once
    expect(within([s(0, 60, 8)], 0, 60)).toBe(8 * M); // paused 52 minutes
    expect(within([s(0, 10), s(20, 30)], 0, 60)).toBe(20 * M);
    expect(within([s(70, 80)], 0, 60)).toBe(0);
    expect(within([], 0, 60)).toBe(0);
  });
});

describe.each(dialects)("attendance at scheduled sessions on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let u: Record<Who, UserSummary>, cookies: Record<Who, string>;
  let spaceId: string;
  let eventId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    ({ users: u, cookies } = await signedInPeople(["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Gina"] as const, `att-${dialect}`));
    await updateStudySettings(u.Eve.id, { hideFromRankings: true });
    ({
      space: { id: spaceId },
    } = await createSpace(u.Alice.id, { name: "정처기 스터디" }));
    for (const who of ["Bob", "Carol", "Dave", "Eve", "Gina"] as const)
      await acceptInvite(u[who].id, (await createInvite(u.Alice.id, spaceId)).code);
    const { db, t } = await getDatabase();
    await db
      .update(t.spaceMembers)
      .set({ joinedAt: new Date(at("2026-11-01T00:00:00Z")) })
      .where(eq(t.spaceMembers.spaceId, spaceId));
    await db
      .update(t.spaceMembers)
      .set({ joinedAt: new Date(at("2026-11-20T00:00:00Z")) })
      .where(eq(t.spaceMembers.userId, u.Gina.id));

    // Tuesdays 20:00–21:00 in Seoul (11:00–12:00 UTC): 10, 17 (cancelled), 24 (moved to Wednesday 25) November, 1 December, 8 December (to come)
    ({ eventId } = await createEvent(u.Alice.id, spaceId, {
      title: "모의고사 풀이",
      start: "2026-11-10T20:00",
      end: "2026-11-10T21:00",
      timeZone: "Asia/Seoul",
      repeat: { freq: "weekly", interval: 1, count: 5 },
    }));
    await cancelEvent(u.Alice.id, eventId, "one", at("2026-11-17T11:00:00Z"));
    await updateEvent(u.Alice.id, eventId, {
      scope: "one",
      occurrence: at("2026-11-24T11:00:00Z"),
      start: "2026-11-25T20:00",
      end: "2026-11-25T21:00",
    });
    // A deadline is not a session
    await createEvent(u.Alice.id, spaceId, {
      title: "원서 접수 마감",
      kind: "deadline",
      start: "2026-11-26T20:00",
      end: "2026-11-26T21:00",
      timeZone: "Asia/Seoul",
    });
    await setRsvp(u.Bob.id, eventId, at("2026-12-01T11:00:00Z"), "going");
    await setRsvp(u.Carol.id, eventId, at("2026-12-01T11:00:00Z"), "going");
    await setRsvp(u.Dave.id, eventId, at("2026-12-01T11:00:00Z"), "no");

    // Alice: all three, the last by exactly the threshold (10 minutes)
    await study(u.Alice, [["2026-11-10T11:00:00Z", "2026-11-10T12:00:00Z"]]);
    await study(u.Alice, [["2026-11-25T11:00:00Z", "2026-11-25T11:30:00Z"]]);
    await study(u.Alice, [["2026-12-01T11:50:00Z", "2026-12-01T12:30:00Z"]]);
    // Bob: by hand on the 10th; at the cancelled and the moved occurrences' old times; 5 minutes on 1 December
    await study(u.Bob, [["2026-11-10T11:20:00Z", "2026-11-10T11:40:00Z"]], "manual");
    await study(u.Bob, [["2026-11-17T11:00:00Z", "2026-11-17T12:00:00Z"]]);
    await study(u.Bob, [["2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z"]]);
    await study(u.Bob, [["2026-12-01T11:55:00Z", "2026-12-01T12:30:00Z"]]);
    // Carol: studied on 1 December, but in the morning
    await study(u.Carol, [["2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z"]]);
    // Dave: on the 25th; on 1 December a session over the hour that was mostly paused (8 minutes studied)
    await study(u.Dave, [["2026-11-25T11:00:00Z", "2026-11-25T12:00:00Z"]]);
    await study(u.Dave, [
      ["2026-12-01T11:00:00Z", "2026-12-01T11:04:00Z"],
      ["2026-12-01T11:56:00Z", "2026-12-01T12:00:00Z"],
    ]);
    // Eve (left out of rankings): in a study room on the 10th
    await study(u.Eve, [["2026-11-10T11:00:00Z", "2026-11-10T12:00:00Z"]], "room");
    // Gina joined on 20 November: her 10th does not count, her 1 December does
    await study(u.Gina, [["2026-11-10T11:00:00Z", "2026-11-10T12:00:00Z"]]);
    await study(u.Gina, [["2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z"]]);
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it("counts who studied during each past occurrence, at its moved time, beside the RSVPs", async () => {
    const a = await getAttendance(u.Bob.id, spaceId, NOW);
    expect(attendanceSchema.parse(a)).toBeTruthy();
    expect(a.occurrences.map((o) => [o.title, o.start, o.attended, o.members, o.going])).toEqual([
      ["모의고사 풀이", "2026-11-10T11:00:00.000Z", 3, 5, 0], // Alice, Bob, Eve; Gina had not joined
      ["모의고사 풀이", "2026-11-25T11:00:00.000Z", 2, 6, 0], // Alice, Dave; not Bob at the old time
      ["모의고사 풀이", "2026-12-01T11:00:00.000Z", 2, 6, 2], // Alice, Gina; not Bob's 5 minutes nor Dave's paused hour
    ]);
    expect(a.thresholdMinutes).toBe(10);
    expect(a.memberCount).toBe(6);
    expect(a.members.map((m) => [m.user.name, m.attended, m.occurrences])).toEqual([
      ["Alice", 3, 3],
      ["Gina", 1, 2],
      ["Bob", 1, 3],
      ["Dave", 1, 3],
      ["Carol", 0, 3],
    ]);
    expect(a.members[1]!.rate).toBe(0.5);
    expect(a.members.some((m) => m.user.id === u.Eve.id)).toBe(false);
    expect(a.me).toEqual({ attended: 1, occurrences: 3, hidden: false });
    expect((await getAttendance(u.Eve.id, spaceId, NOW)).me).toEqual({ attended: 1, occurrences: 3, hidden: true });
  });

  it("leaves out what has not ended and what is older than 30 days", async () => {
    const during = await getAttendance(u.Alice.id, spaceId, at("2026-12-01T11:30:00Z"));
    expect(during.occurrences.map((o) => o.start)).toEqual(["2026-11-10T11:00:00.000Z", "2026-11-25T11:00:00.000Z"]);
    const later = await getAttendance(u.Alice.id, spaceId, at("2026-12-20T00:00:00Z"));
    expect(later.occurrences.map((o) => o.start)).toEqual([
      "2026-11-25T11:00:00.000Z",
      "2026-12-01T11:00:00.000Z",
      "2026-12-08T11:00:00.000Z",
    ]);
    expect(later.occurrences[2]!.attended).toBe(0);
  });

  it("is for members only, over HTTP too", async () => {
    await expect(getAttendance(u.Frank.id, spaceId, NOW)).rejects.toMatchObject({ code: "forbidden" });
    const get = (who: Who, path: string) => fetch(`${server.url}${path}`, { headers: { cookie: cookies[who], origin: server.origin } });
    const res = await get("Carol", `/api/spaces/${spaceId}/attendance`);
    expect(res.status).toBe(200);
    expect(attendanceSchema.parse(((await res.json()) as { attendance: unknown }).attendance).memberCount).toBe(6);
    expect((await get("Frank", `/api/spaces/${spaceId}/attendance`)).status).toBe(403);
    expect((await get("Alice", `/api/spaces/nope/attendance`)).status).toBe(403);
    expect((await get("Alice", `/api/spaces/${"x".repeat(5000)}/attendance`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${server.url}/api/spaces/${spaceId}/attendance`)).status).toBe(401);
  });
});
