import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReadCursor } from "@/lib/realtime/contract";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { sendMessage } from "@/server/services/messages";
import { openChannel } from "@/server/services/opening";
import { markRead, readCursorOf, unreadBySpace, unreadCounts } from "@/server/services/reads";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let n = 0;
const cid = () => `own-cursor-${Date.now()}-${n++}`;

describe.each(dialects)("writing is reading, on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  const sockets: TestSocket[] = [];
  let alice: { id: string; name: string; image: null };
  let bob: { id: string; name: string; image: null };
  let spaceId: string;
  let channelId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    setSendLimiter(memoryRateLimiter(10_000, 10_000)); // these tests send fast; the limit has its own test
    const a = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    const b = await signUp({ email: "bob@example.test", password: "bob-pass-12", name: "Bob" });
    alice = { id: a.id, name: "Alice", image: null };
    bob = { id: b.id, name: "Bob", image: null };
    const { space } = await createSpace(a.id, { name: "Club" });
    spaceId = space.id;
    channelId = space.defaultChannelId!;
    await acceptInvite(b.id, (await createInvite(a.id, space.id)).code);
  });
  afterAll(async () => {
    setSendLimiter(undefined);
    for (const s of sockets) s.close();
    await server?.close();
    await drop?.();
  });

  it("a send moves the author's own cursor past it, so nothing they wrote counts as unread for them", async () => {
    await sendMessage(bob, { channelId, clientId: cid(), body: "bob first" });
    const mine = await sendMessage(alice, { channelId, clientId: cid(), body: "alice answers" });
    expect(await readCursorOf(alice.id, channelId)).toBe(mine.seq);
    expect((await unreadCounts(alice.id, spaceId))[channelId]).toBe(0);
    expect((await unreadBySpace(alice.id))[spaceId]).toBe(0);
    // Bob's cursor did not move with Alice's send: her answer is unread for him.
    expect((await unreadCounts(bob.id, spaceId))[channelId]).toBe(1);
    // A page opened afterwards starts Alice's divider after her own message, not before it.
    expect((await openChannel(alice.id, channelId)).myLastReadSeq).toBe(mine.seq);
  });

  it("concurrent sends (one group commit on SQLite) each move their own author's cursor, and a doubled one moves it once", async () => {
    const twice = cid();
    const sent = await Promise.all([
      sendMessage(alice, { channelId, clientId: cid(), body: "a1" }),
      sendMessage(bob, { channelId, clientId: cid(), body: "b1" }),
      sendMessage(alice, { channelId, clientId: twice, body: "a2" }),
      sendMessage(alice, { channelId, clientId: twice, body: "a2" }),
      sendMessage(bob, { channelId, clientId: cid(), body: "b2" }),
    ]);
    expect(new Set(sent.map((m) => m.seq)).size).toBe(4); // the doubled send is one message
    const last = (who: string) => Math.max(...sent.filter((m) => m.author.id === who).map((m) => m.seq));
    // Each cursor is at least past the author's own last message; the other's later messages stay unread.
    expect(await readCursorOf(alice.id, channelId)).toBe(last(alice.id));
    expect(await readCursorOf(bob.id, channelId)).toBe(last(bob.id));
    const laterByBob = sent.filter((m) => m.author.id === bob.id && m.seq > last(alice.id)).length;
    expect((await unreadCounts(alice.id, spaceId))[channelId]).toBe(laterByBob);
  });

  it("the author's other tabs and devices hear the cursor move, even those not in the channel", async () => {
    const cookie = await sessionCookie(alice.id, "Alice");
    const [sender, otherTab] = await Promise.all([connectAs(server, cookie), connectAs(server, cookie)]);
    sockets.push(sender, otherTab);
    const heard: Array<{ channelId: string } & ReadCursor> = [];
    otherTab.on("read:update", (e) => heard.push(e));
    const sent = await ask(sender, "message:send", { channelId, clientId: cid(), body: "from my phone" });
    if (!sent.ok) throw new Error("send failed");
    await until(() => heard.length > 0, "the read update");
    expect(heard).toEqual([{ channelId, userId: alice.id, lastReadSeq: sent.message.seq }]);
  });

  it("a read mark tells the reader's other tabs too, not only the channel", async () => {
    const cookie = await sessionCookie(bob.id, "Bob");
    const [reader, elsewhere] = await Promise.all([connectAs(server, cookie), connectAs(server, cookie)]);
    sockets.push(reader, elsewhere);
    const heard: number[] = [];
    elsewhere.on("read:update", (e) => e.userId === bob.id && heard.push(e.lastReadSeq));
    const last = await sendMessage(alice, { channelId, clientId: cid(), body: "read this" });
    expect(await ask(reader, "read:mark", { channelId, seq: last.seq })).toEqual({ ok: true, lastReadSeq: last.seq });
    await until(() => heard.length > 0, "the read update");
    expect(heard).toEqual([last.seq]);
  });

  it("opens at the first unread when more is unread than the newest page holds", async () => {
    const { space } = await createSpace(alice.id, { name: "Busy" });
    const busy = space.defaultChannelId!;
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    const read = await sendMessage(bob, { channelId: busy, clientId: cid(), body: "read up to here" });
    for (let i = 0; i < 80; i++) await sendMessage(bob, { channelId: busy, clientId: cid(), body: `unread ${i}` });
    // Alice read up to Bob's first message: opening starts a few messages above it, and the window does not reach the newest.
    await markRead(alice.id, busy, read.seq);
    const opening = await openChannel(alice.id, busy);
    expect(opening.myLastReadSeq).toBe(read.seq);
    expect(opening.messages[0]!.seq).toBeLessThanOrEqual(read.seq + 1);
    expect(opening.messages.some((m) => m.seq === read.seq + 1)).toBe(true);
    expect(opening.hasNewer).toBe(true);
    // With nothing unread, the newest page.
    const bobs = await openChannel(bob.id, busy);
    expect(bobs.hasNewer).toBe(false);
    expect(bobs.messages.at(-1)!.seq).toBe(bobs.lastSeq);
    // A stranger gets nothing.
    const eve = await signUp({ email: "eve@example.test", password: "eve-pass-123", name: "Eve" });
    await expect(openChannel(eve.id, busy)).rejects.toMatchObject({ code: "forbidden" });
  });
});
