import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/realtime/contract";
import { createChannel, removeChannelMember } from "@/server/services/channels";
import { banMember, deleteSpace, kickMember, setMemberRole } from "@/server/services/space-admin";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, inbox, sessionCookie, settle, startRealtime, type TestSocket } from "./helpers/realtime";

describe.each(dialects)("space changes, live, on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await drop?.();
  });

  let n = 0;
  async function member(name: string) {
    n += 1;
    const user = await signUp({ email: `${name.toLowerCase()}${n}@example.test`, password: `${name}-pass-${n}-x`, name });
    return user;
  }
  async function connect(userId: string) {
    const socket = await connectAs(server, await sessionCookie(userId));
    sockets.push(socket);
    // Space rooms are joined right after connect: a round trip makes sure that happened.
    await settle(socket);
    return socket;
  }

  it("a kicked member's socket stops hearing the space's channels and is told; the others hear the change", async () => {
    const [alice, bob, carol] = await Promise.all([member("Alice"), member("Bob"), member("Carol")]);
    const { space } = await createSpace(alice.id, { name: "Club" });
    const channelId = space.defaultChannelId!;
    const { code } = await createInvite(alice.id, space.id);
    await acceptInvite(bob.id, code);
    await acceptInvite(carol.id, code);
    const [a, b, c] = await Promise.all([connect(alice.id), connect(bob.id), connect(carol.id)]);
    for (const s of [a, b, c]) expect((await ask(s, "channel:join", { channelId })).ok).toBe(true);

    const bobMessages = inbox(b, "message:new");
    const bobActivity = inbox(b, "channel:activity");
    const bobRemoved = inbox(b, "space:removed");
    const bobChanged = inbox(b, "space:changed");
    const carolChanged = inbox(c, "space:changed");
    const aliceChanged = inbox(a, "space:changed");

    await kickMember(alice.id, space.id, bob.id);
    await settle(a, b, c);
    expect(bobRemoved).toEqual([{ spaceId: space.id, reason: "kicked" }]);
    expect(bobChanged).toEqual([]);
    expect(carolChanged).toEqual([{ spaceId: space.id }]);
    expect(aliceChanged).toEqual([{ spaceId: space.id }]);

    const carolGot = inbox(c, "message:new");
    expect((await ask(a, "message:send", { channelId, clientId: "after-kick-001", body: "bob is gone" })).ok).toBe(true);
    expect((await ask(c, "message:send", { channelId, clientId: "after-kick-002", body: "indeed" })).ok).toBe(true);
    await settle(a, b, c);
    expect(carolGot.map((m: ChatMessage) => m.body)).toEqual(["bob is gone", "indeed"]);
    expect(bobMessages).toEqual([]);
    expect(bobActivity).toEqual([]);
    // Sends from a socket in the channel's room skip the access query: the kick took Bob's
    // socket out of that room, so his send, from the socket that had opened the channel, is checked and refused.
    expect(await ask(b, "message:send", { channelId, clientId: "kicked-sends-1", body: "still here?" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await settle(a, c);
    expect(carolGot.map((m: ChatMessage) => m.body)).toEqual(["bob is gone", "indeed"]);
    expect(await ask(b, "channel:join", { channelId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("a banned member and everyone in a deleted space are told on every tab", async () => {
    const [alice, bob, carol] = await Promise.all([member("Alice"), member("Bob"), member("Carol")]);
    const { space } = await createSpace(alice.id, { name: "Doomed" });
    const { code } = await createInvite(alice.id, space.id);
    await acceptInvite(bob.id, code);
    await acceptInvite(carol.id, code);
    const [a, b1, b2, c] = await Promise.all([connect(alice.id), connect(bob.id), connect(bob.id), connect(carol.id)]);
    const [bob1, bob2, carolRemoved, aliceRemoved] = [
      inbox(b1, "space:removed"),
      inbox(b2, "space:removed"),
      inbox(c, "space:removed"),
      inbox(a, "space:removed"),
    ];

    await banMember(alice.id, space.id, bob.id);
    await settle(b1, b2);
    expect(bob1).toEqual([{ spaceId: space.id, reason: "banned" }]);
    expect(bob2).toEqual([{ spaceId: space.id, reason: "banned" }]);

    await deleteSpace(alice.id, space.id, { confirmName: "Doomed" });
    await settle(a, c);
    expect(carolRemoved).toEqual([{ spaceId: space.id, reason: "deleted" }]);
    expect(aliceRemoved).toEqual([{ spaceId: space.id, reason: "deleted" }]);
  });

  it("someone taken out of a private channel stops hearing it at once", async () => {
    const [alice, bob] = await Promise.all([member("Alice"), member("Bob")]);
    const { space } = await createSpace(alice.id, { name: "Secrets" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    const [a, b] = await Promise.all([connect(alice.id), connect(bob.id)]);
    const bobChanged = inbox(b, "space:changed");
    const { channel } = await createChannel(alice.id, space.id, { name: "staff", kind: "text", isPrivate: true, memberIds: [bob.id] });
    await settle(b);
    expect(bobChanged).toEqual([{ spaceId: space.id }]);
    expect((await ask(b, "channel:join", { channelId: channel.id })).ok).toBe(true);
    await ask(a, "channel:join", { channelId: channel.id });

    await ask(a, "message:send", { channelId: channel.id, clientId: "private-msg-01", body: "for bob" });
    await settle(b);
    await removeChannelMember(alice.id, channel.id, bob.id);
    const bobMessages = inbox(b, "message:new");
    const bobActivity = inbox(b, "channel:activity");
    await ask(a, "message:send", { channelId: channel.id, clientId: "private-msg-02", body: "not for bob" });
    await settle(a, b);
    expect(bobMessages).toEqual([]);
    expect(bobActivity).toEqual([]);
    expect(await ask(b, "message:send", { channelId: channel.id, clientId: "private-msg-03", body: "from bob" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(b, "channel:join", { channelId: channel.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("admins hear a private channel's activity live though not chosen for it; a demoted admin stops, a promoted member starts", async () => {
    const [owner, admin, chosen, plain] = await Promise.all([member("Owner"), member("Admin"), member("Chosen"), member("Plain")]);
    const { space } = await createSpace(owner.id, { name: "Secrets" });
    const { code } = await createInvite(owner.id, space.id);
    for (const u of [admin, chosen, plain]) await acceptInvite(u.id, code);
    await setMemberRole(owner.id, space.id, admin.id, { role: "admin" });
    const { channel } = await createChannel(owner.id, space.id, { name: "secret", kind: "text", isPrivate: true, memberIds: [chosen.id] });
    const [o, a, c, p] = await Promise.all([connect(owner.id), connect(admin.id), connect(chosen.id), connect(plain.id)]);
    const heard = (socket: TestSocket) => {
      const got = inbox(socket, "channel:activity");
      return () => got.filter((e) => e.channelId === channel.id).length;
    };
    const [ownerHeard, adminHeard, chosenHeard, plainHeard] = [heard(o), heard(a), heard(c), heard(p)];
    const say = async (body: string) => {
      const sent = await ask(c, "message:send", { channelId: channel.id, clientId: `secret-${body}`, body });
      expect(sent.ok).toBe(true);
      await settle(o, a, c, p);
    };
    await say("one");
    // The author's own socket hears it too (it has not joined the channel).
    expect([ownerHeard(), adminHeard(), chosenHeard(), plainHeard()]).toEqual([1, 1, 1, 0]);
    await setMemberRole(owner.id, space.id, admin.id, { role: "member" });
    await setMemberRole(owner.id, space.id, plain.id, { role: "admin" });
    await settle(o, a, c, p);
    await say("two");
    expect([ownerHeard(), adminHeard(), chosenHeard(), plainHeard()]).toEqual([2, 1, 2, 1]);
  });
});
