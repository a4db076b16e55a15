import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/realtime/contract";
import { firstGap, mergeBySeq } from "@/lib/realtime/order";
import { getDatabase } from "@/server/database";
import { newId } from "@/server/ids";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { freshDatabase } from "./helpers/database";
import { startNode, type NodeProcess } from "./helpers/nodes";
import { ask, connectAs, sessionCookie, signInSession, TEST_SECRET, type TestSocket } from "./helpers/realtime";

const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Two app nodes as separate processes, sharing MariaDB and Redis, with clients on each.
describe.runIf(enabled)("two nodes behind one Redis and one MariaDB", () => {
  let drop: () => Promise<void>;
  let a: NodeProcess, b: NodeProcess;
  let channelId: string;
  let videoId: string;
  const users: Array<{ id: string; name: string }> = [];
  const sockets: TestSocket[] = [];
  const on = async (node: NodeProcess, userIndex: number) => {
    const s = await connectAs(node, await sessionCookie(users[userIndex]!.id));
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    const fresh = await freshDatabase("mysql");
    drop = fresh.drop;
    for (let i = 0; i < 9; i++) users.push(await signUp({ email: `n${i}@example.test`, password: `node-pass-${i}x`, name: `N${i}` }));
    const { space } = await createSpace(users[0]!.id, { name: "Cluster" });
    channelId = space.defaultChannelId!;
    const { code } = await createInvite(users[0]!.id, space.id);
    for (const u of users.slice(1)) await acceptInvite(u.id, code);
    // A video channel, written directly: creating channels is the spaces service's business.
    const { db, t } = await getDatabase();
    videoId = newId();
    await db
      .insert(t.channels)
      .values({ id: videoId, spaceId: space.id, name: "video", kind: "video", position: 1, createdAt: new Date() });
    const env = { DATABASE_URL: fresh.url, REDIS_URL: process.env.REDIS_URL!, AUTH_SECRET: TEST_SECRET, VIDEO_ROOM_CAP: "2" };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await drop?.();
  });

  it("messages, typing, read updates and presence cross from one node to the other", async () => {
    const alice = await on(a, 0);
    const bob = await on(b, 1);
    await ask(alice, "channel:join", { channelId });
    await ask(bob, "channel:join", { channelId });

    const bobGot: ChatMessage[] = [];
    bob.on("message:new", (m) => bobGot.push(m));
    const sent = await ask(alice, "message:send", { channelId, clientId: "cross-node-msg-1", body: "from node A" });
    if (!sent.ok) throw new Error(sent.error.message);
    await until(() => bobGot.length === 1, "the message on node B");
    expect(bobGot[0]).toEqual(sent.message);

    const typing: string[] = [];
    bob.on("typing", (e) => typing.push(e.user.name));
    await ask(alice, "typing:start", { channelId });
    await until(() => typing.length === 1, "typing on node B");
    expect(typing).toEqual(["N0"]);

    const reads: number[] = [];
    alice.on("read:update", (e) => e.userId === users[1]!.id && reads.push(e.lastReadSeq));
    await ask(bob, "read:mark", { channelId, seq: sent.message.seq });
    await until(() => reads.length === 1, "the read update on node A");
    expect(reads).toEqual([sent.message.seq]);

    const presence: string[] = [];
    alice.on("presence:update", (e) => e.userId === users[2]!.id && presence.push(e.status));
    expect(await ask(alice, "presence:watch", { userIds: [users[2]!.id] })).toEqual({ ok: true, statuses: { [users[2]!.id]: "offline" } });
    const carol = await on(b, 2);
    await until(() => presence.includes("online"), "carol online on node A");
    carol.close();
    await until(() => presence.at(-1) === "offline", "carol offline on node A");
  });

  it("a video room spans both nodes: peers, signals and media state cross, the cap holds across nodes", async () => {
    const media = { mic: true, camera: true, screen: false };
    const ann = await on(a, 3);
    const ben = await on(b, 4);
    expect(await ask(ann, "rtc:join", { channelId: videoId, media })).toMatchObject({ ok: true, participants: [] });
    const joined = new Promise((resolve) => ann.once("rtc:peerJoined", resolve));
    const second = await ask(ben, "rtc:join", { channelId: videoId, media });
    expect(second).toMatchObject({ ok: true, participants: [{ socketId: ann.id, user: { name: "N3" } }] });
    expect(await joined).toMatchObject({ peer: { socketId: ben.id } });
    const signal = new Promise((resolve) => ann.once("rtc:signal", resolve));
    expect(await ask(ben, "rtc:signal", { channelId: videoId, to: ann.id!, data: { type: "offer", sdp: "v=0" } })).toEqual({ ok: true });
    expect(await signal).toEqual({ channelId: videoId, from: ben.id, data: { type: "offer", sdp: "v=0" } });
    const state = new Promise((resolve) => ben.once("rtc:media", resolve));
    await ask(ann, "rtc:media", { channelId: videoId, media: { ...media, screen: true } });
    expect(await state).toMatchObject({ socketId: ann.id, media: { screen: true } });
    // VIDEO_ROOM_CAP=2 on both nodes: a third person on either node is refused.
    const cal = await on(a, 5);
    expect(await ask(cal, "rtc:join", { channelId: videoId, media })).toMatchObject({ ok: false, error: { code: "room_full" } });
    for (const s of [ann, ben]) await ask(s, "rtc:leave", { channelId: videoId });
    expect(await ask(cal, "rtc:join", { channelId: videoId, media })).toMatchObject({ ok: true, participants: [] });
    await ask(cal, "rtc:leave", { channelId: videoId });
  });

  it("keeps seq order gap-free with concurrent senders on both nodes", async () => {
    const senders = await Promise.all([1, 2, 3].map((i) => on(a, i)).concat([4, 5, 6].map((i) => on(b, i))));
    const watchers = [await on(a, 7), await on(b, 7)];
    for (const s of [...senders, ...watchers]) await ask(s, "channel:join", { channelId });
    const seen = watchers.map((w) => {
      const got: ChatMessage[] = [];
      w.on("message:new", (m) => got.push(m));
      return got;
    });
    const joined = await ask(watchers[0]!, "channel:join", { channelId });
    const start = joined.ok ? (joined.messages.at(-1)?.seq ?? 0) : 0;
    const perSender = 8; // under the burst of the shared rate limit
    await Promise.all(
      senders.map((s, i) =>
        Promise.all(
          Array.from({ length: perSender }, (_, k) =>
            ask(s, "message:send", { channelId, clientId: `both-${i}-${k}-xx`, body: `${i}.${k}` }),
          ),
        ),
      ),
    );
    const total = senders.length * perSender;
    for (const got of seen) {
      await until(() => got.length >= total, `${total} messages`);
      // Two nodes publish independently after their commits, so arrival order may differ from
      // seq order; what a client shows (merged by seq) is complete, gap-free and increasing.
      const shown = mergeBySeq([], got);
      expect(shown.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
      expect(firstGap(shown)).toBeNull();
      const outOfOrder = got.filter((m, i) => i > 0 && m.seq < got[i - 1]!.seq).length;
      console.log(`${outOfOrder} of ${total} live events arrived out of seq order`);
    }
  });

  it("signing out through node A disconnects the session's socket on node B within 5 s, and its cookie opens no socket on either", async () => {
    const { cookie, sessionId } = await signInSession(users[7]!.id, users[7]!.name);
    const onB = await connectAs(b, cookie);
    sockets.push(onB);
    const gone = new Promise<number>((resolve) => onB.once("disconnect", () => resolve(Date.now())));
    const started = Date.now();
    const res = await fetch(`${a.url}/test/sign-out/${sessionId}`, { method: "POST" });
    expect(res.status).toBe(204);
    const at = await Promise.race([gone, new Promise<number>((_, reject) => setTimeout(() => reject(new Error("still connected on node B")), 5000))]);
    console.log(`the signed-out socket on node B was disconnected ${at - started} ms after the sign-out on node A`);
    await expect(connectAs(a, cookie)).rejects.toThrow("unauthorized");
    await expect(connectAs(b, cookie)).rejects.toThrow("unauthorized");
  });

  it("shows a user whose node dies (kill -9) as offline on the other node, and out of their video room, within 60 s", async () => {
    const watcher = await on(a, 0);
    const updates: string[] = [];
    const victim = users[8]!; // connected to node B only
    watcher.on("presence:update", (e) => e.userId === victim.id && updates.push(e.status));
    const victimSocket = await on(b, 8);
    const media = { mic: true, camera: true, screen: false };
    await ask(watcher, "rtc:join", { channelId: videoId, media });
    await ask(victimSocket, "rtc:join", { channelId: videoId, media });
    const victimSocketId = victimSocket.id;
    const left: string[] = [];
    watcher.on("rtc:peerLeft", (e) => left.push(e.socketId));
    expect(await ask(watcher, "presence:watch", { userIds: [victim.id] })).toMatchObject({ statuses: { [victim.id]: "online" } });
    const killedAt = Date.now();
    await b.kill9();
    await until(() => updates.at(-1) === "offline", "offline after the crash", 60_000);
    console.log(`a crashed node's user went offline after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
    await until(() => left.includes(victimSocketId!), "out of the video room after the crash", 60_000);
    console.log(`and left the video room after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  }, 70_000);
});
