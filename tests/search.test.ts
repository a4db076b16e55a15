import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { newId } from "@/server/ids";
import { memoryRateLimiter, setSearchLimiter, setSendLimiter } from "@/server/rate-limit";
import { createChannel, removeChannelMember } from "@/server/services/channels";
import { openDm } from "@/server/services/dms";
import { createGroup, leaveGroup } from "@/server/services/groups";
import { deleteMessage, editMessage, sendMessage } from "@/server/services/messages";
import { searchMessages } from "@/server/services/search";
import { banMember, kickMember, leaveSpace, setMemberRole } from "@/server/services/space-admin";
import { createSpace } from "@/server/services/spaces";
import { dialects, freshDatabase } from "./helpers/database";

let n = 0;
const cid = () => `search-${Date.now()}-${n++}`;

/**
 * The search service on the one access rule: for every kind of channel, a search finds the
 * messages of the channels the user can read and never one of a channel they cannot, before
 * and after leaving, kicks, bans and blocks; with 2-character queries (the LIKE path) and
 * longer ones (the trigram index on SQLite) alike.
 */
describe.each(dialects)("message search on %s", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;

  async function makeUsers(names: string[]): Promise<UserSummary[]> {
    const users = names.map((name) => ({ id: newId(), name, image: null }));
    await database.db.insert(database.t.users).values(users.map((u) => ({ ...u, createdAt: new Date() })));
    return users;
  }
  async function joinSpace(spaceId: string, users: UserSummary[]) {
    await database.db.insert(database.t.spaceMembers).values(users.map((u) => ({ spaceId, userId: u.id, role: "member" as const, joinedAt: new Date() })));
  }
  async function block(blocker: UserSummary, blocked: UserSummary) {
    await database.db.insert(database.t.blocks).values({ blockerId: blocker.id, blockedId: blocked.id, createdAt: new Date() });
  }
  const send = (author: UserSummary, channelId: string, body: string) => sendMessage(author, { channelId, clientId: cid(), body });
  /** The channels a user's search finds `text` in, as the world's names for them. */
  async function foundIn(user: UserSummary, text: string, names: Record<string, string>, filter: object = {}) {
    const { hits } = await searchMessages(user.id, { text, ...filter });
    return [...new Set(hits.map((h) => names[h.channel.id] ?? "unknown"))].sort();
  }

  /**
   * A space with a public text channel, a video channel and a private channel (owner and
   * Mina in it; the admin sees it by role); a group of the owner, Mina and Jun; a dm of Mina
   * and the owner; another space Mina is not in. Each channel has a message saying 과제.
   */
  async function world() {
    const [owner, admin, mina, jun, outsider] = await makeUsers(["Owner", "Admin", "Mina", "Jun", "Outsider"]);
    const { space } = await createSpace(owner!.id, { name: "Study" });
    await joinSpace(space.id, [admin!, mina!, jun!]);
    await setMemberRole(owner!.id, space.id, admin!.id, { role: "admin" });
    const text = space.defaultChannelId!;
    const video = (await createChannel(owner!.id, space.id, { name: "voice", kind: "video" })).channel.id;
    const secret = (await createChannel(owner!.id, space.id, { name: "secret", kind: "text", isPrivate: true, memberIds: [mina!.id] })).channel.id;
    const group = (await createGroup(owner!, { name: "", memberIds: [mina!.id, jun!.id] })).channelId;
    const dm = (await openDm(mina!.id, { userId: owner!.id })).channelId;
    const { space: other } = await createSpace(outsider!.id, { name: "Elsewhere" });
    const elsewhere = other.defaultChannelId!;
    const names: Record<string, string> = { [text]: "text", [video]: "video", [secret]: "private", [group]: "group", [dm]: "dm", [elsewhere]: "elsewhere" };
    for (const [id, name] of Object.entries(names)) await send(name === "elsewhere" ? outsider! : owner!, id, `${name} 지난주과제 https://moim.test/${name}`);
    return { owner: owner!, admin: admin!, mina: mina!, jun: jun!, outsider: outsider!, space, text, video, secret, group, dm, elsewhere, names };
  }

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    setSendLimiter(memoryRateLimiter(10_000, 10_000));
    setSearchLimiter(memoryRateLimiter(10_000, 10_000)); // the limit has its own test below
  });
  afterAll(async () => {
    setSendLimiter(undefined);
    setSearchLimiter(undefined);
    await drop?.();
  });

  for (const text of ["과제", "지난주과제"]) {
    it(`finds "${text}" in every channel the user can read and in no other, for every kind of channel`, async () => {
      const w = await world();
      expect(await foundIn(w.owner, text, w.names)).toEqual(["dm", "group", "private", "text", "video"]);
      expect(await foundIn(w.admin, text, w.names)).toEqual(["private", "text", "video"]);
      expect(await foundIn(w.mina, text, w.names)).toEqual(["dm", "group", "private", "text", "video"]);
      expect(await foundIn(w.jun, text, w.names)).toEqual(["group", "text", "video"]);
      expect(await foundIn(w.outsider, text, w.names)).toEqual(["elsewhere"]);
      // Naming a channel one cannot read is refused, not answered with nothing.
      await expect(searchMessages(w.jun.id, { text, channelId: w.secret })).rejects.toMatchObject({ code: "forbidden" });
      await expect(searchMessages(w.jun.id, { text, channelId: w.dm })).rejects.toMatchObject({ code: "forbidden" });
      await expect(searchMessages(w.outsider.id, { text, channelId: w.text })).rejects.toMatchObject({ code: "forbidden" });
      expect(await foundIn(w.jun, text, w.names, { channelId: w.group })).toEqual(["group"]);
    });

    it(`stops finding "${text}" in a channel once the user leaves it, is taken out, kicked or banned`, async () => {
      const w = await world();
      await removeChannelMember(w.owner.id, w.secret, w.mina.id);
      expect(await foundIn(w.mina, text, w.names)).toEqual(["dm", "group", "text", "video"]);
      await leaveGroup(w.mina, w.group);
      expect(await foundIn(w.mina, text, w.names)).toEqual(["dm", "text", "video"]);
      await kickMember(w.owner.id, w.space.id, w.mina.id);
      expect(await foundIn(w.mina, text, w.names)).toEqual(["dm"]);
      await banMember(w.owner.id, w.space.id, w.jun.id);
      expect(await foundIn(w.jun, text, w.names)).toEqual(["group"]);
      await leaveSpace(w.admin.id, w.space.id);
      expect(await foundIn(w.admin, text, w.names)).toEqual([]);
    });

    it(`leaves out the messages of people the user blocked ("${text}")`, async () => {
      const w = await world();
      await send(w.jun, w.group, `Jun ${text} in the group`);
      await block(w.mina, w.owner);
      const { hits } = await searchMessages(w.mina.id, { text });
      expect(hits.map((h) => h.message.author.name)).toEqual(["Jun"]);
      // The one blocked sees their own messages still.
      expect(await foundIn(w.owner, text, w.names)).toEqual(["dm", "group", "private", "text", "video"]);
    });
  }

  it("filters by channel, person, dates and links, and pages newest first without repeats", async () => {
    const w = await world();
    const first = await send(w.mina, w.text, "과제 without a link");
    await new Promise((r) => setTimeout(r, 5)); // a later millisecond, for the date filters
    const later = await send(w.jun, w.text, "과제 from Jun http://example.com");
    expect((await searchMessages(w.mina.id, { text: "과제", authorId: w.jun.id })).hits.map((h) => h.message.id)).toEqual([later.id]);
    const linked = await searchMessages(w.mina.id, { text: "과제", channelId: w.text, hasLink: true });
    expect(linked.hits.map((h) => h.message.body)).toEqual(["과제 from Jun http://example.com", "text 지난주과제 https://moim.test/text"]);
    const before = await searchMessages(w.mina.id, { text: "과제", channelId: w.text, before: later.createdAt });
    expect(before.hits.map((h) => h.message.id)).not.toContain(later.id);
    const after = await searchMessages(w.mina.id, { text: "과제", channelId: w.text, after: first.createdAt });
    expect(after.hits.map((h) => h.message.id)).toEqual([later.id]);
    expect(before.hits.map((h) => h.message.id)).toContain(first.id);
    // Where each hit was said, for the results list.
    const { hits } = await searchMessages(w.mina.id, { text: "지난주과제" });
    const dm = hits.find((h) => h.channel.id === w.dm)!;
    expect(dm).toMatchObject({ channel: { kind: "dm" }, spaceName: null, members: ["Owner"] });
    expect(hits.find((h) => h.channel.id === w.text)).toMatchObject({ channel: { kind: "text", name: "general" }, spaceName: "Study" });
    expect(hits.find((h) => h.channel.id === w.group)).toMatchObject({ members: ["Jun", "Owner"] });

    for (let i = 0; i < LIMITS.searchPageSize + 5; i++) await send(w.mina, w.group, `페이지 ${i}`);
    const page1 = await searchMessages(w.mina.id, { text: "페이지" });
    expect(page1.hasMore).toBe(true);
    const last = page1.hits.at(-1)!.message;
    const page2 = await searchMessages(w.mina.id, { text: "페이지", below: { createdAt: last.createdAt, id: last.id } });
    expect(page2.hasMore).toBe(false);
    const bodies = [...page1.hits, ...page2.hits].map((h) => h.message.body);
    expect(bodies).toEqual(Array.from({ length: LIMITS.searchPageSize + 5 }, (_, i) => `페이지 ${LIMITS.searchPageSize + 4 - i}`));
  });

  it("finds an edited message by its new text and a deleted one not at all", async () => {
    const w = await world();
    const kept = await send(w.mina, w.text, "숙제 초안");
    const gone = await send(w.mina, w.text, "숙제 지울 것");
    await editMessage(w.mina, { channelId: w.text, messageId: kept.id, body: "숙제 완성본" });
    await deleteMessage(w.mina, { channelId: w.text, messageId: gone.id });
    expect((await searchMessages(w.jun.id, { text: "숙제" })).hits.map((h) => h.message.body)).toEqual(["숙제 완성본"]);
    expect((await searchMessages(w.jun.id, { text: "초안" })).hits).toEqual([]);
  });

  it("refuses bad queries with an error that says what is wrong", async () => {
    const w = await world();
    const refused = (input: object) => searchMessages(w.mina.id, { text: "과제", ...input } as never);
    await expect(refused({ text: "" })).rejects.toMatchObject({ issues: [{ message: "search_text" }] });
    await expect(refused({ text: "   " })).rejects.toMatchObject({ issues: [{ message: "search_text" }] });
    await expect(refused({ text: "가".repeat(LIMITS.searchTextMaxChars + 1) })).rejects.toMatchObject({ issues: [{ message: "search_text" }] });
    await expect(refused({ text: "x".repeat(100_000) })).rejects.toMatchObject({ issues: [{ message: "search_text" }] });
    await expect(refused({ text: 42 })).rejects.toMatchObject({ issues: [{ message: "search_text" }] });
    await expect(refused({ after: "yesterday" })).rejects.toMatchObject({ issues: [{ message: "search_date" }] });
    await expect(refused({ before: "2026-13-45T00:00:00Z" })).rejects.toMatchObject({ issues: [{ message: "search_date" }] });
    await expect(refused({ after: "2026-12-02T00:00:00Z", before: "2026-12-01T00:00:00Z" })).rejects.toMatchObject({ issues: [{ message: "search_date" }] });
    await expect(refused({ channelId: "not-an-id" })).rejects.toMatchObject({ issues: [{ message: "search_filter" }] });
    await expect(refused({ authorId: "x".repeat(5000) })).rejects.toMatchObject({ issues: [{ message: "search_filter" }] });
    await expect(refused({ below: { createdAt: "2026-12-01T00:00:00Z", id: "nope" } })).rejects.toMatchObject({ issues: [{ message: "search_filter" }] });
    await expect(refused({ channelId: newId() })).rejects.toMatchObject({ code: "forbidden" });
    // A text of exactly the limit is fine, and spaces around it do not count.
    expect((await refused({ text: ` ${"가".repeat(LIMITS.searchTextMaxChars)} ` })).hits).toEqual([]);
  });

  it("rate-limits each user's searches", async () => {
    const w = await world();
    setSearchLimiter(memoryRateLimiter(2, 0.001));
    try {
      await searchMessages(w.mina.id, { text: "과제" });
      await searchMessages(w.mina.id, { text: "과제" });
      await expect(searchMessages(w.mina.id, { text: "과제" })).rejects.toMatchObject({ code: "rate_limited" });
      expect((await searchMessages(w.jun.id, { text: "과제" })).hits.length).toBeGreaterThan(0);
    } finally {
      setSearchLimiter(memoryRateLimiter(10_000, 10_000));
    }
  });
});
