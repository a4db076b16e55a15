import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryPresence, redisPresence, type PresenceStore } from "@/server/presence-store";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, socketPool, startRealtime, type TestSocket } from "./helpers/realtime";

const redisUrl = process.env.REDIS_URL;
const stores: Array<[string, () => Promise<{ store: PresenceStore; redis?: Redis }>]> = [
  ["memory", async () => ({ store: memoryPresence() })],
];
if (redisUrl) {
  stores.push([
    "redis",
    async () => {
      const redis = new Redis(redisUrl);
      return { store: redisPresence(redis, { ttlMs: 400, prefix: `test${Date.now()}` }), redis };
    },
  ]);
}

describe.each(stores)("the %s presence store", (_name, make) => {
  let store: PresenceStore;
  let redis: Redis | undefined;
  beforeAll(async () => ({ store, redis } = await make()));
  afterAll(async () => redis?.quit());

  it("is online while any socket is active, idle when all are idle, offline when none is left", async () => {
    expect(await store.set("u1", "s1", false)).toBe("online");
    expect(await store.set("u1", "s2", true)).toBe("online");
    expect(await store.set("u1", "s1", true)).toBe("idle");
    expect(await store.statuses(["u1", "u2"])).toEqual({ u1: "idle", u2: "offline" });
    expect(await store.remove("u1", "s1")).toBe("idle");
    expect(await store.set("u1", "s2", false)).toBe("online");
    expect(await store.remove("u1", "s2")).toBe("offline");
  });

  // Only a shared store can outlive a node.
  if (_name === "redis")
    it("marks the users of a node that stopped heartbeating offline, reported once", async () => {
      expect(await store.set("crashed-user", "s-dead", false)).toBe("online");
      expect(await store.set("alive-user", "s-live", false)).toBe("online");
      const deadline = Date.now() + 3000;
      let gone: string[] = [];
      while (!gone.includes("crashed-user") && Date.now() < deadline) {
        await store.heartbeat([{ userId: "alive-user", socketId: "s-live", idle: false }]); // only the live node beats
        await new Promise((r) => setTimeout(r, 100));
        gone = [...gone, ...(await store.sweep())];
      }
      expect(gone).toEqual(["crashed-user"]);
      expect(await store.statuses(["crashed-user", "alive-user"])).toEqual({ "crashed-user": "offline", "alive-user": "online" });
      expect(await store.sweep()).toEqual([]);
    });
});

describe.each(dialects)("presence over sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let alice: { id: string }, bob: { id: string }, stranger: { id: string };

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    alice = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    bob = await signUp({ email: "bob@example.test", password: "bob-pass-12", name: "Bob" });
    stranger = await signUp({ email: "s@example.test", password: "stranger-pass-1", name: "S" });
    const { space } = await createSpace(alice.id, { name: "P" });
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    await drop?.();
  });

  const { connect, closeAll } = socketPool(() => server);

  it("follows a space-mate across tabs: online, idle when all tabs idle, online again, idle when the active tab closes, offline when the last one does", async () => {
    const watcher = await connect(alice.id);
    const updates: string[] = [];
    watcher.on("presence:update", (e) => e.userId === bob.id && updates.push(e.status));
    expect(await ask(watcher, "presence:watch", { userIds: [bob.id, stranger.id] })).toEqual({
      ok: true,
      statuses: { [bob.id]: "offline" },
    });

    const tab1 = await connect(bob.id);
    const tab2 = await connect(bob.id);
    await ask(tab1, "presence:idle", { idle: true });
    await ask(tab2, "presence:idle", { idle: true });
    await ask(tab2, "presence:idle", { idle: false });
    tab2.close();
    tab1.close();
    const deadline = Date.now() + 5000;
    while (updates.at(-1) !== "offline" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // deduplicated, the sequence a member list shows
    expect(updates.filter((s, i) => s !== updates[i - 1])).toEqual(["online", "idle", "online", "idle", "offline"]);
  });

  it("does not show a stranger's presence", async () => {
    const watcher = await connect(stranger.id);
    const heard: unknown[] = [];
    watcher.on("presence:update", (e) => heard.push(e));
    expect(await ask(watcher, "presence:watch", { userIds: [alice.id, bob.id] })).toEqual({ ok: true, statuses: {} });
    const bobTab = await connect(bob.id);
    await ask(bobTab, "presence:idle", { idle: true });
    await ask(watcher, "presence:idle", { idle: false }); // a round trip
    expect(heard).toEqual([]);
  });
});
