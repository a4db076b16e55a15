import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acceptFriendRequest, listActiveUsers, removeFriend, sendFriendRequest } from "@/server/services/friends";
import { openDm } from "@/server/services/dms";
import { updateProfile } from "@/server/services/profiles";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import type { PresenceStatus } from "@/lib/realtime/contract";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, socketPool, startRealtime, type TestSocket } from "./helpers/realtime";

/** Resolves when the socket hears the event, or fails the test after a few seconds. */
function next(socket: TestSocket, event: "friends:changed" | "profile:changed"): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), 5000);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe.each(dialects)("people over sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let n = 0;
  const person = (name: string) => signUp({ email: `rt${++n}@example.test`, password: "people-pass-1", name });
  const { connect, closeAll } = socketPool(() => server);

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    await drop?.();
  });

  it("tells the recipient of a friend request live, then lets new friends with no shared space watch each other's presence", async () => {
    const alice = await person("Alice");
    const bob = await person("Bob");
    const aliceTab = await connect(alice.id);
    const bobTab = await connect(bob.id);

    // Strangers: nothing to watch.
    expect(await ask(aliceTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: {} });

    const bobHears = next(bobTab, "friends:changed");
    await sendFriendRequest(alice.id, { userId: bob.id });
    await bobHears;
    // A pending request is not enough to see someone online.
    expect(await ask(aliceTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: {} });

    const aliceHears = next(aliceTab, "friends:changed");
    await acceptFriendRequest(bob.id, { userId: alice.id });
    await aliceHears;
    expect(await ask(aliceTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: { [bob.id]: "online" } });
    expect(await ask(bobTab, "presence:watch", { userIds: [alice.id] })).toEqual({ ok: true, statuses: { [alice.id]: "online" } });
    expect((await listActiveUsers(alice.id)).users.map((u) => u.id)).toEqual([bob.id]);

    const seen: PresenceStatus[] = [];
    aliceTab.on("presence:update", (e) => e.userId === bob.id && seen.push(e.status));
    bobTab.close();
    await vi.waitFor(() => expect(seen).toContain("offline"), { timeout: 5000 });
    expect((await listActiveUsers(alice.id)).users).toEqual([]);
    const bobAgain = await connect(bob.id);
    await vi.waitFor(() => expect(seen.at(-1)).toBe("online"), { timeout: 5000 });

    // Friends no more: alice stops hearing bob's presence at once.
    await removeFriend(alice.id, { userId: bob.id });
    const before = seen.length;
    await ask(bobAgain, "presence:idle", { idle: true });
    await ask(aliceTab, "presence:idle", { idle: false }); // a round trip after bob's change
    await ask(bobAgain, "presence:idle", { idle: false });
    await ask(aliceTab, "presence:idle", { idle: false });
    expect(seen.slice(before)).toEqual([]);
    expect(await ask(aliceTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: {} });
  });

  it("sends a renamed user's next message under the new name, and tells the user's other tabs and whoever has them on screen", async () => {
    const carol = await person("Carol");
    const dave = await person("Dave");
    const erin = await person("Erin");
    const { space } = await createSpace(carol.id, { name: "Rename" });
    await acceptInvite(dave.id, (await createInvite(carol.id, space.id)).code);
    const tab = await connect(carol.id);
    const otherTab = await connect(carol.id);
    // Dave, a space mate, shows Carol (follows her presence); Erin, a stranger, cannot.
    const [daveTab, erinTab] = [await connect(dave.id), await connect(erin.id)];
    await ask(daveTab, "presence:watch", { userIds: [carol.id] });
    await ask(erinTab, "presence:watch", { userIds: [carol.id] });
    const heard: Array<[string, string]> = [];
    daveTab.on("profile:changed", (e) => heard.push(["dave", e.userId]));
    erinTab.on("profile:changed", (e) => heard.push(["erin", e.userId]));
    const channelId = space.defaultChannelId!;
    expect(await ask(tab, "channel:join", { channelId })).toMatchObject({ ok: true });
    const first = await ask(tab, "message:send", { channelId, clientId: "rename-0001", body: "before" });
    expect(first).toMatchObject({ ok: true, message: { author: { name: "Carol" } } });

    const told = next(otherTab, "profile:changed");
    await updateProfile(carol.id, { name: "Carol Park" });
    await told;
    await vi.waitFor(() => expect(heard).toEqual([["dave", carol.id]]));
    await ask(erinTab, "presence:idle", { idle: false }); // a round trip: nothing is on its way to Erin
    expect(heard).toEqual([["dave", carol.id]]);
    const second = await ask(tab, "message:send", { channelId, clientId: "rename-0002", body: "after" });
    expect(second).toMatchObject({ ok: true, message: { author: { id: carol.id, name: "Carol Park" } } });
    // History is read with the current name too.
    const history = await ask(tab, "message:list", { channelId, beforeSeq: 10 });
    expect(history.ok && history.messages.map((m) => m.author.name)).toEqual(["Carol Park", "Carol Park"]);
  });

  it("does not let a stranger follow someone's presence by opening a dm they never answered, only once both have written", async () => {
    const mallory = await person("Mallory");
    const bob = await person("Bob");
    const malloryTab = await connect(mallory.id);
    const bobTab = await connect(bob.id);
    const seen: PresenceStatus[] = [];
    malloryTab.on("presence:update", (e) => e.userId === bob.id && seen.push(e.status));

    // What POST /api/conversations/dm does: Bob never sees or answers it.
    const { channelId } = await openDm(mallory.id, { userId: bob.id });
    const sent = await ask(malloryTab, "message:send", { channelId, clientId: "stranger-hello", body: "hi bob" });
    expect(sent.ok).toBe(true);
    expect(await ask(malloryTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: {} });
    // Bob's presence changes; Mallory hears nothing of it.
    await ask(bobTab, "presence:idle", { idle: true });
    await ask(bobTab, "presence:idle", { idle: false });
    await ask(malloryTab, "presence:idle", { idle: false }); // a round trip after bob's changes
    expect(seen).toEqual([]);

    // Bob answers: now they have talked, and each may follow the other.
    expect((await ask(bobTab, "message:send", { channelId, clientId: "bob-answers", body: "hello" })).ok).toBe(true);
    expect(await ask(malloryTab, "presence:watch", { userIds: [bob.id] })).toEqual({ ok: true, statuses: { [bob.id]: "online" } });
    await ask(bobTab, "presence:idle", { idle: true });
    await vi.waitFor(() => expect(seen).toEqual(["idle"]), { timeout: 5000 });
  });
});
