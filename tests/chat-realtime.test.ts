import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpace } from "@/server/services/spaces";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, sessionCookie, startRealtime, type TestSocket } from "./helpers/realtime";

describe.each(dialects)("realtime chat on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let alice: TestSocket;
  let channelId: string;

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
    const a = await signUp({ email: "alice@example.test", password: "alice-pass-1", name: "Alice" });
    const { space } = await createSpace(a.id, { name: "Club" });
    channelId = space.defaultChannelId!;
    alice = await connectAs(server, await sessionCookie(a.id));
  });
  afterAll(async () => {
    alice?.close();
    await server?.close();
    await drop?.();
  });

  it("a member joins a channel and gets its history", async () => {
    const ack = await ask(alice, "channel:join", { channelId });
    expect(ack).toMatchObject({ ok: true, channel: { id: channelId, name: "general" }, messages: [] });
  });
});
