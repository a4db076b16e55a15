import { describe, expect, it } from "vitest";
import { unreadBy } from "@/lib/read-receipts";

const author = (id: string) => ({ id, name: id, image: null });
const members = ["minji", "seoyeon", "junho"];

describe("unread by N", () => {
  it("counts the others who have not read it: never its author, never the viewer", () => {
    const reads = new Map([["seoyeon", 3]]);
    // Junho looks at Minji's message 5, below what he has read (he has not scrolled to it yet).
    expect(unreadBy({ seq: 5, author: author("minji") }, members, reads, "junho")).toBe(1); // Seoyeon only
    // The same row for Seoyeon: Junho has not read it; Seoyeon herself is not counted.
    expect(unreadBy({ seq: 5, author: author("minji") }, members, reads, "seoyeon")).toBe(1);
    // For its author: both others.
    expect(unreadBy({ seq: 5, author: author("minji") }, members, reads, "minji")).toBe(2);
  });

  it("drops to 0 once every other member's cursor is at or past it, whatever the viewer's own", () => {
    const reads = new Map([
      ["seoyeon", 5],
      ["minji", 9],
    ]);
    expect(unreadBy({ seq: 5, author: author("minji") }, members, reads, "junho")).toBe(0);
  });
});
