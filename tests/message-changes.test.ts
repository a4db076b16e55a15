import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import type { ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { plainText } from "@/lib/markdown";
import { mentionToken, mentionedIds, parseBody } from "@/lib/mentions";
import { catchUp, deleteMessage, editMessage, listMessages, sendMessage, toggleReaction } from "@/server/services/messages";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

let n = 0;
const cid = () => `change-${Date.now()}-${n++}`;

describe.each(dialects)("editing, deleting, replying and reacting on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let alice: UserSummary, bob: UserSummary, eve: UserSummary;
  let channelId: string, otherChannelId: string;
  let bobSocket: TestSocket;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    alice = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    bob = await signUp({ email: "bob@example.test", password: "bob-pass-12", name: "Bob" });
    eve = await signUp({ email: "eve@example.test", password: "eve-pass-123", name: "Eve" });
    const { space } = await createSpace(alice.id, { name: "Changes" });
    channelId = space.defaultChannelId!;
    await acceptInvite(bob.id, (await createInvite(alice.id, space.id)).code);
    otherChannelId = (await createSpace(alice.id, { name: "Other" })).space.defaultChannelId!;
    bobSocket = await connectAs(server, await sessionCookie(bob.id));
    await ask(bobSocket, "channel:join", { channelId });
  });
  afterAll(async () => {
    bobSocket?.close();
    await server?.close();
    await drop?.();
  });

  function updatesAtBob() {
    const got: ChatMessage[] = [];
    bobSocket.on("message:updated", (m) => got.push(m));
    return got;
  }
  const roundTrip = () => ask(bobSocket, "message:list", { channelId, beforeSeq: 1 });

  it("an author edits their message; everyone sees the new text marked edited; others cannot edit it", async () => {
    const seen = updatesAtBob();
    const m = await sendMessage(alice, { channelId, clientId: cid(), body: "teh typo" });
    const edited = await editMessage(alice, { channelId, messageId: m.id, body: "  the typo  " });
    expect(edited).toMatchObject({ id: m.id, seq: m.seq, body: "the typo", editedAt: expect.any(String) });
    await roundTrip();
    expect(seen.at(-1)).toEqual(edited);
    await expect(editMessage(bob, { channelId, messageId: m.id, body: "mine now" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(editMessage(alice, { channelId, messageId: m.id, body: "" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(editMessage(alice, { channelId: otherChannelId, messageId: m.id, body: "wrong channel" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listMessages(bob.id, channelId)).messages.find((x) => x.id === m.id)?.body).toBe("the typo");
  });

  it("an author deletes their message: others get a placeholder, its reactions go, and it cannot be edited or reacted to", async () => {
    const seen = updatesAtBob();
    const m = await sendMessage(alice, { channelId, clientId: cid(), body: "regret" });
    await toggleReaction(bob, { channelId, messageId: m.id, emoji: "😮" });
    await expect(deleteMessage(bob, { channelId, messageId: m.id })).rejects.toMatchObject({ code: "forbidden" });
    const deleted = await deleteMessage(alice, { channelId, messageId: m.id });
    expect(deleted).toMatchObject({ body: "", deletedAt: expect.any(String), reactions: [] });
    await roundTrip();
    expect(seen.at(-1)).toEqual(deleted);
    await expect(editMessage(alice, { channelId, messageId: m.id, body: "undo" })).rejects.toMatchObject({ code: "not_found" });
    await expect(toggleReaction(bob, { channelId, messageId: m.id, emoji: "👍" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a reply quotes its original, in the same channel only, and shows when the original is deleted", async () => {
    const original = await sendMessage(alice, { channelId, clientId: cid(), body: "What time tonight?" });
    const reply = await sendMessage(bob, { channelId, clientId: cid(), body: "8 pm", replyToId: original.id });
    expect(reply.replyTo).toEqual({
      id: original.id,
      seq: original.seq,
      authorId: alice.id,
      authorName: "Alice",
      excerpt: "What time tonight?",
      deleted: false,
    });
    await expect(
      sendMessage(alice, { channelId: otherChannelId, clientId: cid(), body: "x", replyToId: original.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await deleteMessage(alice, { channelId, messageId: original.id });
    const listed = (await listMessages(bob.id, channelId)).messages.find((m) => m.id === reply.id);
    expect(listed?.replyTo).toEqual({
      id: original.id,
      seq: original.seq,
      authorId: alice.id,
      authorName: "Alice",
      excerpt: "",
      deleted: true,
    });
  });

  it("reactions toggle per user and emoji, with counts everyone sees, and only emoji are accepted", async () => {
    const seen = updatesAtBob();
    const m = await sendMessage(alice, { channelId, clientId: cid(), body: "vote" });
    await toggleReaction(alice, { channelId, messageId: m.id, emoji: "👍" });
    await toggleReaction(bob, { channelId, messageId: m.id, emoji: "👍" });
    const both = await toggleReaction(bob, { channelId, messageId: m.id, emoji: "🎉" });
    expect(both.reactions).toEqual([
      { emoji: "👍", userIds: [alice.id, bob.id] },
      { emoji: "🎉", userIds: [bob.id] },
    ]);
    const undone = await toggleReaction(bob, { channelId, messageId: m.id, emoji: "👍" });
    expect(undone.reactions).toEqual([
      { emoji: "👍", userIds: [alice.id] },
      { emoji: "🎉", userIds: [bob.id] },
    ]);
    await roundTrip();
    expect(seen.at(-1)).toEqual(undone);
    for (const bad of ["a", "👍 hi", "<script>", "", "👍".repeat(20)]) {
      await expect(toggleReaction(bob, { channelId, messageId: m.id, emoji: bad })).rejects.toMatchObject({ name: "ZodError" });
    }
    expect((await toggleReaction(bob, { channelId, messageId: m.id, emoji: "👩‍💻" })).reactions.at(-1)).toEqual({
      emoji: "👩‍💻",
      userIds: [bob.id],
    });
    await expect(toggleReaction(eve, { channelId, messageId: m.id, emoji: "👍" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("takes at most LIMITS.reactionsPerMessageMax different emoji on one message", async () => {
    const m = await sendMessage(alice, { channelId, clientId: cid(), body: "react to me" });
    const emoji = [
      "😀",
      "😃",
      "😄",
      "😁",
      "😆",
      "😅",
      "🤣",
      "😂",
      "🙂",
      "🙃",
      "😉",
      "😊",
      "😇",
      "🥰",
      "😍",
      "🤩",
      "😘",
      "😗",
      "😚",
      "😙",
      "😋",
    ];
    for (const e of emoji.slice(0, LIMITS.reactionsPerMessageMax)) await toggleReaction(bob, { channelId, messageId: m.id, emoji: e });
    await expect(toggleReaction(alice, { channelId, messageId: m.id, emoji: emoji[LIMITS.reactionsPerMessageMax]! })).rejects.toMatchObject(
      { code: "validation" },
    );
    // an emoji already there can still be added by someone else
    expect((await toggleReaction(alice, { channelId, messageId: m.id, emoji: "😀" })).reactions[0]).toEqual({
      emoji: "😀",
      userIds: [bob.id, alice.id],
    });
  });

  it("a reconnecting client learns of edits, deletions and reactions to messages it already holds", async () => {
    const a = await sendMessage(alice, { channelId, clientId: cid(), body: "first" });
    const b = await sendMessage(alice, { channelId, clientId: cid(), body: "second" });
    const held = await catchUp(bob.id, channelId, b.seq - 2);
    await new Promise((r) => setTimeout(r, 5)); // changes land strictly after the sync time
    await editMessage(alice, { channelId, messageId: a.id, body: "first, edited" });
    await toggleReaction(bob, { channelId, messageId: b.id, emoji: "❤️" });
    const again = await catchUp(bob.id, channelId, b.seq, held.syncedAt);
    expect(again.messages).toEqual([]);
    // the changed versions are among the updates (unchanged neighbours may repeat within the clock-skew margin)
    expect(again.updates.find((m) => m.id === a.id)).toMatchObject({ body: "first, edited", editedAt: expect.any(String) });
    expect(again.updates.find((m) => m.id === b.id)?.reactions).toEqual([{ emoji: "❤️", userIds: [bob.id] }]);
    // Within the clock-skew margin a change may come again; applying it twice changes nothing.
    const repeat = await catchUp(bob.id, channelId, b.seq, again.syncedAt);
    const current = new Map((await listMessages(bob.id, channelId, { afterSeq: 0 }, 10_000)).messages.map((m) => [m.id, m]));
    for (const m of repeat.updates) expect(m).toEqual(current.get(m.id));
  });

  it("mentions are user-id tokens that render as names", () => {
    const body = `hi ${mentionToken(bob.id)} and ${mentionToken(alice.id)}!`;
    expect(mentionedIds(body)).toEqual([bob.id, alice.id]);
    expect(parseBody(body)).toEqual([{ text: "hi " }, { mention: bob.id }, { text: " and " }, { mention: alice.id }, { text: "!" }]);
    expect(plainText(body, (id) => (id === bob.id ? "Bob" : undefined))).toBe("hi @Bob and @?!");
    expect(mentionedIds("<@not-a-uuid> plain")).toEqual([]);
  });
});
