import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserSummary } from "@/lib/realtime/contract";
import { memoryRateLimiter, setSendLimiter } from "@/server/rate-limit";
import { createChannel } from "@/server/services/channels";
import { listMessages, sendMessage } from "@/server/services/messages";
import { markRead, unreadCounts } from "@/server/services/reads";
import { acceptInvite, createInvite, createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";

let n = 0;
const cid = () => `client-${Date.now()}-${n++}`;

// The chat beside a video channel's call is the channel's own messages, under the text channels' rules.
describe.each(dialects)("a video channel's chat on %s", (dialect) => {
  let drop: () => Promise<void>;
  let owner: UserSummary;
  let member: UserSummary;
  let outsider: UserSummary;
  let spaceId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    setSendLimiter(memoryRateLimiter(10_000, 10_000));
    owner = await signUp({ email: "owner@example.test", password: "owner-pass-1", name: "민수" });
    member = await signUp({ email: "member@example.test", password: "member-pass-1", name: "준호" });
    outsider = await signUp({ email: "outsider@example.test", password: "outsider-pass-1", name: "Outsider" });
    spaceId = (await createSpace(owner.id, { name: "스터디" })).space.id;
    await acceptInvite(member.id, (await createInvite(owner.id, spaceId)).code);
  });
  afterAll(async () => {
    setSendLimiter(undefined);
    await drop?.();
  });

  it("the space's members send and read messages in a public video channel, and it counts unread like a text channel", async () => {
    const { channel } = await createChannel(owner.id, spaceId, { name: "공부방", kind: "video" });
    await sendMessage(owner, { channelId: channel.id, clientId: cid(), body: "오늘 9시에 켜요" });
    await sendMessage(member, { channelId: channel.id, clientId: cid(), body: "네!" });
    expect((await listMessages(member.id, channel.id, {}, 50)).messages.map((m) => [m.seq, m.author.name, m.body])).toEqual([
      [1, "민수", "오늘 9시에 켜요"],
      [2, "준호", "네!"],
    ]);
    // The owner's own message moved the owner's cursor: only 준호's reply is unread for them.
    expect((await unreadCounts(owner.id, spaceId))[channel.id]).toBe(1);
    await markRead(owner.id, channel.id, 2);
    expect((await unreadCounts(owner.id, spaceId))[channel.id] ?? 0).toBe(0);
  });

  it("outside the space, or outside a private video channel, nobody reads or sends", async () => {
    const { channel: open } = await createChannel(owner.id, spaceId, { name: "라운지", kind: "video" });
    const { channel: closed } = await createChannel(owner.id, spaceId, { name: "운영진", kind: "video", isPrivate: true });
    await sendMessage(owner, { channelId: closed.id, clientId: cid(), body: "비밀" });
    for (const [who, channelId] of [
      [outsider, open.id],
      [member, closed.id],
    ] as const) {
      await expect(sendMessage(who, { channelId, clientId: cid(), body: "let me in" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(listMessages(who.id, channelId, {}, 50)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
