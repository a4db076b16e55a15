import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/server/database";
import { acceptInvite, createInvite, createSpace, getSpaceView } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { enterVideoRoom, leaveVideoRoom, videoOccupants } from "@/server/services/video-rooms";
import { memoryVideoRooms, redisVideoRooms, setVideoRoomStore, type Participant, type VideoRoomStore } from "@/server/video-room-store";
import { newId } from "@/server/ids";
import { dialects, freshDatabase } from "./helpers/database";

const redisUrl = process.env.REDIS_URL;
const redisPrefix = `test${Date.now()}`;
const stores: Array<[string, () => Promise<{ store: VideoRoomStore; redis?: Redis }>]> = [
  ["memory", async () => ({ store: memoryVideoRooms() })],
];
if (redisUrl) {
  stores.push([
    "redis",
    async () => {
      const redis = new Redis(redisUrl);
      return { store: redisVideoRooms(redis, { ttlMs: 400, prefix: redisPrefix }), redis };
    },
  ]);
}

const media = { mic: true, camera: true, screen: false };
const person = (n: number, socket = `s${n}`): Participant => ({ id: `u${n}`, name: `User ${n}`, image: null, socketId: socket, media });
const ids = (list: Participant[]) => list.map((p) => p.socketId);

describe.each(stores)("the %s video room store", (name, make) => {
  let store: VideoRoomStore;
  let redis: Redis | undefined;
  beforeAll(async () => ({ store, redis } = await make()));
  afterAll(async () => redis?.quit());

  it("lets people in up to the cap, in the order they came, and refuses the next", async () => {
    expect(await store.join("room-a", person(1), 3)).toMatchObject({ ok: true, replaced: null, started: true });
    for (const n of [2, 3]) expect(await store.join("room-a", person(n), 3)).toMatchObject({ ok: true, replaced: null, started: false });
    const refused = await store.join("room-a", person(4), 3);
    expect(refused).toMatchObject({ ok: false, reason: "full" });
    expect(ids(refused.participants)).toEqual(["s1", "s2", "s3"]);
    expect(ids(await store.participants("room-a"))).toEqual(["s1", "s2", "s3"]);
  });

  it("holds a user once: a second tab takes the place of the first, even in a full room", async () => {
    const again = await store.join("room-a", person(2, "s2-tab2"), 3);
    expect(again).toMatchObject({ ok: true, replaced: "s2" });
    expect(ids(await store.participants("room-a")).sort()).toEqual(["s1", "s2-tab2", "s3"]);
  });

  it("lets the next person in once someone leaves, and forgets an empty room", async () => {
    const left = await store.leave("room-a", "s1");
    expect([ids(left.participants).sort(), left.ended]).toEqual([["s2-tab2", "s3"], null]);
    expect(await store.join("room-a", person(4), 3)).toMatchObject({ ok: true });
    await store.leave("room-a", "s2-tab2");
    await store.leave("room-a", "s3");
    // The last one out ends the call: who started it, the most people in it at once, and how
    // long it ran once a second person was in.
    const over = await store.leave("room-a", "s4");
    expect(over).toEqual({ participants: [], ended: { callerId: "u1", peak: 3, answeredMs: expect.any(Number) } });
    expect(over.ended!.answeredMs).toBeGreaterThan(0);
    expect(await store.participants("room-a")).toEqual([]);
    expect(await store.leave("room-a", "nobody")).toEqual({ participants: [], ended: null });
  });

  it("keeps rooms apart", async () => {
    await store.join("room-b", person(1), 2);
    await store.join("room-c", person(1, "s1-other"), 2);
    expect(ids(await store.participants("room-b"))).toEqual(["s1"]);
    expect(ids(await store.participants("room-c"))).toEqual(["s1-other"]);
    await store.leave("room-b", "s1");
    await store.leave("room-c", "s1-other");
  });

  it("records mic, camera and screen state for those in the room only", async () => {
    await store.join("room-e", person(1), 4);
    expect(await store.setMedia("room-e", "s1", { mic: false, camera: true, screen: true })).toBe(true);
    expect(await store.setMedia("room-e", "stranger", { mic: false, camera: false, screen: false })).toBe(false);
    expect((await store.participants("room-e"))[0]!.media).toEqual({ mic: false, camera: true, screen: true });
    // A call no one answered: peak 1, and it never started running.
    expect((await store.leave("room-e", "s1")).ended).toEqual({ callerId: "u1", peak: 1, answeredMs: 0 });
  });

  it("times a call from the moment a second person comes in until the room empties", async () => {
    await store.join("room-t", person(1), 4);
    await new Promise((r) => setTimeout(r, 150)); // ringing: not counted
    await store.join("room-t", person(2), 4);
    const answered = Date.now();
    await new Promise((r) => setTimeout(r, 120));
    await store.leave("room-t", "s2");
    await store.leave("room-t", "s1").then(({ ended }) => {
      expect(ended!.answeredMs).toBeGreaterThanOrEqual(100);
      expect(ended!.answeredMs).toBeLessThanOrEqual(Date.now() - answered + 20);
    });
  });

  // Only a shared store can outlive a node.
  if (name === "redis")
    it("drops the entries of a node that stopped heartbeating and reports the room once", async () => {
      await store.join("room-d", person(1, "dead-node-socket"), 8);
      await store.join("room-d", person(2, "live-node-socket"), 8);
      // The live node beats past the dead entry's expiry, and the room is read, before any sweep:
      // neither may swallow the dead entry unreported.
      for (let i = 0; i < 6; i++) {
        await store.heartbeat([{ roomId: "room-d", participant: person(2, "live-node-socket") }]);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ids(await store.participants("room-d"))).toEqual(["live-node-socket"]);
      const changed = await store.sweep();
      expect(changed.filter((c) => c.roomId === "room-d")).toMatchObject([{ gone: ["dead-node-socket"], ended: null }]);
      expect(changed.filter((c) => c.roomId === "room-d").map((c) => ids(c.participants))).toEqual([["live-node-socket"]]);
      expect(await store.sweep()).toEqual([]);
    });

  if (name === "redis")
    it("puts back the entries Redis lost (a restart) from the heartbeats of the nodes whose sockets are still in the room", async () => {
      await store.join("room-r", person(1), 8);
      await store.join("room-r", person(2), 8);
      // What a Redis restart without persistence leaves: none of the room's keys (only this test's, on a shared Redis).
      await redis!.del(`${redisPrefix}:rtc:room:room-r`, `${redisPrefix}:rtc:call:room-r`);
      await redis!.srem(`${redisPrefix}:rtc:rooms`, "room-r");
      expect(await store.participants("room-r")).toEqual([]);
      const beat = [person(1), { ...person(2), media: { ...media, camera: false } }].map((participant) => ({ roomId: "room-r", participant }));
      const back = [person(1), { ...person(2), media: { ...media, camera: false } }];
      // One row per entry put back, each with who is in the room by then (the last: everyone).
      expect(await store.heartbeat(beat)).toEqual([
        { roomId: "room-r", participants: [person(1)] },
        { roomId: "room-r", participants: back },
      ]);
      expect(await store.participants("room-r")).toEqual(back);
      expect(await store.heartbeat(beat)).toEqual([]); // alive now: a plain touch
      expect((await store.sweep()).filter((c) => c.roomId === "room-r")).toEqual([]);
      await store.leave("room-r", "s2");
      expect(await store.leave("room-r", "s1")).toMatchObject({ participants: [], ended: { callerId: "u1", peak: 2 } });
    });
});

describe.each(dialects)("video rooms as a service on %s", (dialect) => {
  let drop: () => Promise<void>;
  const users: Array<{ id: string; name: string; image: null }> = [];
  let spaceId = "";
  let videoId = "";
  let textId = "";

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    setVideoRoomStore(memoryVideoRooms());
    for (let n = 0; n < 10; n++) {
      const user = await signUp({ email: `v${n}@example.test`, password: "correct-horse-9", name: `Viewer ${n}` });
      users.push({ id: user.id, name: user.name, image: null });
    }
    const { space } = await createSpace(users[0]!.id, { name: "Study" });
    spaceId = space.id;
    textId = space.defaultChannelId!;
    const { code } = await createInvite(users[0]!.id, spaceId);
    for (const u of users.slice(1, 9)) await acceptInvite(u.id, code);
    // A video channel, written directly: creating channels is the spaces service's business.
    const { db, t } = await getDatabase();
    videoId = newId();
    await db.insert(t.channels).values({ id: videoId, spaceId, name: "study-room", kind: "video", position: 1, createdAt: new Date() });
  });
  afterAll(async () => {
    setVideoRoomStore(undefined);
    await drop();
  });

  it("shows who is in a video channel on the space view, and nobody once they leave", async () => {
    const { participants } = await enterVideoRoom(users[1]!, "sock-1", videoId, media);
    expect(participants.map((p) => p.name)).toEqual(["Viewer 1"]);
    expect((await getSpaceView(users[0]!.id, spaceId)).occupants).toEqual({ [videoId]: [users[1]] });
    const { channel } = await enterVideoRoom(users[2]!, "sock-2", videoId, media);
    await leaveVideoRoom(channel, "sock-1");
    expect(await videoOccupants([videoId, textId])).toEqual({ [videoId]: [users[2]] });
    await leaveVideoRoom(channel, "sock-2");
    expect((await getSpaceView(users[0]!.id, spaceId)).occupants).toEqual({});
  });

  it("refuses the ninth person with room_full (default cap 8)", async () => {
    for (const [n, u] of users.slice(0, 8).entries()) await enterVideoRoom(u, `cap-${n}`, videoId, media);
    await expect(enterVideoRoom(users[8]!, "cap-8", videoId, media)).rejects.toMatchObject({ code: "room_full" });
    const { channel } = await enterVideoRoom(users[0]!, "cap-0", videoId, media); // already in: fine
    for (let n = 0; n < 8; n++) await leaveVideoRoom(channel, `cap-${n}`);
  });

  it("keeps non-members out and has no room in a text channel", async () => {
    await expect(enterVideoRoom(users[9]!, "outsider", videoId, media)).rejects.toMatchObject({ code: "forbidden" });
    await expect(enterVideoRoom(users[1]!, "text", textId, media)).rejects.toMatchObject({ code: "validation" });
    expect(await videoOccupants([videoId])).toEqual({});
  });
});
