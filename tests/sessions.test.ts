import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deviceLabel, endOtherSessions, endSession, liveSession, startSession } from "@/server/services/sessions";
import { signUp } from "@/server/services/users";
import { dialects, freshDatabase } from "./helpers/database";
import { ask, connectAs, cookieFor, signInSession, startRealtime, type TestSocket } from "./helpers/realtime";

/** Resolves with the reason once the socket is disconnected, or fails after `ms`. */
function disconnected(socket: TestSocket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the socket was not disconnected")), ms);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe.each(dialects)("sessions on %s", (dialect) => {
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startRealtime>>;
  let n = 0;
  const person = (name: string) => signUp({ email: `sess${++n}@example.test`, password: "session-pass-1", name });
  const open: TestSocket[] = [];
  const connect = async (cookie: string) => {
    const socket = await connectAs(server, cookie);
    open.push(socket);
    return socket;
  };

  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    server = await startRealtime();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await drop?.();
  });

  it("starts a session at sign-in, lets it in while it lives, and not once it has ended", async () => {
    const alice = await person("Alice");
    const sid = await startSession(alice.id, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36");
    expect(await liveSession(sid, alice.id)).toEqual({ user: alice, sessionId: sid });
    // The cookie's user and its session must belong together.
    const bob = await person("Bob");
    expect(await liveSession(sid, bob.id)).toBeNull();
    expect(await liveSession("no-such-session", alice.id)).toBeNull();

    await endSession(sid);
    expect(await liveSession(sid, alice.id)).toBeNull();
    await endSession(sid); // twice is harmless
  });

  it("signs out everywhere else: every other session of the user ends, the asking one and other users' stay", async () => {
    const carol = await person("Carol");
    const dave = await person("Dave");
    const [here, phone, laptop, daves] = await Promise.all([
      startSession(carol.id, null),
      startSession(carol.id, null),
      startSession(carol.id, null),
      startSession(dave.id, null),
    ]);
    await endSession(laptop);
    expect(await endOtherSessions(carol.id, here)).toEqual({ ended: 1 }); // the phone; the laptop had ended
    expect(await liveSession(here, carol.id)).not.toBeNull();
    expect(await liveSession(phone, carol.id)).toBeNull();
    expect(await liveSession(daves, dave.id)).not.toBeNull();
    expect(await endOtherSessions(carol.id, here)).toEqual({ ended: 0 });
  });

  it("disconnects a signed-out session's socket within 5 s, and its cookie opens no new socket", async () => {
    const erin = await person("Erin");
    const { cookie, sessionId } = await signInSession(erin.id, erin.name);
    const socket = await connect(cookie);
    expect((await ask(socket, "presence:watch", { userIds: [] })).ok).toBe(true);

    const gone = disconnected(socket);
    await endSession(sessionId);
    expect(await gone).toBe("io server disconnect");
    await expect(connectAs(server, cookie)).rejects.toThrow("unauthorized");
  });

  it("sign out everywhere else disconnects the other sessions' sockets and keeps the asking one's", async () => {
    const frank = await person("Frank");
    const here = await signInSession(frank.id, frank.name);
    const there = await signInSession(frank.id, frank.name);
    const mine = await connect(here.cookie);
    const theirs = await connect(there.cookie);
    const kept = vi.fn();
    mine.on("disconnect", kept);

    const gone = disconnected(theirs);
    expect(await endOtherSessions(frank.id, here.sessionId)).toEqual({ ended: 1 });
    expect(await gone).toBe("io server disconnect");
    await expect(connectAs(server, there.cookie)).rejects.toThrow("unauthorized");
    expect((await ask(mine, "presence:watch", { userIds: [] })).ok).toBe(true); // a round trip after the revocation
    expect(kept).not.toHaveBeenCalled();
  });

  it("signs out a cookie from before sessions were rows (no sid) and one whose sid is someone else's", async () => {
    const grace = await person("Grace");
    const heidi = await person("Heidi");
    await expect(connectAs(server, await cookieFor({ sub: grace.id, name: grace.name }))).rejects.toThrow("unauthorized");
    const heidis = await signInSession(heidi.id, heidi.name);
    await expect(connectAs(server, await cookieFor({ sub: grace.id, name: grace.name, sid: heidis.sessionId }))).rejects.toThrow(
      "unauthorized",
    );
  });
});

describe("device labels", () => {
  it("name the browser and the system in a few words, from a bounded User-Agent", () => {
    expect(deviceLabel("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36")).toBe(
      "Chrome on Windows",
    );
    expect(
      deviceLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari on iOS");
    expect(deviceLabel("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe("Firefox on Linux");
    expect(deviceLabel(null)).toBe("Unknown device");
    expect(deviceLabel("x".repeat(1_000_000)).length).toBeLessThanOrEqual(64);
  });
});
