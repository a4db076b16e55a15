import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms, type ChatMessage, type ServerToClientEvents, type UserSummary } from "@/lib/realtime/contract";
import { setMuted } from "@/server/services/conversations";
import { openDm } from "@/server/services/dms";
import { createGroup, inviteToGroup, leaveGroup } from "@/server/services/groups";
import { acceptFriendRequest, sendFriendRequest } from "@/server/services/friends";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

type Activity = Parameters<ServerToClientEvents["channel:activity"]>[0];

/** Collects what a socket receives of one event. */
function inbox<E extends "message:new" | "channel:activity" | "conversation:changed">(socket: TestSocket, event: E) {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => got.push(payload)) as never);
  return got;
}

/** Lets in-flight packets land before asserting that something did NOT arrive. */
async function settle(...sockets: TestSocket[]) {
  // A round trip per socket: anything emitted before it has been delivered by then.
  await Promise.all(sockets.map((s) => ask(s, "channel:leave", { channelId: "00000000-0000-7000-8000-000000000000" })));
}

describe.each(dialects)("conversations over real sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let alice: UserSummary, bob: UserSummary, carol: UserSummary, eve: UserSummary;
  let sockets: Record<"alice" | "bob" | "carol" | "eve", TestSocket>;
  let n = 0;
  const cid = () => `rt-client-${n++}`;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    [alice, bob, carol, eve] = (await Promise.all(
      ["Alice", "Bob", "Carol", "Eve"].map((name) =>
        signUp({ email: `${name.toLowerCase()}@example.test`, password: `${name}-pass-123`, name }),
      ),
    )) as [UserSummary, UserSummary, UserSummary, UserSummary];
    // Only friends (or space mates) may be put into a group: Alice adds Bob and Carol.
    for (const friend of [bob, carol]) {
      await sendFriendRequest(alice.id, { userId: friend.id });
      await acceptFriendRequest(friend.id, { userId: alice.id });
    }
    const [a, b, c, e] = await Promise.all([alice, bob, carol, eve].map(async (u) => connectAs(server, await sessionCookie(u.id, u.name))));
    sockets = { alice: a!, bob: b!, carol: c!, eve: e! };
  });
  afterAll(async () => {
    for (const s of Object.values(sockets ?? {})) s.close();
    await server?.close();
    await drop?.();
  });

  it("a new dm message reaches the other member's chat list (channel:activity) though they never joined the channel, and no one else", async () => {
    const changed = { alice: inbox(sockets.alice, "conversation:changed"), bob: inbox(sockets.bob, "conversation:changed") };
    const { channelId } = await openDm(alice.id, { userId: bob.id });
    await settle(sockets.alice, sockets.bob);
    expect(changed.alice).toEqual([{ channelId }]);
    expect(changed.bob).toEqual([{ channelId }]);

    const bobActivity = inbox(sockets.bob, "channel:activity");
    const eveActivity = inbox(sockets.eve, "channel:activity");
    const joined = await ask(sockets.alice, "channel:join", { channelId });
    expect(joined).toMatchObject({ ok: true, channel: { id: channelId, kind: "dm", spaceId: null } });
    const sent = await ask(sockets.alice, "message:send", { channelId, clientId: cid(), body: "hi Bob" });
    expect(sent.ok).toBe(true);
    await settle(sockets.bob, sockets.eve);
    expect(bobActivity).toEqual<Activity[]>([{ spaceId: null, channelId, lastSeq: 1, authorId: alice.id }]);
    expect(eveActivity).toEqual([]);
    // Eve cannot join or send to it either.
    expect(await ask(sockets.eve, "channel:join", { channelId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(sockets.eve, "message:send", { channelId, clientId: cid(), body: "hey" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("a tab that connects after the dm exists hears its activity too (its sockets join the members room at connect)", async () => {
    const { channelId } = await openDm(alice.id, { userId: bob.id });
    const late = await connectAs(server, await sessionCookie(bob.id, bob.name));
    try {
      await expect.poll(async () => (await server.io.in(rooms.members(channelId)).fetchSockets()).map((s) => s.id)).toContain(late.id);
      const heard = inbox(late, "channel:activity");
      await ask(sockets.alice, "message:send", { channelId, clientId: cid(), body: "again" });
      await settle(late);
      expect(heard.map((a) => [a.channelId, a.authorId])).toEqual([[channelId, alice.id]]);
    } finally {
      late.close();
    }
  });

  it("inviting and leaving tell every member conversation:changed; the newcomer hears the group at once; a leaver stops receiving it", async () => {
    const { channelId } = await createGroup(alice, { name: "Study", memberIds: [bob.id] });
    await ask(sockets.bob, "channel:join", { channelId });
    await settle(sockets.alice, sockets.bob, sockets.carol);

    const changed = {
      alice: inbox(sockets.alice, "conversation:changed"),
      bob: inbox(sockets.bob, "conversation:changed"),
      carol: inbox(sockets.carol, "conversation:changed"),
      eve: inbox(sockets.eve, "conversation:changed"),
    };
    const carolActivity = inbox(sockets.carol, "channel:activity");
    const bobMessages = inbox(sockets.bob, "message:new");
    await inviteToGroup(alice, channelId, { userIds: [carol.id] });
    await settle(sockets.alice, sockets.bob, sockets.carol, sockets.eve);
    for (const who of ["alice", "bob", "carol"] as const) expect(changed[who]).toEqual([{ channelId }]);
    expect(changed.eve).toEqual([]);
    // The "invited" system message: live in the open channel, and as activity for the newcomer's list.
    expect(bobMessages.map((m) => m.system)).toMatchObject([{ type: "invited", actor: { id: alice.id }, targets: [{ id: carol.id }] }]);
    expect(carolActivity).toEqual([{ spaceId: null, channelId, lastSeq: bobMessages[0]!.seq, authorId: alice.id }]);

    expect(await ask(sockets.carol, "channel:join", { channelId })).toMatchObject({ ok: true });
    const carolMessages = inbox(sockets.carol, "message:new");
    await ask(sockets.bob, "message:send", { channelId, clientId: cid(), body: "welcome Carol" });
    await settle(sockets.carol);
    expect(carolMessages.map((m: ChatMessage) => m.body)).toEqual(["welcome Carol"]);

    // Carol leaves (her socket is still in the channel's room when she does).
    for (const list of Object.values(changed)) list.length = 0;
    await leaveGroup(carol, channelId);
    await settle(sockets.alice, sockets.bob, sockets.carol);
    for (const who of ["alice", "bob", "carol"] as const) expect(changed[who]).toEqual([{ channelId }]);
    expect(bobMessages.at(-1)!.system).toMatchObject({ type: "left", actor: { id: carol.id } });

    carolMessages.length = 0;
    carolActivity.length = 0;
    const before = bobMessages.length;
    await ask(sockets.alice, "message:send", { channelId, clientId: cid(), body: "after Carol left" });
    await settle(sockets.bob, sockets.carol);
    expect(bobMessages.slice(before).map((m) => m.body)).toEqual(["after Carol left"]);
    expect(carolMessages).toEqual([]);
    expect(carolActivity).toEqual([]);
    expect(await ask(sockets.carol, "channel:join", { channelId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("muting tells only the muter's own tabs", async () => {
    const { channelId } = await createGroup(alice, { memberIds: [bob.id] });
    await settle(sockets.alice, sockets.bob);
    const changed = { alice: inbox(sockets.alice, "conversation:changed"), bob: inbox(sockets.bob, "conversation:changed") };
    await setMuted(bob.id, channelId, { muted: true });
    await settle(sockets.alice, sockets.bob);
    expect(changed.bob).toEqual([{ channelId }]);
    expect(changed.alice).toEqual([]);
  });
});
