import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { LIMITS } from "@/lib/limits";
import type { ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { newId } from "@/server/ids";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { requireChannelAccess } from "@/server/services/access";
import { listConversations } from "@/server/services/chat-list";
import { getConversation, listContacts, setMuted } from "@/server/services/conversations";
import { openDm } from "@/server/services/dms";
import { createGroup, inviteToGroup, leaveGroup, updateGroup } from "@/server/services/groups";
import { deleteMessage, listMessages, sendMessage } from "@/server/services/messages";
import { markRead } from "@/server/services/reads";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { dialects, freshDatabase } from "./helpers/database";

let n = 0;
const cid = () => `client-${Date.now()}-${n++}`;

describe.each(dialects)("direct conversations on %s", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let people: UserSummary[] = [];

  /** A space everyone made by makeUsers is in: only friends and space mates may be put into a group. */
  let clubId: string;
  /**
   * Users written straight to the table (signing up hashes a password: too slow for a
   * hundred), members of the club space unless they are to be strangers to everyone.
   */
  async function makeUsers(names: string[], { strangers = false } = {}): Promise<UserSummary[]> {
    const { db, t } = database;
    const users = names.map((name) => ({ id: newId(), name, image: null }));
    await db.insert(t.users).values(users.map((u) => ({ ...u, createdAt: new Date() })));
    if (!strangers) await db.insert(t.spaceMembers).values(users.map((u) => ({ spaceId: clubId, userId: u.id, role: "member" as const, joinedAt: new Date() })));
    return users;
  }
  const alice = () => people[0]!;
  const bob = () => people[1]!;
  const carol = () => people[2]!;
  const dave = () => people[3]!;
  const stranger = () => people[4]!;

  async function block(blocker: UserSummary, blocked: UserSummary) {
    await database.db.insert(database.t.blocks).values({ blockerId: blocker.id, blockedId: blocked.id, createdAt: new Date() });
  }
  async function unblock(blocker: UserSummary, blocked: UserSummary) {
    const { db, t } = database;
    await db.delete(t.blocks).where(and(eq(t.blocks.blockerId, blocker.id), eq(t.blocks.blockedId, blocked.id)));
  }
  async function memberCount(channelId: string) {
    const { db, t } = database;
    const [row] = await db.select({ n: count() }).from(t.channelMembers).where(eq(t.channelMembers.channelId, channelId));
    return row!.n;
  }
  const send = (author: UserSummary, channelId: string, body: string) => sendMessage(author, { channelId, clientId: cid(), body });
  const history = async (user: UserSummary, channelId: string) => (await listMessages(user.id, channelId, {}, 200)).messages;
  const systemEvents = (messages: ChatMessage[]) => messages.flatMap((m) => (m.system ? [{ seq: m.seq, ...m.system }] : []));

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    setSendLimiter(memoryRateLimiter(10_000, 10_000)); // these tests send fast; the limit has its own test
    const [founder] = await makeUsers(["Founder"], { strangers: true });
    clubId = (await createSpace(founder!.id, { name: "Club" })).space.id;
    people = await makeUsers(["Alice", "Bob", "Carol", "Dave", "Stranger"]);
  });
  afterAll(async () => {
    setSendLimiter(undefined);
    await drop?.();
  });

  it("ten opens at once from both sides of a pair make one dm between exactly those two", async () => {
    const [x, y] = await makeUsers(["Xena", "Yuri"]);
    const opened = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? openDm(x!.id, { userId: y!.id }) : openDm(y!.id, { userId: x!.id }))),
    );
    const ids = new Set(opened.map((o) => o.channelId));
    expect(ids.size).toBe(1);
    const [channelId] = [...ids];
    const { db, t } = database;
    const dms = await db
      .select({ id: t.channels.id, kind: t.channels.kind, spaceId: t.channels.spaceId })
      .from(t.channels)
      .where(eq(t.channels.kind, "dm"));
    expect(dms.filter((c) => c.id === channelId)).toEqual([{ id: channelId, kind: "dm", spaceId: null }]);
    expect(await memberCount(channelId!)).toBe(2);
    // Opening again later finds the same one.
    expect(await openDm(x!.id, { userId: y!.id })).toEqual({ channelId });
  });

  it("a dm with yourself, or with no one, is refused", async () => {
    await expect(openDm(alice().id, { userId: alice().id })).rejects.toMatchObject({ code: "validation" });
    await expect(openDm(alice().id, { userId: newId() })).rejects.toMatchObject({ code: "not_found" });
    await expect(openDm(alice().id, { userId: "not-an-id" })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("a non-member can neither read, send to, join nor change a conversation, and learns nothing (not even that it exists)", async () => {
    const { channelId: dm } = await openDm(alice().id, { userId: bob().id });
    const { channelId: group } = await createGroup(alice(), { memberIds: [bob().id] });
    await send(alice(), dm, "secret");
    const nowhere = newId();
    for (const channelId of [dm, group, nowhere]) {
      const refusals = [
        () => requireChannelAccess(stranger().id, channelId),
        () => listMessages(stranger().id, channelId),
        () => send(stranger(), channelId, "hello?"),
        () => getConversation(stranger().id, channelId),
        () => inviteToGroup(stranger(), channelId, { userIds: [stranger().id] }),
        () => leaveGroup(stranger(), channelId),
        () => setMuted(stranger().id, channelId, { muted: true }),
        () => updateGroup(stranger(), channelId, { name: "mine now" }),
        () => markRead(stranger().id, channelId, 1),
      ];
      for (const refusal of refusals)
        await expect(refusal()).rejects.toMatchObject({ code: "forbidden", message: "You cannot access this channel" });
    }
    expect((await listConversations(stranger().id)).map((c) => c.id)).toEqual([]);
    expect((await history(bob(), dm)).map((m) => m.body)).toEqual(["secret"]);
  });

  it("creating, inviting to and leaving a group post system messages in seq order with the right actors and targets", async () => {
    const { channelId } = await createGroup(alice(), { memberIds: [bob().id, bob().id, alice().id] });
    const view = await getConversation(bob().id, channelId);
    expect(view).toMatchObject({ kind: "group", name: "Alice", named: false, channel: { spaceId: null, kind: "group" } });
    expect(view.members.map((m) => m.name)).toEqual(["Alice", "Bob"]);

    await send(bob(), channelId, "hi all");
    expect(await inviteToGroup(bob(), channelId, { userIds: [carol().id, dave().id, alice().id] })).toEqual({ added: 2 });
    expect(await inviteToGroup(alice(), channelId, { userIds: [carol().id] })).toEqual({ added: 0 }); // already in: nothing posted
    await updateGroup(carol(), channelId, { name: "  Study  " });
    await leaveGroup(carol(), channelId);

    const messages = await history(alice(), channelId);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const a = { id: alice().id, name: "Alice", image: null };
    const b = { id: bob().id, name: "Bob", image: null };
    const c = { id: carol().id, name: "Carol", image: null };
    const d = { id: dave().id, name: "Dave", image: null };
    expect(systemEvents(messages)).toEqual([
      { seq: 1, type: "created", actor: a, name: "" },
      { seq: 2, type: "invited", actor: a, targets: [b] },
      { seq: 4, type: "invited", actor: b, targets: [c, d] },
      { seq: 5, type: "renamed", actor: c, name: "Study" },
      { seq: 6, type: "left", actor: c },
    ]);
    expect(messages.filter((m) => m.system).every((m) => m.body === "")).toBe(true);
    expect(messages[2]).toMatchObject({ seq: 3, body: "hi all", system: null, author: b });
    expect((await getConversation(dave().id, channelId)).members.map((m) => m.name)).toEqual(["Alice", "Bob", "Dave"]);
    expect(await getConversation(dave().id, channelId)).toMatchObject({ name: "Study", named: true });
  });

  it("an unnamed group is titled after the other members for each reader, never after the reader; a named one by its name", async () => {
    const [mina, joon, sora, hana] = await makeUsers(["민수", "준호", "소라", "하나"]);
    const { channelId } = await createGroup(mina!, { memberIds: [joon!.id, sora!.id] });
    const titles = async () =>
      Promise.all(
        [mina!, joon!, sora!].map(async (u) => {
          const view = await getConversation(u.id, channelId);
          const row = (await listConversations(u.id)).find((c) => c.id === channelId)!;
          expect(row).toMatchObject({ name: view.name, named: view.named });
          // The list's stacked members, too, leave the reader out.
          expect(row.members.map((m) => m.id)).not.toContain(u.id);
          return view.name;
        }),
      );
    expect(await titles()).toEqual(["준호, 소라", "민수, 소라", "민수, 준호"]);
    // Someone joining shows up in everyone's title; whoever leaves is gone from it.
    await inviteToGroup(joon!, channelId, { userIds: [hana!.id] });
    expect((await getConversation(hana!.id, channelId)).name).toBe("민수, 준호, 소라");
    await leaveGroup(sora!, channelId);
    expect((await getConversation(mina!.id, channelId)).name).toBe("준호, 하나");
    // Named, it is the same for everyone.
    await updateGroup(hana!, channelId, { name: "주말 등산" });
    expect((await getConversation(mina!.id, channelId)).name).toBe("주말 등산");
    expect((await listConversations(joon!.id)).find((c) => c.id === channelId)).toMatchObject({ name: "주말 등산", named: true });
  });

  it("the chat list preview carries the names of the people it mentions, the reader's own included", async () => {
    const [mina, joon, sora] = await makeUsers(["민수", "준호", "소라"]);
    const { channelId } = await createGroup(mina!, { name: "스터디", memberIds: [joon!.id, sora!.id] });
    await send(joon!, channelId, `<@${mina!.id}> <@${sora!.id}> 내일 9시 어때요?`);
    const row = (await listConversations(mina!.id)).find((c) => c.id === channelId)!;
    expect(row.lastMessage?.mentionNames).toEqual({ [mina!.id]: "민수", [sora!.id]: "소라" });
    // A mention past the previewed characters, or of no one, names nobody.
    await send(joon!, channelId, `${"가".repeat(130)} <@${sora!.id}> <@${newId()}>`);
    expect((await listConversations(mina!.id)).find((c) => c.id === channelId)!.lastMessage?.mentionNames).toEqual({});
  });

  it("a dm takes no members and cannot be left; a group needs someone besides its creator", async () => {
    const { channelId } = await openDm(alice().id, { userId: bob().id });
    await expect(inviteToGroup(alice(), channelId, { userIds: [carol().id] })).rejects.toMatchObject({ code: "validation" });
    await expect(leaveGroup(alice(), channelId)).rejects.toMatchObject({ code: "validation" });
    await expect(createGroup(alice(), { memberIds: [alice().id] })).rejects.toMatchObject({ code: "validation" });
    await expect(createGroup(alice(), { memberIds: [] })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("the 101st member is refused with group_full when a group is created, and nothing is written", async () => {
    const crowd = await makeUsers(Array.from({ length: LIMITS.groupChatMaxMembers }, (_, i) => `Crowd ${i}`));
    const before = await listConversations(alice().id);
    await expect(createGroup(alice(), { memberIds: crowd.map((u) => u.id) })).rejects.toMatchObject({ code: "group_full" });
    expect(await listConversations(alice().id)).toEqual(before);
    // Exactly 100 (the creator and 99) is fine.
    const { channelId } = await createGroup(alice(), { memberIds: crowd.slice(0, 99).map((u) => u.id) });
    expect(await memberCount(channelId)).toBe(LIMITS.groupChatMaxMembers);
    await expect(inviteToGroup(alice(), channelId, { userIds: [crowd[99]!.id] })).rejects.toMatchObject({ code: "group_full" });
  });

  it("an invite past 100 members is refused with group_full, and concurrent invites cannot take a group past 100", async () => {
    const crowd = await makeUsers(Array.from({ length: 97 }, (_, i) => `Member ${i}`));
    const { channelId } = await createGroup(alice(), { memberIds: crowd.map((u) => u.id) });
    expect(await memberCount(channelId)).toBe(98);
    const lastSeq = (await requireChannelAccess(alice().id, channelId)).lastSeq;

    // Three at once would be 101: refused whole, nothing written, no system message.
    const three = await makeUsers(["One", "Two", "Three"]);
    await expect(inviteToGroup(alice(), channelId, { userIds: three.map((u) => u.id) })).rejects.toMatchObject({ code: "group_full" });
    expect(await memberCount(channelId)).toBe(98);
    expect((await requireChannelAccess(alice().id, channelId)).lastSeq).toBe(lastSeq);

    // Six members invite one newcomer each, at the same time: only two fit.
    const newcomers = await makeUsers(["N1", "N2", "N3", "N4", "N5", "N6"]);
    const results = await Promise.allSettled(newcomers.map((u, i) => inviteToGroup(crowd[i]!, channelId, { userIds: [u.id] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "group_full" });
    expect(await memberCount(channelId)).toBe(LIMITS.groupChatMaxMembers);
    const events = systemEvents(await history(alice(), channelId)).filter((e) => e.seq > lastSeq);
    expect(events.map((e) => e.type)).toEqual(["invited", "invited"]);
    // 97 people invited at creation were named across four messages (a body holds 4,000 characters).
    const atCreation = systemEvents(await history(alice(), channelId)).filter((e) => e.seq <= lastSeq && e.type === "invited");
    expect(atCreation.map((e) => (e.type === "invited" ? e.targets.length : 0))).toEqual([25, 25, 25, 22]);
  });

  it("leaving takes away access to the group and its list entry; the group and its messages stay for the others", async () => {
    const { channelId } = await createGroup(alice(), { memberIds: [bob().id] });
    await send(bob(), channelId, "before");
    await leaveGroup(bob(), channelId);
    await expect(listMessages(bob().id, channelId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(send(bob(), channelId, "after")).rejects.toMatchObject({ code: "forbidden" });
    await expect(leaveGroup(bob(), channelId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listConversations(bob().id)).map((c) => c.id)).not.toContain(channelId);
    expect((await history(alice(), channelId)).map((m) => m.body || m.system?.type)).toEqual(["created", "invited", "before", "left"]);

    // The last one out leaves an empty group behind, messages and all.
    await leaveGroup(alice(), channelId);
    expect(await memberCount(channelId)).toBe(0);
    const { db, t } = database;
    const [stored] = await db.select({ n: count() }).from(t.messages).where(eq(t.messages.channelId, channelId));
    expect(stored!.n).toBe(5);
  });

  it("muting changes only my own row", async () => {
    const { channelId } = await createGroup(alice(), { memberIds: [bob().id, carol().id] });
    expect(await setMuted(bob().id, channelId, { muted: true })).toEqual({ muted: true });
    const muted = async (user: UserSummary) => (await listConversations(user.id)).find((c) => c.id === channelId)!.muted;
    expect([await muted(alice()), await muted(bob()), await muted(carol())]).toEqual([false, true, false]);
    expect((await getConversation(bob().id, channelId)).muted).toBe(true);
    await setMuted(bob().id, channelId, { muted: false });
    expect(await muted(bob())).toBe(false);
    await expect(setMuted(bob().id, channelId, { muted: "yes" })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("the chat list puts the newest activity first, with previews, unread counts and mute flags", async () => {
    const [me, pal, friend] = await makeUsers(["Mina", "Pal", "Friend"]);
    const { channelId: dm } = await openDm(me!.id, { userId: pal!.id });
    expect((await listConversations(pal!.id)).map((c) => c.id)).toEqual([]); // a dm someone opened shows up with its first message
    const { channelId: group } = await createGroup(me!, { name: "Trip", memberIds: [pal!.id, friend!.id] });
    const { channelId: quiet } = await openDm(friend!.id, { userId: me!.id });

    let list = await listConversations(me!.id);
    // An empty dm I opened counts from its creation; the group's first messages are mine.
    expect(list.map((c) => [c.name, c.kind, c.unread, c.lastMessage?.system?.type ?? null])).toEqual([
      ["Trip", "group", 0, "invited"],
      ["Pal", "dm", 0, null],
    ]);

    await send(pal!, dm, "hello <@" + me!.id + "> how are you?");
    await send(friend!, group, "first");
    await send(friend!, group, "second");
    await setMuted(me!.id, group, { muted: true });
    const deleted = await send(friend!, quiet, "oops");
    await deleteMessage(friend!, { channelId: quiet, messageId: deleted.id });

    list = await listConversations(me!.id);
    expect(list.map((c) => c.id)).toEqual([quiet, group, dm]);
    const [q, g, d] = list;
    expect(q).toMatchObject({
      kind: "dm",
      name: "Friend",
      memberCount: 2,
      unread: 1,
      muted: false,
      lastMessage: { body: "", system: null },
    });
    expect(g).toMatchObject({ kind: "group", name: "Trip", memberCount: 3, unread: 2, muted: true });
    expect(g!.lastMessage).toMatchObject({ seq: 4, authorName: "Friend", body: "second", system: null });
    expect(g!.members.map((m) => m.name)).toEqual(["Pal", "Friend"]);
    expect(d).toMatchObject({ name: "Pal", unread: 1, lastMessage: { authorName: "Pal", body: `hello <@${me!.id}> how are you?` } });
    expect(d!.members.map((m) => m.name)).toEqual(["Pal"]);
    expect(Date.parse(q!.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(g!.lastActivityAt));

    await markRead(me!.id, group, 4);
    expect((await listConversations(me!.id)).find((c) => c.id === group)!.unread).toBe(0);
    // A system message is a message too: a rename moves the group to the top.
    await updateGroup(pal!, group, { name: "Trip to Busan" });
    list = await listConversations(me!.id);
    expect(list[0]).toMatchObject({
      id: group,
      name: "Trip to Busan",
      unread: 1,
      lastMessage: { system: { type: "renamed", name: "Trip to Busan" } },
    });
    // Newcomers start unread from their invitation.
    const [late] = await makeUsers(["Late"]);
    await inviteToGroup(pal!, group, { userIds: [late!.id] });
    expect((await listConversations(late!.id))[0]).toMatchObject({ id: group, unread: 1, memberCount: 4 });
  });

  it("a block either way refuses a new dm and refuses sends in an existing dm; the dm itself still opens", async () => {
    const [p, q, r] = await makeUsers(["P", "Q", "R"]);
    const { channelId } = await openDm(p!.id, { userId: q!.id });
    await send(p!, channelId, "before the block");

    await block(q!, p!);
    await expect(send(p!, channelId, "are you there?")).rejects.toMatchObject({ code: "blocked" });
    await expect(send(q!, channelId, "go away")).rejects.toMatchObject({ code: "blocked" });
    expect(await openDm(p!.id, { userId: q!.id })).toEqual({ channelId });
    expect((await history(p!, channelId)).map((m) => m.body)).toEqual(["before the block"]);

    await block(p!, r!);
    await expect(openDm(p!.id, { userId: r!.id })).rejects.toMatchObject({ code: "blocked" });
    await expect(openDm(r!.id, { userId: p!.id })).rejects.toMatchObject({ code: "blocked" });

    await unblock(q!, p!);
    await send(p!, channelId, "after the block");
    expect((await history(q!, channelId)).map((m) => m.body)).toEqual(["before the block", "after the block"]);
  });

  it("nobody can put someone who blocked them (or whom they blocked) into a group, at creation or by invite", async () => {
    const [p, q, r] = await makeUsers(["Pat", "Quill", "Rob"]);
    await block(q!, p!);
    await expect(createGroup(p!, { memberIds: [q!.id, r!.id] })).rejects.toMatchObject({ code: "blocked" });
    await expect(createGroup(q!, { memberIds: [p!.id, r!.id] })).rejects.toMatchObject({ code: "blocked" });
    const { channelId } = await createGroup(r!, { memberIds: [p!.id] });
    await expect(inviteToGroup(p!, channelId, { userIds: [q!.id] })).rejects.toMatchObject({ code: "blocked" });
    expect(await memberCount(channelId)).toBe(2);
    // Someone else may still add them: the block is between those two.
    await inviteToGroup(r!, channelId, { userIds: [q!.id] });
    expect(await memberCount(channelId)).toBe(3);
  });

  it("a blocked user's messages in a group are still stored and delivered: hiding them is the viewer's client's job", async () => {
    const [p, q] = await makeUsers(["Pia", "Quinn"]);
    const { channelId } = await createGroup(p!, { memberIds: [q!.id] });
    await block(p!, q!);
    await send(q!, channelId, "you blocked me but I am still here");
    expect((await history(p!, channelId)).at(-1)).toMatchObject({ body: "you blocked me but I am still here", author: { id: q!.id } });
  });

  it("the chat list neither previews nor counts as unread what someone the viewer blocked wrote", async () => {
    const [pia, quinn, rae] = await makeUsers(["Pia2", "Quinn2", "Rae2"]);
    const { channelId } = await createGroup(pia!, { memberIds: [quinn!.id, rae!.id] });
    await block(pia!, quinn!);
    await send(rae!, channelId, "from Rae");
    await send(quinn!, channelId, "from Quinn, blocked");
    const mine = async (user: UserSummary) => (await listConversations(user.id)).find((c) => c.id === channelId)!;
    expect(await mine(pia!)).toMatchObject({ unread: 1, lastMessage: { body: "", fromBlocked: true, system: null } });
    // Only the one who blocked: Rae sees it all.
    expect(await mine(rae!)).toMatchObject({ lastMessage: { body: "from Quinn, blocked", fromBlocked: false } });
    await send(rae!, channelId, "Rae again");
    expect(await mine(pia!)).toMatchObject({ unread: 2, lastMessage: { body: "Rae again", fromBlocked: false } });
    await markRead(pia!.id, channelId, (await mine(pia!)).lastMessage!.seq);
    expect((await mine(pia!)).unread).toBe(0);
  });

  it("only friends and space mates can be put into a group: a stranger is refused with not_addable, at creation and by invite", async () => {
    const [loner, target] = await makeUsers(["Loner", "Target"], { strangers: true });
    await expect(createGroup(loner!, { memberIds: [target!.id] })).rejects.toMatchObject({ code: "not_addable" });
    await expect(createGroup(alice(), { memberIds: [bob().id, target!.id] })).rejects.toMatchObject({ code: "not_addable" });
    const { channelId } = await createGroup(alice(), { memberIds: [bob().id] });
    await expect(inviteToGroup(bob(), channelId, { userIds: [target!.id] })).rejects.toMatchObject({ code: "not_addable" });
    expect(await memberCount(channelId)).toBe(2);
    const { db, t } = database;
    const [a, b] = [bob().id, target!.id].sort();
    await db.insert(t.friendships).values({ userA: a!, userB: b!, status: "accepted", requesterId: bob().id, createdAt: new Date() });
    expect(await inviteToGroup(bob(), channelId, { userIds: [target!.id] })).toEqual({ added: 1 });
  });

  it("contacts are space mates and accepted friends, never strangers (not even one who opened a dm) or anyone blocked either way", async () => {
    const [me, mate, chat, friend, pending, blocker, blockee, nobody] = await makeUsers([
      "Me",
      "Mate",
      "Chat",
      "Friend",
      "Pending",
      "Blocker",
      "Blockee",
      "Nobody",
    ], { strangers: true });
    const { space } = await createSpace(me!.id, { name: "Club" });
    const { code } = await createInvite(me!.id, space.id);
    for (const u of [mate!, blocker!, blockee!]) await acceptInvite(u.id, code);
    await openDm(chat!.id, { userId: me!.id });
    const { db, t } = database;
    const pair = (a: string, b: string) => (a < b ? { userA: a, userB: b } : { userA: b, userB: a });
    await db.insert(t.friendships).values([
      { ...pair(me!.id, friend!.id), status: "accepted", requesterId: me!.id, createdAt: new Date() },
      { ...pair(me!.id, pending!.id), status: "pending", requesterId: pending!.id, createdAt: new Date() },
    ]);
    await block(blocker!, me!);
    await block(me!, blockee!);
    expect((await listContacts(me!.id)).map((u) => u.name)).toEqual(["Friend", "Mate"]);
    expect((await listContacts(nobody!.id)).map((u) => u.name)).toEqual([]);
  });
});
