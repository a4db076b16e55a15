import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/realtime/contract";
import { applyChange, firstGap, mergeBySeq } from "@/lib/realtime/order";

const msg = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  channelId: "c",
  seq,
  clientId: `c${seq}`,
  body: `body ${seq}`,
  createdAt: "2026-11-22T00:00:00.000Z",
  editedAt: null,
  system: null,
  deletedAt: null,
  author: { id: "u", name: "U", image: null },
  replyTo: null,
  reactions: [],
  attachments: [],
  linkPreviews: [],
  ...over,
});

describe("client-side ordering", () => {
  it("merges by seq whatever the arrival order, without duplicates, and finds gaps", () => {
    const list = mergeBySeq(mergeBySeq([msg(1), msg(2)], [msg(5), msg(4)]), [msg(2), msg(3)]);
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(firstGap(list)).toBeNull();
    expect(firstGap([msg(1), msg(2), msg(5)])).toBe(3);
  });

  it("applies a change to the message and to the quotes of it, and ignores messages not held", () => {
    const original = msg(1, { body: "original" });
    const reply = msg(2, { replyTo: { id: "m1", seq: 1, authorId: "u", authorName: "U", excerpt: "original", deleted: false } });
    const deleted = { ...original, body: "", deletedAt: "2026-11-22T00:01:00.000Z" };
    const after = applyChange([original, reply], deleted);
    expect(after[0]).toEqual(deleted);
    expect(after[1]!.replyTo).toEqual({ id: "m1", seq: 1, authorId: "u", authorName: "U", excerpt: "", deleted: true });
    const unknown = applyChange([reply], msg(9, { body: "not held" }));
    expect(unknown.map((m) => m.seq)).toEqual([2]);
  });
});
