import { describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/server/database";
import { newId } from "@/server/ids";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { nodeTestBed } from "./helpers/node-test-bed";
import { ask, nextEvent, type TestSocket } from "./helpers/realtime";
import { startRedis } from "./helpers/redis-server";

const dialect = process.env.DATABASE_URL ? "mysql" : "sqlite";
const media = { mic: true, camera: true, screen: false };

/**
 * Video rooms live in Redis (who is in which room). A Redis restart without persistence loses
 * them while the sockets stay connected and in their rooms; the nodes' heartbeats put them back.
 */
describe(`video rooms across a Redis restart (${dialect})`, () => {
  const bed = nodeTestBed(dialect);

  it("come back by themselves: signals between the two people in a room work again, the space hears who is in it, and a newcomer sees both", async () => {
    await bed.open();
    const people: Array<Awaited<ReturnType<typeof signUp>>> = [];
    for (const name of ["Ann", "Ben", "Cal"]) {
      people.push(await signUp({ email: `${name.toLowerCase()}-restart@example.test`, password: `${name}-pass-123`, name }));
    }
    const { space } = await createSpace(people[0]!.id, { name: "Calls" });
    const { code } = await createInvite(people[0]!.id, space.id);
    for (const p of people.slice(1)) await acceptInvite(p.id, code);
    const { db, t } = await getDatabase();
    const roomId = newId();
    await db.insert(t.channels).values({ id: roomId, spaceId: space.id, name: "call", kind: "video", position: 1, createdAt: new Date() });

    const redis = await startRedis();
    bed.defer(() => redis.stop("SIGKILL"));
    const node = await bed.start({ REDIS_URL: redis.url });
    const [ann, ben, cal] = await Promise.all(people.map((p) => bed.connect(node, p.id)));
    expect(await ask(ann!, "rtc:join", { channelId: roomId, media })).toMatchObject({ ok: true, participants: [] });
    expect(await ask(ben!, "rtc:join", { channelId: roomId, media: { ...media, camera: false } })).toMatchObject({ ok: true });
    const signal = (from: TestSocket, to: TestSocket, sdp: string) =>
      ask(from, "rtc:signal", { channelId: roomId, to: to.id!, data: { type: "offer", sdp } });
    const heard = nextEvent(ben!, "rtc:signal");
    expect(await signal(ann!, ben!, "v=0 before")).toEqual({ ok: true });
    expect(await heard).toMatchObject({ from: ann!.id, data: { sdp: "v=0 before" } });

    // Cal, not in the room, has the space's sidebar open: it hears who is in the room.
    const occupancy: Array<{ channelId: string; users: Array<{ id: string }> }> = [];
    cal!.on("occupancy:update", (e) => occupancy.push(e));

    await redis.stop(); // no persistence: every room entry is gone
    await redis.start();
    const restartedAt = Date.now();
    // Until the node is back on Redis and has beaten, a signal is refused (the store has no one in the room).
    for (;;) {
      const ack = await signal(ann!, ben!, "v=0 probe").catch(() => null);
      if (ack?.ok) break;
      expect(Date.now() - restartedAt).toBeLessThan(15_000); // at most one heartbeat (10 s) after Redis is back
      await new Promise((r) => setTimeout(r, 100));
    }
    const back = Date.now() - restartedAt;
    // The node tells the space who is in the room once it put them back, so a sidebar that read
    // the room as empty meanwhile (a page load, a join or leave announced then) is right again.
    await vi.waitFor(() => expect(occupancy.at(-1)).toMatchObject({ channelId: roomId, users: [{ id: people[0]!.id }, { id: people[1]!.id }] }), {
      timeout: 5000,
    });
    expect(occupancy.at(-1)!.users).toHaveLength(2);

    const toAnn = nextEvent(ann!, "rtc:signal");
    expect(await ask(ben!, "rtc:signal", { channelId: roomId, to: ann!.id!, data: { type: "answer", sdp: "v=0 after" } })).toEqual({
      ok: true,
    });
    expect(await toAnn).toMatchObject({ from: ben!.id, data: { type: "answer", sdp: "v=0 after" } });
    // The entries came back as they were, media included, in the order people joined.
    const joined = await ask(cal!, "rtc:join", { channelId: roomId, media });
    expect(joined).toMatchObject({ ok: true });
    if (!joined.ok) return;
    expect(joined.participants).toEqual([
      { socketId: ann!.id, user: { id: people[0]!.id, name: "Ann", image: null }, media },
      { socketId: ben!.id, user: { id: people[1]!.id, name: "Ben", image: null }, media: { ...media, camera: false } },
    ]);
    expect(node.log()).toMatch(/"restored":2,"msg":"video room entries the store had lost are back"/);
    console.log(`video rooms back ${back} ms after Redis restarted`);
  }, 60_000);
});
