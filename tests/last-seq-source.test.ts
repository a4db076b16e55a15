import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { setMessageStore } from "@/server/messages";
import { sqlMessageStoreOf } from "@/server/messages/sql-store";
import type { MessageStore } from "@/server/messages/store";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { listConversations } from "@/server/services/chat-list";
import { openDm } from "@/server/services/dms";
import { catchUp, sendMessage } from "@/server/services/messages";
import { openChannel } from "@/server/services/opening";
import { markRead, unreadBySpace, unreadCounts } from "@/server/services/reads";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

/**
 * With a store other than the SQL one (MongoDB), channels.last_seq is not the counter: the
 * services must measure unread counts, catch-up, the opening and read cursors against the
 * store's lastSeqs. Here the store keeps its counter away from the column (it answers from
 * its own messages), and the column is put back to 0, as it stays with MongoDB.
 */
describe.each(dialects)("the last seq comes from the message store, on %s", (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;
  let spaceId: string;
  let channelId: string;
  let dmId: string;
  let lastSpaceSeq: number;
  let alice: { id: string; name: string; image: null };
  let bob: { id: string; name: string; image: null };

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    setSendLimiter(memoryRateLimiter(10_000, 10_000));
    const sql = sqlMessageStoreOf(database);
    // The SQL store's own counter and last-message join use the column; this store does not.
    const newest = async (id: string) => (await sql.page(id, {}, 1)).messages[0];
    const elsewhere: MessageStore = {
      ...sql,
      async lastSeqs(ids) {
        return new Map(await Promise.all(ids.map(async (id) => [id, (await newest(id))?.seq ?? 0] as const)));
      },
      async lastOfChannels(ids) {
        const found = await Promise.all(ids.map(async (id) => [id, await newest(id)] as const));
        return new Map(found.flatMap(([id, m]) => (m ? [[id, m] as const] : [])));
      },
    };
    const a = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    const b = await signUp({ email: "bob@example.test", password: "bob-pass-12", name: "Bob" });
    alice = { id: a.id, name: "Alice", image: null };
    bob = { id: b.id, name: "Bob", image: null };
    const { space } = await createSpace(a.id, { name: "Club" });
    spaceId = space.id;
    channelId = space.defaultChannelId!;
    await acceptInvite(b.id, (await createInvite(a.id, space.id)).code);
    ({ channelId: dmId } = await openDm(a.id, { userId: b.id }));
    setMessageStore(elsewhere);
    for (let i = 0; i < 3; i++) lastSpaceSeq = (await sendMessage(alice, { channelId, clientId: `space-${i}-xxxxxx`, body: `hello ${i}` })).seq;
    await sendMessage(alice, { channelId: dmId, clientId: "dm-0-xxxxxxxx", body: "psst" });
    // As with MongoDB: the SQL column knows nothing of the store's seqs.
    await database.db.update(database.t.channels).set({ lastSeq: 0 });
  });
  afterAll(async () => {
    setMessageStore(undefined);
    setSendLimiter(undefined);
    await drop?.();
  });

  it("counts unread messages against the store's last seq", async () => {
    const all = await unreadCounts(bob.id, spaceId);
    const expected = all[channelId]!;
    expect(expected).toBeGreaterThanOrEqual(3); // Alice's three, and Bob's own "joined" if any
    expect((await unreadBySpace(bob.id))[spaceId]).toBe(Object.values(all).reduce((x, y) => x + y, 0));
  });

  it("opens and catches up a channel up to the store's last seq", async () => {
    const opening = await openChannel(bob.id, channelId);
    expect(opening.lastSeq).toBe(lastSpaceSeq);
    expect(opening.messages.at(-1)!.body).toBe("hello 2");
    const caught = await catchUp(bob.id, channelId, opening.lastSeq - 2);
    expect(caught.reset).toBe(false);
    expect(caught.channel.lastSeq).toBe(opening.lastSeq);
    expect(caught.messages.map((m) => m.body)).toEqual(["hello 1", "hello 2"]);
  });

  it("moves a read cursor no further than the store's last seq", async () => {
    expect(lastSpaceSeq).toBeGreaterThan(0);
    expect(await markRead(bob.id, channelId, lastSpaceSeq + 50)).toBe(lastSpaceSeq);
    expect((await unreadCounts(bob.id, spaceId))[channelId]).toBe(0);
  });

  it("lists a dm someone else opened and wrote in, with its unread message", async () => {
    const dm = (await listConversations(bob.id)).find((c) => c.id === dmId);
    expect(dm).toMatchObject({ unread: 1, lastMessage: { body: "psst" } });
  });
});
