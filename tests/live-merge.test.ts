import { describe, expect, it } from "vitest";
import {
  membersOf,
  mergeReadStates,
  occupantsOf,
  unreadCounts,
  withActivity,
  withJoin,
  withMembersPage,
  withOccupancy,
  withOccupantsPage,
  withOwnRead,
  type LiveMembers,
  type LiveOccupants,
} from "@/lib/live-merge";

const me = "me";
const bob = { id: "bob", name: "김민준", image: null, role: "member" as const };
const carol = { id: "carol", name: "이서연", image: null, role: "member" as const };

describe("unread counts: a page read again never undoes a live count", () => {
  it("a page read before a message lands after it: the message still counts", () => {
    const page = { general: { lastSeq: 4, lastReadSeq: 4 }, three: { lastSeq: 2, lastReadSeq: 2 } };
    let live = mergeReadStates({}, page);
    live = withActivity(live, { channelId: "three", lastSeq: 3, authorId: "bob" }, me);
    expect(unreadCounts(live).three).toBe(1);
    // The refresh the user started before Bob wrote comes back now, with three at seq 2.
    live = mergeReadStates(live, page);
    expect(unreadCounts(live)).toEqual({ general: 0, three: 1 });
  });

  it("a newer page wins where it is further: messages missed live and reads from elsewhere", () => {
    let live = mergeReadStates({}, { a: { lastSeq: 1, lastReadSeq: 1 } });
    live = mergeReadStates(live, { a: { lastSeq: 6, lastReadSeq: 4 }, b: { lastSeq: 2, lastReadSeq: 0 } });
    expect(unreadCounts(live)).toEqual({ a: 2, b: 2 });
  });

  it("a channel the page no longer has is dropped", () => {
    const live = mergeReadStates({ a: { lastSeq: 3, lastReadSeq: 0 } }, {});
    expect(unreadCounts(live)).toEqual({});
  });

  it("the user's own messages and reads never count as unread, in whatever order they come", () => {
    let live = mergeReadStates({}, { a: { lastSeq: 2, lastReadSeq: 2 } });
    live = withActivity(live, { channelId: "a", lastSeq: 3, authorId: me }, me);
    expect(unreadCounts(live).a).toBe(0);
    live = withActivity(live, { channelId: "a", lastSeq: 4, authorId: "bob" }, me);
    live = withActivity(live, { channelId: "a", lastSeq: 5, authorId: "bob" }, me);
    expect(unreadCounts(live).a).toBe(2);
    live = withOwnRead(live, "a", 5);
    live = withOwnRead(live, "a", 4); // an older cursor told late
    expect(unreadCounts(live).a).toBe(0);
    // A repeated or late activity for a seq already seen changes nothing.
    live = withActivity(live, { channelId: "a", lastSeq: 4, authorId: "bob" }, me);
    expect(unreadCounts(live).a).toBe(0);
  });
});

describe("members: a live join is not lost to a page read before it", () => {
  const start: LiveMembers = { page: { members: [bob], readAt: 1000 }, joins: [] };

  it("keeps a join told after the page was read, through a late page", () => {
    let s = withJoin(start, carol, 1500);
    s = withMembersPage(s, { members: [bob], readAt: 1200 }); // read before Carol joined
    expect(membersOf(s).map((m) => m.id)).toEqual(["bob", "carol"]);
    s = withMembersPage(s, { members: [bob, carol], readAt: 1600 });
    expect(membersOf(s).map((m) => m.id)).toEqual(["bob", "carol"]);
    expect(s.joins).toEqual([]);
  });

  it("a page read after the join decides: a member kicked since then goes", () => {
    let s = withJoin(start, carol, 1500);
    s = withMembersPage(s, { members: [bob], readAt: 1700 });
    expect(membersOf(s).map((m) => m.id)).toEqual(["bob"]);
  });

  it("an older page landing after a newer one is ignored", () => {
    let s = withMembersPage(start, { members: [bob, carol], readAt: 2000 });
    s = withMembersPage(s, { members: [bob], readAt: 1500 });
    expect(membersOf(s).map((m) => m.id)).toEqual(["bob", "carol"]);
  });
});

describe("video rooms: a live occupancy wins over a page read before it", () => {
  const start: LiveOccupants = { page: { occupants: { v: [] }, readAt: 1000 }, updates: {} };

  it("someone who entered after the page was read stays in the list when that page lands", () => {
    let s = withOccupancy(start, "v", [bob], 1500);
    s = withOccupantsPage(s, { occupants: { v: [] }, readAt: 1200 });
    expect(occupantsOf(s).v).toEqual([bob]);
    s = withOccupantsPage(s, { occupants: { v: [] }, readAt: 1800 }); // left since: the newer page says
    expect(occupantsOf(s).v).toEqual([]);
  });

  it("an update older than the one held is ignored", () => {
    let s = withOccupancy(start, "v", [bob, carol], 1600);
    s = withOccupancy(s, "v", [bob], 1500);
    expect(occupantsOf(s).v).toEqual([bob, carol]);
  });
});
