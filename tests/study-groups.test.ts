import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import "./helpers/api-secret";
import type { UserSummary } from "@/lib/realtime/contract";
import { requireChannelAccess } from "@/server/services/access";
import { listConversations } from "@/server/services/chat-list";
import { getConversation } from "@/server/services/conversations";
import { openDm } from "@/server/services/dms";
import { blockUser, unblockUser } from "@/server/services/friends";
import { sendMessage } from "@/server/services/messages";
import { banMember, setMemberRole } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace, getSpaceView } from "@/server/services/spaces";
import { listDirectory, updateStudyGroup } from "@/server/services/study-groups";
import { openInquiry } from "@/server/services/study-inquiries";
import { decideJoinRequest, requestToJoin } from "@/server/services/study-requests";
import { signUp } from "@/server/services/users";
import { getDatabase } from "@/server/database";
import { startApiServer } from "./helpers/api-server";
import { dialects, freshDatabase } from "./helpers/database";
import { inbox, nextEvent, settle, signInSession, socketPool } from "./helpers/realtime";

type Who = "owner" | "admin" | "member" | "stranger" | "other" | "banned";
type Answer = { ok: boolean; error?: { code: string }; [k: string]: unknown };
type Card = {
  spaceId: string;
  name: string;
  tags: string[];
  me: string;
  memberCount: number;
  capacity: number | null;
  inquiryChannelId: string | null;
  studyingNow: number;
};

const base = {
  enabled: true,
  description: "매주 화·목 저녁 9시, 기출 풀이와 오답 노트를 함께 해요.",
  target: "정보처리기사 실기 / 4월",
  capacity: null,
  status: "recruiting",
  listed: true,
  joinMode: "request",
  tags: ["정보처리기사", "자격증"],
} as const;

describe.each(dialects)("study groups on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  const users = {} as Record<Who, UserSummary>;
  const cookies = {} as Record<Who, string>;
  const pool = socketPool(() => server);
  let spaceId: string;
  let channelId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startApiServer();
    for (const who of ["owner", "admin", "member", "stranger", "other", "banned"] as const) {
      users[who] = await signUp({
        email: `${who}-study@example.test`,
        password: `${who}-pass-123`,
        name: who === "owner" ? "김민지" : who,
      });
      cookies[who] = (await signInSession(users[who].id, who)).cookie;
    }
    const { space } = await createSpace(users.owner.id, { name: "정보처리기사 스터디" });
    spaceId = space.id;
    channelId = space.defaultChannelId!;
    for (const who of ["admin", "member", "banned"] as const)
      await acceptInvite(users[who].id, (await createInvite(users.owner.id, spaceId)).code);
    await setMemberRole(users.owner.id, spaceId, users.admin.id, { role: "admin" });
    await banMember(users.owner.id, spaceId, users.banned.id);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  const call = async (who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], origin: server.origin, ...(method !== "GET" ? { "content-type": "application/json" } : {}) },
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    });
    return { status: res.status, json: (await res.json()) as Answer };
  };
  const settings = (who: Who, body: unknown, id = spaceId) => call(who, "PATCH", `/api/spaces/${id}/study`, body);
  const directory = async (who: Who, query = "") => {
    const { json } = await call(who, "GET", `/api/study/groups${query}`);
    return json as Answer & { groups: Card[]; hasMore: boolean };
  };

  it("lets the owner and admins make the space a study group, and refuses members and strangers", async () => {
    expect((await settings("member", base)).json).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await settings("stranger", base)).status).toBe(403);
    const made = await settings("owner", { ...base, tags: ["  #정보처리기사 ", "자격증", "ＪＡＶＡ", "java"] });
    expect(made.json).toMatchObject({
      ok: true,
      group: { status: "recruiting", listed: true, tags: ["java", "자격증", "정보처리기사"].sort() },
    });
    expect((await settings("admin", { ...base, status: "in_progress" })).json).toMatchObject({
      ok: true,
      group: { status: "in_progress" },
    });
    expect((await call("member", "GET", `/api/spaces/${spaceId}/study`)).json).toMatchObject({
      group: { status: "in_progress", pendingRequests: 0 },
    });
    expect((await call("stranger", "GET", `/api/spaces/${spaceId}/study`)).status).toBe(403);
    await settings("owner", base);
  });

  it("refuses bad settings with a clear validation error and changes nothing", async () => {
    const bad: unknown[] = [
      { ...base, tags: Array.from({ length: 9 }, (_, i) => `tag${i}`) },
      { ...base, tags: ["x".repeat(25)] },
      { ...base, tags: ["   #  "] },
      { ...base, tags: ["x".repeat(100_000)] },
      { ...base, description: "가".repeat(501) },
      { ...base, target: "x".repeat(81) },
      { ...base, capacity: 1 },
      { ...base, capacity: 1.5 },
      { ...base, capacity: "10" },
      { ...base, status: "open" },
      { ...base, joinMode: "invite" },
      { ...base, listed: "yes" },
      { ...base, surprise: true },
      { ...base, enabled: undefined },
      [],
      "study",
      null,
    ];
    for (const body of bad) {
      const { status, json } = await settings("owner", body);
      expect(status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(json.error?.code).toBe("validation");
    }
    expect((await call("owner", "GET", `/api/spaces/${spaceId}/study`)).json).toMatchObject({ group: { target: base.target } });
    expect((await settings("owner", base, "not a valid id!")).status).toBe(400);
  });

  it("tells members viewing the space when its settings change", async () => {
    const socket = await pool.connect(users.member.id);
    const changed = nextEvent(socket, "study:changed");
    await settings("admin", { ...base, status: "recruiting" });
    expect(await changed).toEqual({ spaceId });
  });

  it("finds listed groups by tag and Korean substring, by status, and never lists an unlisted one", async () => {
    const { space: hidden } = await createSpace(users.other.id, { name: "정보보안 비공개 스터디" });
    await updateStudyGroup(users.other.id, hidden.id, { ...base, listed: false, tags: ["정보보안"] });
    const { space: toeic } = await createSpace(users.other.id, { name: "토익 900 스터디" });
    await updateStudyGroup(users.other.id, toeic.id, {
      ...base,
      target: "토익 900 / 6월",
      tags: ["영어", "토익"],
      status: "in_progress",
      joinMode: "direct",
    });

    const names = async (query: string) => (await directory("stranger", query)).groups.map((g) => g.name);
    expect(await names(`?q=${encodeURIComponent("정보")}`)).toEqual(["정보처리기사 스터디"]);
    expect(await names(`?q=${encodeURIComponent("처리")}`)).toEqual(["정보처리기사 스터디"]);
    expect(await names(`?q=${encodeURIComponent("자격")}`)).toEqual(["정보처리기사 스터디"]); // a tag's part
    expect(await names(`?q=${encodeURIComponent("6월")}`)).toEqual(["토익 900 스터디"]); // the target
    expect(await names(`?tag=${encodeURIComponent("#토익")}`)).toEqual(["토익 900 스터디"]);
    expect(await names(`?tag=${encodeURIComponent("토")}`)).toEqual([]); // a tag filter is exact
    expect(await names("?status=in_progress")).toEqual(["토익 900 스터디"]);
    expect(await names(`?q=${encodeURIComponent("%")}`)).toEqual([]); // LIKE's own characters are text
    expect(await names("")).toEqual(["토익 900 스터디", "정보처리기사 스터디"]);
    expect(await names(`?q=${encodeURIComponent("보안")}`)).toEqual([]);
    // Its own members do not see an unlisted group in the directory either.
    expect((await listDirectory(users.other.id, {})).groups.map((g) => g.name)).not.toContain("정보보안 비공개 스터디");

    const card = (await directory("stranger", `?q=${encodeURIComponent("정보처리")}`)).groups[0]!;
    expect(card).toMatchObject({
      spaceId,
      me: "none",
      memberCount: 3,
      target: base.target,
      organizer: { id: users.owner.id, name: "김민지" },
    });
    expect(Object.keys(card)).not.toContain("channels");
    expect((await directory("member", `?q=${encodeURIComponent("정보처리")}`)).groups[0]).toMatchObject({ me: "member" });
  });

  it("refuses bad directory queries", async () => {
    for (const query of [
      "?page=0",
      "?page=101",
      "?page=x",
      "?status=open",
      `?q=${"x".repeat(65)}`,
      "?q=a&q=b",
      "?sort=new",
      `?tag=${"t".repeat(30)}`,
    ]) {
      const res = await call("stranger", "GET", `/api/study/groups${query}`);
      expect(res.status, query).toBe(400);
    }
  });

  it("pages the directory", async () => {
    for (let i = 0; i < 13; i++) {
      const { space } = await createSpace(users.other.id, { name: `알고리즘 스터디 ${i}` });
      await updateStudyGroup(users.other.id, space.id, { ...base, target: "코딩 테스트 / 상반기", tags: ["알고리즘"] });
    }
    const first = await directory("stranger", "?tag=알고리즘");
    const second = await directory("stranger", "?tag=알고리즘&page=2");
    expect(first.groups).toHaveLength(12);
    expect(first.hasMore).toBe(true);
    expect(second.groups).toHaveLength(1);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.groups, ...second.groups].map((g) => g.spaceId)).size).toBe(13);
  });

  it("shows a stranger the card and nothing else of the space", async () => {
    await expect(getSpaceView(users.stranger.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requireChannelAccess(users.stranger.id, channelId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await call("stranger", "GET", `/api/channels/${channelId}/messages`)).status).toBe(403);
    expect((await call("stranger", "GET", `/api/spaces/${spaceId}/materials`)).status).toBe(403);
    expect((await call("stranger", "GET", `/api/spaces/${spaceId}/study/requests`)).status).toBe(403);
  });

  it("counts the members studying now on the card, a running timer only, with no names", async () => {
    const { db, t } = await getDatabase();
    const card = async () => (await directory("stranger", `?q=${encodeURIComponent("정보처리")}`)).groups[0]!;
    expect((await card()).studyingNow).toBe(0);
    const now = Date.now();
    const timer = (userId: string, runningSince: Date | null) => ({
      userId,
      mode: "stopwatch" as const,
      subject: "정보처리기사 기출",
      startedAt: new Date(now - 30 * 60_000),
      runningSince,
      segments: JSON.stringify([[now - 30 * 60_000, now - 20 * 60_000]]),
      focusMinutes: null,
      breakMinutes: null,
      version: 1,
      updatedAt: new Date(),
    });
    await db.insert(t.studyTimers).values(timer(users.member.id, new Date(now - 10 * 60_000)));
    await db.insert(t.studyTimers).values(timer(users.admin.id, null)); // paused
    await db.insert(t.studyTimers).values(timer(users.stranger.id, new Date(now - 5 * 60_000))); // not a member
    try {
      const seen = await card();
      expect(seen.studyingNow).toBe(1);
      expect(JSON.stringify(seen)).not.toContain(users.member.id);
      expect((await listDirectory(users.member.id, { q: "정보처리" })).groups[0]).toMatchObject({ studyingNow: 1 });
    } finally {
      await db.delete(t.studyTimers);
    }
  });

  it("runs a request: asked live to admins, duplicate refused, cancelled, asked again, approved live to the asker", async () => {
    const adminSocket = await pool.connect(users.admin.id);
    const memberSocket = await pool.connect(users.member.id);
    const strangerSocket = await pool.connect(users.stranger.id);
    const memberHeard = inbox(memberSocket, "study:requests");
    const counted = nextEvent(adminSocket, "study:requests");
    const asked = await call("stranger", "POST", `/api/spaces/${spaceId}/study/requests`, { message: "  4월 시험 준비 중입니다! " });
    expect(asked.json).toMatchObject({ ok: true, card: { me: "pending" } });
    expect(await counted).toEqual({ spaceId, pending: 1 });
    expect((await call("stranger", "POST", `/api/spaces/${spaceId}/study/requests`, {})).json).toMatchObject({
      error: { code: "study_request_pending" },
    });
    expect((await call("admin", "GET", `/api/spaces/${spaceId}/study/requests`)).json).toMatchObject({
      requests: [{ user: { id: users.stranger.id }, message: "4월 시험 준비 중입니다!" }],
    });
    expect((await call("member", "GET", `/api/spaces/${spaceId}/study/requests`)).status).toBe(403);
    expect((await call("member", "POST", `/api/spaces/${spaceId}/study/requests/${users.stranger.id}`, { approve: true })).status).toBe(
      403,
    );
    expect((await call("owner", "GET", `/api/spaces/${spaceId}/study`)).json).toMatchObject({ group: { pendingRequests: 1 } });

    expect((await call("stranger", "DELETE", `/api/spaces/${spaceId}/study/requests`)).json).toMatchObject({ card: { me: "none" } });
    expect(
      (await call("admin", "POST", `/api/spaces/${spaceId}/study/requests/${users.stranger.id}`, { approve: true })).json,
    ).toMatchObject({
      error: { code: "not_found" },
    });
    await call("stranger", "POST", `/api/spaces/${spaceId}/study/requests`, {});
    const decided = nextEvent(strangerSocket, "study:requestDecided");
    expect(
      (await call("admin", "POST", `/api/spaces/${spaceId}/study/requests/${users.stranger.id}`, { approve: true })).json,
    ).toMatchObject({
      ok: true,
      approved: true,
    });
    expect(await decided).toMatchObject({ spaceId, spaceName: "정보처리기사 스터디", approved: true, defaultChannelId: channelId });
    expect((await getSpaceView(users.stranger.id, spaceId)).myRole).toBe("member");
    expect((await directory("stranger", `?q=${encodeURIComponent("정보처리")}`)).groups[0]).toMatchObject({ me: "member", memberCount: 4 });
    await settle(memberSocket);
    expect(memberHeard).toEqual([]); // members are not told about requests
  });

  it("declines: the asker hears it and can ask again later", async () => {
    const socket = await pool.connect(users.other.id);
    await requestToJoin(users.other.id, spaceId, { message: "" });
    const decided = nextEvent(socket, "study:requestDecided");
    await decideJoinRequest(users.owner.id, spaceId, users.other.id, { approve: false });
    expect(await decided).toMatchObject({ spaceId, approved: false, defaultChannelId: null });
    await expect(getSpaceView(users.other.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
    // After a reload the card still says so.
    expect((await directory("other", `?q=${encodeURIComponent("정보처리")}`)).groups.find((g) => g.spaceId === spaceId)?.me).toBe(
      "declined",
    );
    expect((await requestToJoin(users.other.id, spaceId, {})).card.me).toBe("pending");
    await decideJoinRequest(users.owner.id, spaceId, users.other.id, { approve: false });
  });

  it("refuses a banned person's request and direct join", async () => {
    expect((await call("banned", "POST", `/api/spaces/${spaceId}/study/requests`, {})).json).toMatchObject({ error: { code: "banned" } });
    await settings("owner", { ...base, joinMode: "direct" });
    expect((await call("banned", "POST", `/api/spaces/${spaceId}/study/join`)).json).toMatchObject({ error: { code: "banned" } });
    await settings("owner", base);
  });

  it("refuses to approve someone banned after they asked; the request stays pending", async () => {
    const late = await signUp({ email: "late-study@example.test", password: "late-pass-123", name: "late" });
    await requestToJoin(late.id, spaceId, { message: "" });
    await acceptInvite(late.id, (await createInvite(users.owner.id, spaceId)).code).catch(() => undefined);
    await banMember(users.owner.id, spaceId, late.id);
    await expect(decideJoinRequest(users.admin.id, spaceId, late.id, { approve: true })).rejects.toMatchObject({ code: "banned" });
    await expect(getSpaceView(late.id, spaceId)).rejects.toMatchObject({ code: "forbidden" });
    await decideJoinRequest(users.admin.id, spaceId, late.id, { approve: false });
  });

  it("refuses bad request bodies and the wrong join mode", async () => {
    for (const body of [{ message: "x".repeat(301) }, { message: 5 }, { message: "hi", extra: 1 }, [], "x"]) {
      expect((await call("other", "POST", `/api/spaces/${spaceId}/study/requests`, body)).status).toBe(400);
    }
    for (const body of [{}, { approve: "yes" }, { approve: true, extra: 1 }]) {
      expect((await call("owner", "POST", `/api/spaces/${spaceId}/study/requests/${users.other.id}`, body)).status).toBe(400);
    }
    expect((await call("other", "POST", `/api/spaces/${spaceId}/study/join`)).json).toMatchObject({ error: { code: "study_join_mode" } });
    await settings("owner", { ...base, status: "finished" });
    expect((await call("other", "POST", `/api/spaces/${spaceId}/study/requests`, {})).json).toMatchObject({
      error: { code: "study_closed" },
    });
    await settings("owner", { ...base, listed: false });
    expect((await call("other", "POST", `/api/spaces/${spaceId}/study/requests`, {})).json).toMatchObject({ error: { code: "forbidden" } });
    await settings("owner", base);
  });

  it("holds the capacity for direct joins, approvals and invites alike", async () => {
    const { space } = await createSpace(users.owner.id, { name: "SQLD 2인 스터디" });
    const sqld = { ...base, target: "SQLD / 5월", tags: ["sqld"] };
    await updateStudyGroup(users.owner.id, space.id, { ...sqld, capacity: 2, joinMode: "direct" });
    const code = (await createInvite(users.owner.id, space.id)).code;
    // Two people race for the one seat left: exactly one gets it.
    const raced = await Promise.all([
      call("member", "POST", `/api/spaces/${space.id}/study/join`),
      call("stranger", "POST", `/api/spaces/${space.id}/study/join`),
    ]);
    expect(raced.map((r) => r.json.ok).sort()).toEqual([false, true]);
    expect(raced.find((r) => !r.json.ok)!.json).toMatchObject({ error: { code: "study_full" } });
    await expect(acceptInvite(users.other.id, code)).rejects.toMatchObject({ code: "study_full" });
    await updateStudyGroup(users.owner.id, space.id, { ...sqld, capacity: 2, joinMode: "request" });
    expect((await call("other", "POST", `/api/spaces/${space.id}/study/requests`, {})).json).toMatchObject({
      error: { code: "study_full" },
    });
    await updateStudyGroup(users.owner.id, space.id, { ...sqld, capacity: 3 });
    await requestToJoin(users.other.id, space.id, {});
    await updateStudyGroup(users.owner.id, space.id, { ...sqld, capacity: 2 });
    await expect(decideJoinRequest(users.owner.id, space.id, users.other.id, { approve: true })).rejects.toMatchObject({
      code: "study_full",
    });
    // Still pending: a seat may free up.
    expect((await listDirectory(users.other.id, { q: "SQLD" })).groups[0]).toMatchObject({ me: "pending", memberCount: 2 });
  });

  it("opens one 문의하기 chat per asker and group, also on a concurrent double click, apart from their dm", async () => {
    const [a, b] = await Promise.all([
      call("other", "POST", `/api/spaces/${spaceId}/study/inquiry`),
      call("other", "POST", `/api/spaces/${spaceId}/study/inquiry`),
    ]);
    expect(a.json.ok && b.json.ok).toBe(true);
    expect(a.json.channelId).toBe(b.json.channelId);
    const inquiry = a.json.channelId as string;
    expect((await openInquiry(users.other.id, spaceId)).channelId).toBe(inquiry);
    const dm = await openDm(users.other.id, { userId: users.owner.id });
    expect(dm.channelId).not.toBe(inquiry);
    expect((await listDirectory(users.other.id, { q: "정보처리" })).groups[0]!.inquiryChannelId).toBe(inquiry);

    await sendMessage(users.other, { channelId: inquiry, clientId: "inquiry-first", body: "안녕하세요, 비전공자도 참여 가능한가요?" });
    const askerRow = (await listConversations(users.other.id)).find((c) => c.id === inquiry);
    const organizerRow = (await listConversations(users.owner.id)).find((c) => c.id === inquiry);
    expect(askerRow).toMatchObject({ kind: "dm", study: { spaceId, spaceName: "정보처리기사 스터디", asking: true } });
    expect(organizerRow).toMatchObject({
      kind: "dm",
      study: { spaceId, spaceName: "정보처리기사 스터디", asking: false },
      members: [{ id: users.other.id }],
    });
    expect((await getConversation(users.owner.id, inquiry)).study).toMatchObject({ spaceName: "정보처리기사 스터디" });
    expect((await listConversations(users.other.id)).find((c) => c.id === dm.channelId)?.study).toBeUndefined();
    // Nobody else reads it.
    await expect(requireChannelAccess(users.member.id, inquiry)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses the organizer asking their own group, unlisted groups, blocked pairs and bad ids", async () => {
    expect((await call("owner", "POST", `/api/spaces/${spaceId}/study/inquiry`)).json).toMatchObject({
      error: { code: "study_own_group" },
    });
    await blockUser(users.owner.id, { userId: users.admin.id });
    expect((await call("admin", "POST", `/api/spaces/${spaceId}/study/inquiry`)).json).toMatchObject({ error: { code: "blocked" } });
    await unblockUser(users.owner.id, { userId: users.admin.id });
    await blockUser(users.banned.id, { userId: users.owner.id });
    expect((await call("banned", "POST", `/api/spaces/${spaceId}/study/inquiry`)).json).toMatchObject({ error: { code: "blocked" } });
    const { space } = await createSpace(users.owner.id, { name: "비공개 모임" });
    expect((await call("stranger", "POST", `/api/spaces/${space.id}/study/inquiry`)).json).toMatchObject({ error: { code: "forbidden" } });
    await updateStudyGroup(users.owner.id, space.id, { ...base, target: "", tags: [], listed: false });
    expect((await call("stranger", "POST", `/api/spaces/${space.id}/study/inquiry`)).json).toMatchObject({ error: { code: "forbidden" } });
    expect((await call("stranger", "POST", `/api/spaces/${"x".repeat(65)}/study/inquiry`)).status).toBe(400);
    expect((await call("stranger", "POST", `/api/spaces/00000000-0000-7000-8000-000000000000/study/join`)).status).toBe(403);
  });

  it("turning the group off takes its card out of the directory and clears pending requests", async () => {
    await requestToJoin(users.banned.id, spaceId, {}).catch(() => undefined); // banned: refused, nothing stored
    await requestToJoin(users.other.id, spaceId, {}).catch(() => undefined);
    const adminSocket = await pool.connect(users.admin.id);
    const counted = nextEvent(adminSocket, "study:requests");
    expect((await settings("owner", { enabled: false })).json).toMatchObject({ ok: true, group: null });
    expect(await counted).toEqual({ spaceId, pending: 0 });
    expect((await directory("stranger", `?q=${encodeURIComponent("정보처리")}`)).groups).toEqual([]);
    await settings("owner", base);
    expect((await call("owner", "GET", `/api/spaces/${spaceId}/study`)).json).toMatchObject({ group: { pendingRequests: 0 } });
  });
});
