import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { memoryPresence, redisPresence, type PresenceStore } from "@/server/presence-store";
import {
  acceptFriendRequest,
  blockUser,
  cancelFriendRequest,
  declineFriendRequest,
  friendStateOf,
  getFriendsOverview,
  removeFriend,
  sendFriendRequest,
  unblockUser,
  usersVisibleTo,
} from "@/server/services/friends";
import { hasBlocked } from "@/server/services/access";
import { openDm } from "@/server/services/dms";
import { sendMessage } from "@/server/services/messages";
import { getProfile, updateProfile } from "@/server/services/profiles";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { readImage, saveImage } from "@/server/services/uploads";
import { searchUsers, signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { solidPng } from "./helpers/png";

// Uploads go under DATA_DIR: a temporary one for this file.
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "moim-people-"));

let n = 0;
const person = (name: string) => signUp({ email: `user${++n}@example.test`, password: "people-pass-1", name });

describe.each(dialects)("profiles on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());

  it("trims the name, clears an empty status message and keeps fields that were not sent", async () => {
    const alice = await person("Alice");
    const { profile } = await updateProfile(alice.id, { name: "  Alice Kim  ", statusMessage: " 공부 중 " });
    expect(profile).toMatchObject({ name: "Alice Kim", statusMessage: "공부 중", image: null });
    const cleared = await updateProfile(alice.id, { statusMessage: "   " });
    expect(cleared.profile).toMatchObject({ name: "Alice Kim", statusMessage: null });
  });

  it("refuses a too-long status message, a blank name, an outside image URL, someone else's upload and unknown fields, changing nothing", async () => {
    const alice = await person("Alice");
    const bob = await person("Bob");
    const bobsUpload = await saveImage(bob.id, solidPng(2, 2));
    await expect(updateProfile(alice.id, { statusMessage: "가".repeat(LIMITS.statusMessageMaxChars + 1) })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(updateProfile(alice.id, { name: "   " })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateProfile(alice.id, { image: "https://evil.example/cat.png" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateProfile(alice.id, { backgroundImage: "/api/files/../../etc/passwd" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateProfile(alice.id, { name: "Alice", image: bobsUpload.url })).rejects.toMatchObject({ code: "validation" });
    await expect(updateProfile(alice.id, { email: "new@example.test" })).rejects.toMatchObject({ name: "ZodError" });
    expect(await getProfile(alice.id, alice.id)).toMatchObject({ name: "Alice", image: null, statusMessage: null });

    const mine = await saveImage(alice.id, solidPng(3, 3));
    const { profile } = await updateProfile(alice.id, { image: mine.url, backgroundImage: mine.url, statusMessage: "x".repeat(60) });
    expect(profile).toMatchObject({ image: mine.url, backgroundImage: mine.url });
    expect((await updateProfile(alice.id, { image: null })).profile.image).toBeNull();
  });

  it("shows anyone's profile to any signed-in user, with where the viewer stands, and never an email", async () => {
    const alice = await person("Alice");
    const carol = await person("Carol");
    await updateProfile(alice.id, { statusMessage: "hello" });
    const seen = await getProfile(carol.id, alice.id);
    expect(seen).toEqual({
      id: alice.id,
      name: "Alice",
      image: null,
      statusMessage: "hello",
      backgroundImage: null,
      friend: "none",
      blocked: false,
    });
    expect(JSON.stringify(seen)).not.toContain("@");
    await sendFriendRequest(carol.id, { userId: alice.id });
    await blockUser(carol.id, { userId: alice.id });
    expect(await getProfile(carol.id, alice.id)).toMatchObject({ friend: "none", blocked: true });
    await expect(getProfile(carol.id, "0190b0a0-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getProfile(carol.id, "not-an-id")).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe.each(dialects)("user search on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());

  it("finds names by any part in any letter case, never the searcher, never with an email", async () => {
    const me = await person("Alicia Searcher");
    const alice = await person("Alice Kim");
    const minji = await person("김민지");
    await person("Bob");
    const { users } = await searchUsers(me.id, "  LIC ");
    expect(users.map((u) => u.name)).toEqual(["Alice Kim"]);
    expect(users[0]).toEqual({ id: alice.id, name: "Alice Kim", image: null, statusMessage: null });
    expect((await searchUsers(me.id, "민지")).users.map((u) => u.id)).toEqual([minji.id]);
    expect((await searchUsers(me.id, "")).users).toEqual([]);
    // LIKE wildcards are plain characters
    expect((await searchUsers(me.id, "%")).users).toEqual([]);
    expect((await searchUsers(me.id, "_")).users).toEqual([]);
  });

  it("matches an email only whole: a prefix or a part of it finds nobody", async () => {
    const me = await person("Searcher");
    const target = await signUp({ email: "ji.woo@example.test", password: "people-pass-1", name: "Jiwoo" });
    expect((await searchUsers(me.id, "ji.woo@example.test")).users.map((u) => u.id)).toEqual([target.id]);
    expect((await searchUsers(me.id, " JI.WOO@Example.TEST ")).users.map((u) => u.id)).toEqual([target.id]);
    expect((await searchUsers(me.id, "ji.woo@example")).users).toEqual([]);
    expect((await searchUsers(me.id, "ji.woo@")).users).toEqual([]);
    expect((await searchUsers(me.id, "@example.test")).users).toEqual([]);
    // Without an @ it is a name search: the email's local part is not a name.
    expect((await searchUsers(me.id, "ji.woo")).users).toEqual([]);
    expect(JSON.stringify(await searchUsers(me.id, "ji.woo@example.test"))).not.toContain("example.test");
  });

  it("leaves out people who blocked the searcher, and returns at most the search limit", async () => {
    const me = await person("Blocked Searcher");
    const blocker = await person("Zed Blocker");
    const other = await person("Zed Other");
    await blockUser(blocker.id, { userId: me.id });
    expect((await searchUsers(me.id, "zed")).users.map((u) => u.id)).toEqual([other.id]);
    expect((await searchUsers(blocker.id, "blocked searcher")).users.map((u) => u.id)).toEqual([me.id]);
    for (let i = 0; i < LIMITS.searchResultsMax + 3; i++) await person(`Many ${i}`);
    expect((await searchUsers(me.id, "many")).users).toHaveLength(LIMITS.searchResultsMax);
  });
});

describe.each(dialects)("friends and blocks on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());

  it("goes from request to friends: a repeated request changes nothing, only the recipient accepts, either side removes", async () => {
    const [a, b, stranger] = await Promise.all([person("A"), person("B"), person("Stranger")]);
    expect(await sendFriendRequest(a.id, { userId: b.id })).toEqual({ state: "outgoing" });
    expect(await sendFriendRequest(a.id, { userId: b.id })).toEqual({ state: "outgoing" });
    expect(await friendStateOf(b.id, a.id)).toBe("incoming");
    await expect(acceptFriendRequest(a.id, { userId: b.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptFriendRequest(stranger.id, { userId: a.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await friendStateOf(a.id, b.id)).toBe("outgoing");
    expect(await acceptFriendRequest(b.id, { userId: a.id })).toEqual({ state: "friends" });
    expect(await sendFriendRequest(b.id, { userId: a.id })).toEqual({ state: "friends" });
    await expect(cancelFriendRequest(a.id, { userId: b.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(declineFriendRequest(b.id, { userId: a.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeFriend(stranger.id, { userId: a.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await getFriendsOverview(a.id)).friends.map((f) => f.id)).toEqual([b.id]);
    expect(await removeFriend(b.id, { userId: a.id })).toMatchObject({ state: "none", undo: expect.any(String) });
    expect(await friendStateOf(a.id, b.id)).toBe("none");
    await expect(removeFriend(a.id, { userId: b.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("accepts a request by sending one back", async () => {
    const [a, b] = await Promise.all([person("A"), person("B")]);
    await sendFriendRequest(a.id, { userId: b.id });
    expect(await sendFriendRequest(b.id, { userId: a.id })).toEqual({ state: "friends" });
    expect(await friendStateOf(a.id, b.id)).toBe("friends");
  });

  it("lets only the recipient decline and only the requester cancel", async () => {
    const [a, b, stranger] = await Promise.all([person("A"), person("B"), person("Stranger")]);
    await sendFriendRequest(a.id, { userId: b.id });
    await expect(declineFriendRequest(a.id, { userId: b.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelFriendRequest(b.id, { userId: a.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(declineFriendRequest(stranger.id, { userId: a.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelFriendRequest(stranger.id, { userId: b.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await friendStateOf(a.id, b.id)).toBe("outgoing");
    expect(await declineFriendRequest(b.id, { userId: a.id })).toEqual({ state: "none" });
    await sendFriendRequest(a.id, { userId: b.id });
    expect(await cancelFriendRequest(a.id, { userId: b.id })).toEqual({ state: "none" });
    expect(await getFriendsOverview(b.id)).toEqual({ friends: [], incoming: [], outgoing: [], blocked: [] });
  });

  it("lists friends, requests both ways and blocked people, each with a status message and no email", async () => {
    const [me, friend, asker, asked, blocked] = await Promise.all([
      person("Me"),
      person("Friend"),
      person("Asker"),
      person("Asked"),
      person("Blocked"),
    ]);
    await updateProfile(friend.id, { statusMessage: "busy" });
    await sendFriendRequest(me.id, { userId: friend.id });
    await acceptFriendRequest(friend.id, { userId: me.id });
    await sendFriendRequest(asker.id, { userId: me.id });
    await sendFriendRequest(me.id, { userId: asked.id });
    await blockUser(me.id, { userId: blocked.id });
    const overview = await getFriendsOverview(me.id);
    expect(overview).toEqual({
      friends: [{ id: friend.id, name: "Friend", image: null, statusMessage: "busy" }],
      incoming: [{ id: asker.id, name: "Asker", image: null, statusMessage: null }],
      outgoing: [{ id: asked.id, name: "Asked", image: null, statusMessage: null }],
      blocked: [{ id: blocked.id, name: "Blocked", image: null, statusMessage: null }],
    });
  });

  it("refuses requests to oneself, to nobody and with a bad id", async () => {
    const a = await person("A");
    await expect(sendFriendRequest(a.id, { userId: a.id })).rejects.toMatchObject({ code: "validation" });
    await expect(sendFriendRequest(a.id, { userId: "0190b0a0-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
    await expect(sendFriendRequest(a.id, { userId: "x" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(blockUser(a.id, { userId: a.id })).rejects.toMatchObject({ code: "validation" });
  });

  it("removes a friendship or a request both ways on block, and refuses the blocked user's requests until unblocked", async () => {
    const [a, b, c] = await Promise.all([person("A"), person("B"), person("C")]);
    await sendFriendRequest(a.id, { userId: b.id });
    await acceptFriendRequest(b.id, { userId: a.id });
    await sendFriendRequest(c.id, { userId: a.id });

    expect(await blockUser(a.id, { userId: b.id })).toMatchObject({ blocked: true, undo: expect.any(String) });
    expect(await blockUser(a.id, { userId: b.id })).toMatchObject({ blocked: true }); // twice is once
    await blockUser(a.id, { userId: c.id });
    expect(await hasBlocked(a.id, b.id)).toBe(true);
    expect(await hasBlocked(b.id, a.id)).toBe(false);
    expect(await friendStateOf(a.id, b.id)).toBe("none");
    expect(await friendStateOf(a.id, c.id)).toBe("none");
    expect((await getFriendsOverview(b.id)).friends).toEqual([]);

    // The blocked user cannot ask; the blocker must unblock first. Same words either way.
    await expect(sendFriendRequest(b.id, { userId: a.id })).rejects.toMatchObject({ code: "blocked" });
    await expect(sendFriendRequest(a.id, { userId: b.id })).rejects.toMatchObject({ code: "blocked" });
    expect(await getProfile(b.id, a.id)).toMatchObject({ friend: "none", blocked: false });

    expect(await unblockUser(a.id, { userId: b.id })).toEqual({ blocked: false });
    expect(await sendFriendRequest(b.id, { userId: a.id })).toEqual({ state: "outgoing" });
    expect((await getFriendsOverview(a.id)).blocked.map((u) => u.id)).toEqual([c.id]);
  });

  it("lets a user see the presence of space-mates, friends and people they talked with in a conversation (and their own), nobody else", async () => {
    const [me, mate, friend, dmPartner, asker, stranger] = await Promise.all([
      person("Me"),
      person("Mate"),
      person("Friend"),
      person("Partner"),
      person("Asker"),
      person("Stranger"),
    ]);
    const { space } = await createSpace(me.id, { name: "S" });
    await acceptInvite(mate.id, (await createInvite(me.id, space.id)).code);
    await sendFriendRequest(me.id, { userId: friend.id });
    await acceptFriendRequest(friend.id, { userId: me.id });
    await sendFriendRequest(asker.id, { userId: me.id }); // a pending request is not a friendship
    // A conversation counts once both have written in it: opening one is not enough.
    const { channelId: dmId } = await openDm(me.id, { userId: dmPartner.id });
    expect(await usersVisibleTo(me.id, [dmPartner.id])).toEqual([]);
    await sendMessage(me, { channelId: dmId, clientId: "presence-rule-1", body: "hello?" });
    expect(await usersVisibleTo(me.id, [dmPartner.id])).toEqual([]);
    expect(await usersVisibleTo(dmPartner.id, [me.id])).toEqual([]);
    await sendMessage(dmPartner, { channelId: dmId, clientId: "presence-rule-2", body: "hi!" });

    const everyone = [me.id, mate.id, friend.id, dmPartner.id, asker.id, stranger.id, mate.id];
    expect(new Set(await usersVisibleTo(me.id, everyone))).toEqual(new Set([me.id, mate.id, friend.id, dmPartner.id]));
    expect(await usersVisibleTo(friend.id, [me.id, mate.id])).toEqual([me.id]);
    expect(await usersVisibleTo(dmPartner.id, [me.id, friend.id])).toEqual([me.id]);
    expect(
      await usersVisibleTo(
        stranger.id,
        everyone.filter((id) => id !== stranger.id),
      ),
    ).toEqual([]);
    expect(await usersVisibleTo(me.id, [])).toEqual([]);
    await removeFriend(friend.id, { userId: me.id });
    expect(await usersVisibleTo(me.id, [friend.id])).toEqual([]);
  });
});

describe("image uploads", () => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase("sqlite")));
  afterAll(async () => drop?.());

  it("stores a real PNG and serves it back byte for byte", async () => {
    const png = solidPng(16, 8);
    const { id, url } = await saveImage("0190b0a0-0000-7000-8000-000000000001", png);
    expect(url).toBe(`/api/files/${id}`);
    const stored = await readImage(id);
    expect(stored.mime).toBe("image/png");
    expect(Buffer.compare(stored.bytes, png)).toBe(0);
  });

  it("refuses text dressed as a PNG, an empty file and anything over the size limit", async () => {
    const owner = "0190b0a0-0000-7000-8000-000000000002";
    await expect(saveImage(owner, new TextEncoder().encode("<svg onload=alert(1)>not a png</svg>"))).rejects.toMatchObject({
      code: "upload_type",
    });
    await expect(saveImage(owner, new Uint8Array())).rejects.toMatchObject({ code: "validation" });
    const huge = Buffer.concat([solidPng(1, 1), Buffer.alloc(LIMITS.uploadMaxBytes)]);
    await expect(saveImage(owner, huge)).rejects.toMatchObject({ code: "upload_too_large" });
    await expect(readImage("0190b0a0-0000-7000-8000-00000000dead")).rejects.toMatchObject({ code: "not_found" });
  });
});

const redisUrl = process.env.REDIS_URL;
const stores: Array<[string, () => Promise<{ store: PresenceStore; redis?: Redis }>]> = [
  ["memory", async () => ({ store: memoryPresence() })],
];
if (redisUrl)
  stores.push([
    "redis",
    async () => {
      const redis = new Redis(redisUrl);
      return { store: redisPresence(redis, { prefix: `test-online-${Date.now()}` }), redis };
    },
  ]);

describe.each(stores)("listing who is online in the %s presence store", (_name, make) => {
  let store: PresenceStore;
  let redis: Redis | undefined;
  beforeAll(async () => ({ store, redis } = await make()));
  afterAll(async () => redis?.quit());

  it("lists online and idle users, not those whose last socket left, and no more than asked", async () => {
    await store.set("on", "s1", false);
    await store.set("away", "s2", true);
    await store.set("gone", "s3", false);
    await store.remove("gone", "s3");
    expect(new Set(await store.listOnline(10))).toEqual(new Set(["on", "away"]));
    expect(await store.listOnline(1)).toHaveLength(1);
    expect(await store.listOnline(0)).toEqual([]);
  });
});
