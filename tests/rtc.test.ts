import { LIMITS } from "@/lib/limits";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/server/database";
import { newId } from "@/server/ids";
import { openDm } from "@/server/services/dms";
import { createGroup, leaveGroup } from "@/server/services/groups";
import { blockUser } from "@/server/services/friends";
import { kickMember } from "@/server/services/space-admin";
import { videoOccupants } from "@/server/services/video-rooms";
import { listMessages } from "@/server/services/messages";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import type { UserSummary } from "@/lib/realtime/contract";
import { dialects, freshDatabase } from "./helpers/database";
import { nestedJson, rawEmit } from "./helpers/raw-packets";
import { ask, nextEvent, socketPool, startRealtime } from "./helpers/realtime";

const media = { mic: true, camera: true, screen: false };

describe.each(dialects)("video rooms over sockets on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  const people: Array<{ id: string; name: string }> = [];
  let spaceId = "";
  let roomA = "";
  let roomB = "";
  let textId = "";
  let outsider: { id: string };

  const { connect, closeAll } = socketPool(() => server);

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    for (const name of ["Ann", "Ben", "Cal", "Dee"]) {
      people.push(await signUp({ email: `${name.toLowerCase()}@example.test`, password: `${name}-pass-123`, name }));
    }
    outsider = await signUp({ email: "out@example.test", password: "outsider-pass-1", name: "Out" });
    const { space } = await createSpace(people[0]!.id, { name: "Video" });
    spaceId = space.id;
    textId = space.defaultChannelId!;
    const { code } = await createInvite(people[0]!.id, spaceId);
    for (const p of people.slice(1)) await acceptInvite(p.id, code);
    // Video channels written directly: creating channels is the spaces service's business.
    const { db, t } = await getDatabase();
    roomA = newId();
    roomB = newId();
    for (const [id, name] of [
      [roomA, "room-a"],
      [roomB, "room-b"],
    ])
      await db.insert(t.channels).values({ id: id!, spaceId, name: name!, kind: "video", position: 1, createdAt: new Date() });
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    await drop?.();
  });

  it("gives a newcomer the peers already in the room, tells them, and relays signals both ways", async () => {
    const [ann, ben] = [await connect(people[0]!.id), await connect(people[1]!.id)];
    const first = await ask(ann, "rtc:join", { channelId: roomA, media });
    expect(first).toMatchObject({ ok: true, participants: [], iceServers: [], cap: 8 });

    const joined = nextEvent(ann, "rtc:peerJoined");
    const second = await ask(ben, "rtc:join", { channelId: roomA, media: { ...media, camera: false } });
    expect(second).toMatchObject({ ok: true, participants: [{ socketId: ann.id, user: { name: "Ann" }, media }] });
    expect(await joined).toEqual({
      channelId: roomA,
      peer: { socketId: ben.id, user: { id: people[1]!.id, name: "Ben", image: null }, media: { ...media, camera: false } },
    });

    const offer = nextEvent(ann, "rtc:signal");
    expect(await ask(ben, "rtc:signal", { channelId: roomA, to: ann.id!, data: { type: "offer", sdp: "v=0 ben" } })).toEqual({ ok: true });
    expect(await offer).toEqual({ channelId: roomA, from: ben.id, data: { type: "offer", sdp: "v=0 ben" } });
    const answer = nextEvent(ben, "rtc:signal");
    await ask(ann, "rtc:signal", { channelId: roomA, to: ben.id!, data: { type: "answer", sdp: "v=0 ann" } });
    expect(await answer).toMatchObject({ from: ann.id, data: { type: "answer" } });

    const state = nextEvent(ann, "rtc:media");
    await ask(ben, "rtc:media", { channelId: roomA, media: { mic: false, camera: false, screen: true } });
    expect(await state).toEqual({ channelId: roomA, socketId: ben.id, media: { mic: false, camera: false, screen: true } });
    // A late joiner sees the current state (the screen share) in the ack.
    const cal = await connect(people[2]!.id);
    const third = await ask(cal, "rtc:join", { channelId: roomA, media });
    expect(third.ok && third.participants.find((p) => p.socketId === ben.id)?.media).toEqual({ mic: false, camera: false, screen: true });

    const left = nextEvent(ann, "rtc:peerLeft");
    await ask(ben, "rtc:leave", { channelId: roomA });
    expect(await left).toEqual({ channelId: roomA, socketId: ben.id });
    for (const s of [ann, cal]) await ask(s, "rtc:leave", { channelId: roomA });
  });

  it("relays only simple-peer's signal shapes: a signal nested 5,000 deep, an oversized SDP or extra keys are refused or stripped, never relayed", async () => {
    const [ann, ben] = [await connect(people[0]!.id), await connect(people[1]!.id)];
    await ask(ann, "rtc:join", { channelId: roomA, media });
    await ask(ben, "rtc:join", { channelId: roomA, media });
    const heard: unknown[] = [];
    ben.on("rtc:signal", (e) => heard.push(e.data));
    // JSON text, written to the connection: socket.io-client cannot encode this deep itself
    const deep = nestedJson(5000, "nested", '{"type":"offer","sdp":"v=0"}');
    const refused = [
      `{"type":"candidate","candidate":${deep}}`,
      `{"type":"candidate","candidate":{"candidate":${"[".repeat(5000)}${"]".repeat(5000)}}}`,
      JSON.stringify({ type: "offer", sdp: "v".repeat(LIMITS.signalSdpMaxChars + 1) }),
      JSON.stringify({ type: "candidate", candidate: { candidate: "c".repeat(LIMITS.iceCandidateMaxChars + 1), sdpMLineIndex: 0, sdpMid: "0" } }),
      JSON.stringify({ type: "rollback" }),
      JSON.stringify({ renegotiate: true }),
      deep,
    ];
    const args = (data: string) => [`{"channelId":"${roomA}","to":"${ben.id}","data":${data}}`];
    for (const data of refused) {
      expect(await rawEmit(ann, "rtc:signal", args(data))).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    // a well-formed offer carrying an extra, deep key goes through with only its own fields
    const relayed = nextEvent(ben, "rtc:signal");
    expect(await rawEmit(ann, "rtc:signal", args(`{"type":"offer","sdp":"v=0","nested":${deep}}`))).toEqual({ ok: true });
    expect((await relayed).data).toEqual({ type: "offer", sdp: "v=0" });
    expect(heard).toEqual([{ type: "offer", sdp: "v=0" }]);
    for (const s of [ann, ben]) await ask(s, "rtc:leave", { channelId: roomA });
  });

  it("relays signals only between sockets in the same room", async () => {
    const [ann, ben, cal] = [await connect(people[0]!.id), await connect(people[1]!.id), await connect(people[2]!.id)];
    await ask(ann, "rtc:join", { channelId: roomA, media });
    await ask(ben, "rtc:join", { channelId: roomB, media });
    const heard: unknown[] = [];
    ben.on("rtc:signal", (e) => heard.push(e));
    cal.on("rtc:signal", (e) => heard.push(e));
    // to someone in another room; to a member who is in no room; claiming a room one is not in
    expect(await ask(ann, "rtc:signal", { channelId: roomA, to: ben.id!, data: { type: "renegotiate", renegotiate: true } })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(ann, "rtc:signal", { channelId: roomA, to: cal.id!, data: { type: "renegotiate", renegotiate: true } })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(ann, "rtc:signal", { channelId: roomB, to: ben.id!, data: { type: "renegotiate", renegotiate: true } })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await ask(cal, "rtc:media", { channelId: roomA, media })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await ask(ben, "rtc:leave", { channelId: roomB }); // a round trip
    expect(heard).toEqual([]);
    await ask(ann, "rtc:leave", { channelId: roomA });
  });

  it("keeps every rtc event inside its room: joins, signals, media and leaves in one room reach no one outside it", async () => {
    const [ann, ben, cal, dee] = [
      await connect(people[0]!.id),
      await connect(people[1]!.id),
      await connect(people[2]!.id),
      await connect(people[3]!.id),
    ];
    await ask(ben, "rtc:join", { channelId: roomB, media });
    const heard: string[] = [];
    const events = ["rtc:peerJoined", "rtc:peerLeft", "rtc:media", "rtc:signal", "rtc:ended", "call:declined"] as const;
    for (const s of [ben, cal]) for (const event of events) s.on(event, () => heard.push(event));
    await ask(ann, "rtc:join", { channelId: roomA, media });
    const joined = nextEvent(ann, "rtc:peerJoined");
    await ask(dee, "rtc:join", { channelId: roomA, media });
    await joined;
    const signal = nextEvent(dee, "rtc:signal");
    await ask(ann, "rtc:signal", { channelId: roomA, to: dee.id!, data: { type: "offer", sdp: "v=0\r\n" } });
    await signal;
    const changed = nextEvent(dee, "rtc:media");
    await ask(ann, "rtc:media", { channelId: roomA, media: { ...media, camera: false } });
    await changed;
    const left = nextEvent(ann, "rtc:peerLeft");
    await ask(dee, "rtc:leave", { channelId: roomA });
    await left;
    await ask(ann, "rtc:leave", { channelId: roomA });
    await ask(ben, "rtc:leave", { channelId: roomB }); // a round trip: anything sent to Ben came before its ack
    await ask(cal, "rtc:leave", { channelId: roomA });
    expect(heard).toEqual([]);
  });

  it("a call resumed after a reconnect does not ring the others again; a new call does", async () => {
    const { channelId } = await openDm(people[0]!.id, { userId: people[2]!.id });
    const [ann, cal] = [await connect(people[0]!.id), await connect(people[2]!.id)];
    const rings: unknown[] = [];
    cal.on("call:incoming", (e) => rings.push(e));
    // resume is a flag or nothing
    expect(await ask(ann, "rtc:join", { channelId, media, resume: "yes" as never })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    await ask(ann, "rtc:join", { channelId, media, resume: true });
    const over = nextEvent(cal, "call:ended");
    await ask(ann, "rtc:leave", { channelId });
    await over;
    expect(rings).toEqual([]); // call:ended came after where a ring would have been
    const ring = nextEvent(cal, "call:incoming");
    await ask(ann, "rtc:join", { channelId, media });
    await ring;
    expect(rings).toHaveLength(1);
    await ask(ann, "rtc:leave", { channelId });
  });

  it("keeps non-members out and has no room in a text channel or an unknown one", async () => {
    const stranger = await connect(outsider.id);
    expect(await ask(stranger, "rtc:join", { channelId: roomA, media })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const ann = await connect(people[0]!.id);
    expect(await ask(ann, "rtc:join", { channelId: textId, media })).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await ask(ann, "rtc:join", { channelId: newId(), media })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("takes a closed tab out of the room at once, and forgets the room when the last one goes", async () => {
    const [ann, ben, dee] = [await connect(people[0]!.id), await connect(people[1]!.id), await connect(people[3]!.id)];
    const occupancy: string[][] = [];
    dee.on("occupancy:update", (e) => e.channelId === roomB && occupancy.push(e.users.map((u) => u.name)));
    await ask(ann, "rtc:join", { channelId: roomB, media });
    await ask(ben, "rtc:join", { channelId: roomB, media });
    const left = nextEvent(ann, "rtc:peerLeft");
    const benSocketId = ben.id;
    ben.close();
    expect(await left).toEqual({ channelId: roomB, socketId: benSocketId });
    ann.close();
    const deadline = Date.now() + 5000;
    while (occupancy.at(-1)?.length !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(occupancy).toEqual([["Ann"], ["Ann", "Ben"], ["Ann"], []]);
  });

  it("a call in a dm rings the other person, can be declined, and is recorded when it ends — missed if no one joined", async () => {
    const { channelId } = await openDm(people[0]!.id, { userId: people[1]!.id });
    const [ann, ben] = [await connect(people[0]!.id), await connect(people[1]!.id)];
    const ring = nextEvent(ben, "call:incoming");
    await ask(ann, "rtc:join", { channelId, media });
    expect(await ring).toEqual({ channelId, caller: { id: people[0]!.id, name: "Ann", image: null }, name: "Ann" });
    const declined = nextEvent(ann, "call:declined");
    expect(await ask(ben, "call:decline", { channelId })).toEqual({ ok: true });
    expect(await declined).toMatchObject({ channelId, user: { name: "Ben" } });
    const over = nextEvent(ben, "call:ended");
    await ask(ann, "rtc:leave", { channelId });
    expect(await over).toEqual({ channelId });

    // Answered this time: the second call is recorded as a call, not a missed one.
    await ask(ann, "rtc:join", { channelId, media });
    await ask(ben, "rtc:join", { channelId, media });
    await ask(ann, "rtc:leave", { channelId });
    const ended = nextEvent(ann, "call:ended");
    await ask(ben, "rtc:leave", { channelId });
    await ended;
    await vi.waitFor(async () => {
      const { messages } = await listMessages(people[0]!.id, channelId, { afterSeq: 0 }, 50);
      expect(messages.map((m) => m.system)).toEqual([
        { type: "call", actor: { id: people[0]!.id, name: "Ann", image: null }, missed: true },
        { type: "call", actor: { id: people[0]!.id, name: "Ann", image: null }, missed: false, seconds: expect.any(Number) },
      ]);
    });
    // A block stops calls both ways.
    const { db, t } = await getDatabase();
    await db.insert(t.blocks).values({ blockerId: people[1]!.id, blockedId: people[0]!.id, createdAt: new Date() });
    expect(await ask(ann, "rtc:join", { channelId, media })).toMatchObject({ ok: false, error: { code: "blocked" } });
    expect(await ask(ben, "rtc:join", { channelId, media })).toMatchObject({ ok: false, error: { code: "blocked" } });
    await db.delete(t.blocks);
    // A stranger can neither ring nor decline.
    const stranger = await connect(outsider.id);
    expect(await ask(stranger, "rtc:join", { channelId, media })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(stranger, "call:decline", { channelId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("moves a user's call to the tab that joined last; the first tab is told", async () => {
    const [tab1, tab2, cal] = [await connect(people[0]!.id), await connect(people[0]!.id), await connect(people[2]!.id)];
    await ask(cal, "rtc:join", { channelId: roomA, media });
    await ask(tab1, "rtc:join", { channelId: roomA, media });
    const ended = nextEvent(tab1, "rtc:ended");
    const left = nextEvent(cal, "rtc:peerLeft");
    const again = await ask(tab2, "rtc:join", { channelId: roomA, media });
    expect(again.ok && again.participants.map((p) => p.socketId)).toEqual([cal.id]);
    expect(await ended).toEqual({ channelId: roomA, reason: "replaced" });
    expect(await left).toEqual({ channelId: roomA, socketId: tab1.id });
    for (const s of [tab2, cal]) await ask(s, "rtc:leave", { channelId: roomA });
  });
});

describe.each(dialects)("losing access to a channel ends one's part in its call, on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  const people: UserSummary[] = [];
  let spaceId = "";
  let roomId = "";
  let generalId = "";

  const { connect, closeAll } = socketPool(() => server);

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    for (const name of ["Ola", "Pim", "Quinn", "Rae"]) {
      const user = await signUp({ email: `${name.toLowerCase()}@example.test`, password: `${name}-pass-123`, name });
      people.push({ id: user.id, name: user.name, image: null });
    }
    const { space } = await createSpace(people[0]!.id, { name: "Access" });
    spaceId = space.id;
    generalId = space.defaultChannelId!;
    const { code } = await createInvite(people[0]!.id, spaceId);
    for (const p of people.slice(1)) await acceptInvite(p.id, code);
    const { db, t } = await getDatabase();
    roomId = newId();
    await db.insert(t.channels).values({ id: roomId, spaceId, name: "room", kind: "video", position: 1, createdAt: new Date() });
  });
  afterAll(async () => {
    closeAll();
    await server?.close();
    await drop?.();
  });

  it("a kicked member is out of the call at once: told, gone for the others, unable to signal, type or be offered to", async () => {
    const [ola, pim] = [await connect(people[0]!.id), await connect(people[1]!.id)];
    await ask(ola, "rtc:join", { channelId: roomId, media });
    await ask(pim, "rtc:join", { channelId: roomId, media });
    await ask(pim, "channel:join", { channelId: generalId });
    const ended = nextEvent(pim, "rtc:ended");
    const left = nextEvent(ola, "rtc:peerLeft");
    const pimSocket = pim.id!;
    await kickMember(people[0]!.id, spaceId, people[1]!.id);
    expect(await ended).toEqual({ channelId: roomId, reason: "removed" });
    expect(await left).toEqual({ channelId: roomId, socketId: pimSocket });
    expect(await ask(pim, "rtc:signal", { channelId: roomId, to: ola.id!, data: { type: "offer", sdp: "v=0\r\n" } })).toMatchObject({ ok: false });
    expect(await ask(pim, "rtc:media", { channelId: roomId, media })).toMatchObject({ ok: false });
    expect(await ask(pim, "typing:start", { channelId: generalId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const quinn = await connect(people[2]!.id);
    const joined = await ask(quinn, "rtc:join", { channelId: roomId, media });
    expect(joined.ok && joined.participants.map((p) => p.user.name)).toEqual(["Ola"]);
    for (const s of [ola, quinn]) await ask(s, "rtc:leave", { channelId: roomId });
  });

  it("someone who leaves a group mid-call is out of it; a block ends a dm call", async () => {
    const [ola, quinn, rae] = [await connect(people[0]!.id), await connect(people[2]!.id), await connect(people[3]!.id)];
    const { channelId: groupId } = await createGroup(people[0]!, { memberIds: [people[2]!.id, people[3]!.id] });
    await ask(ola, "rtc:join", { channelId: groupId, media });
    await ask(rae, "rtc:join", { channelId: groupId, media });
    const gone = nextEvent(ola, "rtc:peerLeft");
    await leaveGroup(people[3]!, groupId);
    expect(await gone).toMatchObject({ channelId: groupId });
    expect(await ask(rae, "rtc:signal", { channelId: groupId, to: ola.id!, data: { type: "offer", sdp: "v=0\r\n" } })).toMatchObject({ ok: false });
    await ask(ola, "rtc:leave", { channelId: groupId });

    const { channelId: dmId } = await openDm(people[0]!.id, { userId: people[2]!.id });
    await ask(ola, "rtc:join", { channelId: dmId, media });
    await ask(quinn, "rtc:join", { channelId: dmId, media });
    const over = nextEvent(ola, "rtc:ended");
    await blockUser(people[2]!.id, { userId: people[0]!.id });
    expect(await over).toEqual({ channelId: dmId, reason: "removed" });
    expect(await videoOccupants([dmId])).toEqual({});
  });

  it("a tab closed while its join is being stored leaves no one behind", async () => {
    const ola = await connect(people[0]!.id);
    ola.emit("rtc:join", { channelId: roomId, media }, () => undefined);
    ola.close();
    await vi.waitFor(async () => expect(await videoOccupants([roomId])).toEqual({}), { timeout: 3000 });
    // …and stays that way once everything queued has run.
    await new Promise((r) => setTimeout(r, 200));
    expect(await videoOccupants([roomId])).toEqual({});
  });
});
