import { describe, expect, it } from "vitest";
import { createPublishOrder } from "@/server/messages/publish-order";

describe("per-node publish order", () => {
  it("holds a broadcast until every lower seq reserved on this node is published or cancelled", () => {
    const order = createPublishOrder();
    const out: number[] = [];
    const r4 = order.reserve("c", 4);
    const r5 = order.reserve("c", 5);
    const r6 = order.reserve("c", 6);
    order.publish(r6, () => out.push(6));
    order.publish(r5, () => out.push(5));
    expect(out).toEqual([]);
    order.publish(r4, () => out.push(4));
    expect(out).toEqual([4, 5, 6]);
  });

  it("a seq given back by a rollback and taken again is two reservations: cancelling one keeps the other", () => {
    const order = createPublishOrder();
    const out: string[] = [];
    const failed = order.reserve("c", 7);
    const retaken = order.reserve("c", 7); // the rollback freed 7 and another send took it
    const next = order.reserve("c", 8);
    order.publish(next, () => out.push("8"));
    order.cancel(failed);
    expect(out).toEqual([]); // still waiting for the live 7
    order.publish(retaken, () => out.push("7"));
    expect(out).toEqual(["7", "8"]);
  });

  it("publishes at once what it never reserved, and keeps channels apart", () => {
    const order = createPublishOrder();
    const out: string[] = [];
    const a = order.reserve("a", 1);
    order.publish(order.reserve("b", 9), () => out.push("b9"));
    expect(out).toEqual(["b9"]);
    order.publish(a, () => out.push("a1"));
    expect(out).toEqual(["b9", "a1"]);
  });
});
