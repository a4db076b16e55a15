import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/server/database";
import { blockUser, friendStateOf, removeFriend, sendFriendRequest, acceptFriendRequest, undoPeopleChange } from "@/server/services/friends";
import { hasBlocked } from "@/server/services/access";
import { signUp } from "@/server/services/users";
import { signUndo, UNDO_WINDOW_MS } from "@/server/undo-token";
import { dialects, freshDatabase } from "./helpers/database";

// Undo of an unfriend or a block puts things back on the server, once, in time, only for the
// user who made the change, and never over the other person's later "no".
let n = 0;
const person = (name: string) => signUp({ email: `undo${++n}@example.test`, password: "undo-pass-12", name });

async function befriend(a: string, b: string) {
  await sendFriendRequest(a, { userId: b });
  await acceptFriendRequest(b, { userId: a });
}

async function since(a: string, b: string) {
  const { db, t } = await getDatabase();
  const rows = await db.select({ createdAt: t.friendships.createdAt, userA: t.friendships.userA, userB: t.friendships.userB }).from(t.friendships);
  return rows.find((r) => [r.userA, r.userB].sort().join() === [a, b].sort().join())?.createdAt.getTime() ?? null;
}

describe.each(dialects)("undo on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase(dialect)));
  afterAll(async () => drop?.());

  it("an unfriend's undo brings the friendship back as it was, for both, and works once", async () => {
    const [a, b] = [await person("A"), await person("B")];
    await befriend(a.id, b.id);
    const before = await since(a.id, b.id);
    const { undo } = await removeFriend(a.id, { userId: b.id });
    expect(await friendStateOf(b.id, a.id)).toBe("none");
    expect(await undoPeopleChange(a.id, { token: undo })).toEqual({ state: "friends" });
    expect(await friendStateOf(b.id, a.id)).toBe("friends");
    expect(await since(a.id, b.id)).toBe(before);
    // Kept and replayed after the other side ended it too: refused, their "no" stands.
    await removeFriend(b.id, { userId: a.id });
    await expect(undoPeopleChange(a.id, { token: undo })).rejects.toMatchObject({ code: "undo_expired" });
    expect(await friendStateOf(a.id, b.id)).toBe("none");
  });

  it("a block's undo unblocks and restores the friendship the block ended", async () => {
    const [a, b] = [await person("A"), await person("B")];
    await befriend(a.id, b.id);
    const { undo } = await blockUser(a.id, { userId: b.id });
    expect(await hasBlocked(a.id, b.id)).toBe(true);
    expect(await undoPeopleChange(a.id, { token: undo })).toEqual({ state: "friends" });
    expect(await hasBlocked(a.id, b.id)).toBe(false);
    // Without a friendship before, undo only unblocks.
    const c = await person("C");
    const blocked = await blockUser(a.id, { userId: c.id });
    expect(await undoPeopleChange(a.id, { token: blocked.undo })).toEqual({ state: "none" });
    expect(await hasBlocked(a.id, c.id)).toBe(false);
  });

  it("does not restore a friendship over a block the other person made meanwhile", async () => {
    const [a, b] = [await person("A"), await person("B")];
    await befriend(a.id, b.id);
    const { undo } = await removeFriend(a.id, { userId: b.id });
    await blockUser(b.id, { userId: a.id });
    await expect(undoPeopleChange(a.id, { token: undo })).rejects.toMatchObject({ code: "blocked" });
    expect(await friendStateOf(a.id, b.id)).toBe("none");
  });

  it("refuses a token that is late, forged, or someone else's", async () => {
    const [a, b, c] = [await person("A"), await person("B"), await person("C")];
    await befriend(a.id, b.id);
    const { undo } = await removeFriend(a.id, { userId: b.id });
    await expect(undoPeopleChange(c.id, { token: undo })).rejects.toMatchObject({ code: "validation" });
    await expect(undoPeopleChange(b.id, { token: undo })).rejects.toMatchObject({ code: "validation" });
    const [body] = undo.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), userId: c.id })).toString("base64url");
    await expect(undoPeopleChange(c.id, { token: `${forged}.${undo.split(".")[1]}` })).rejects.toMatchObject({ code: "validation" });
    await expect(undoPeopleChange(a.id, { token: "junk" })).rejects.toMatchObject({ code: "validation" });
    const late = signUndo(
      { kind: "unfriend", userId: a.id, otherId: b.id, friendship: { status: "accepted", requesterId: a.id, since: Date.now() } },
      Date.now() - UNDO_WINDOW_MS - 1,
    );
    await expect(undoPeopleChange(a.id, { token: late })).rejects.toMatchObject({ code: "undo_expired" });
    expect(await friendStateOf(a.id, b.id)).toBe("none");
    expect(await undoPeopleChange(a.id, { token: undo })).toEqual({ state: "friends" }); // the real one still works
  });
});
