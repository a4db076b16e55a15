import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signInRetryMinutes } from "@/lib/sign-in-errors";
import { buildAuthLimits, setAuthLimits } from "@/server/auth-limits";
import { signInWithPassword, signUp } from "@/server/services/users";
import { freshDatabase } from "./helpers/database";
import { startRedis as startRedisServer, type RedisProcess } from "./helpers/redis-server";

const PASSWORD = "limits-pass-1";
let n = 0;
const account = async () => {
  const email = `limit${++n}@example.test`;
  await signUp({ email, password: PASSWORD, name: `L${n}` });
  return email;
};
// A window long enough that a slow, shared machine cannot see it pass mid-test; the one test
// that waits for the window to pass shortens it.
const small = { signInAttemptsPerAccount: 3, signInAttemptsPerIp: 5, signUpsPerIpPerHour: 2, signInWindowSeconds: 600 };

describe("sign-in and sign-up limits", () => {
  let drop: () => Promise<void>;
  beforeAll(async () => ({ drop } = await freshDatabase("sqlite")));
  afterEach(() => setAuthLimits(undefined));
  afterAll(async () => drop?.());

  it("refuses the (n+1)-th wrong password for an account, then the right one too until the window has passed", async () => {
    setAuthLimits(buildAuthLimits({ ...small, signInWindowSeconds: 4 }));
    const email = await account();
    for (let i = 0; i < 3; i++)
      await expect(signInWithPassword(email, "wrong-pass-1", { ip: `198.51.100.${i}` })).rejects.toMatchObject({ code: "invalid_credentials" });
    // Any letter case and spacing is the same account; any address too.
    await expect(signInWithPassword(` ${email.toUpperCase()} `, "wrong-pass-1", { ip: "198.51.100.9" })).rejects.toMatchObject({
      code: "sign_in_limited",
      retryAfterSeconds: expect.any(Number),
    });
    await expect(signInWithPassword(email, PASSWORD, { ip: "198.51.100.10" })).rejects.toMatchObject({ code: "sign_in_limited" });
    // Another account is not affected.
    const other = await account();
    await expect(signInWithPassword(other, PASSWORD, { ip: "198.51.100.11" })).resolves.toMatchObject({ name: `L${n}` });

    // The window (4 s here) passes: the right password works again.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const result = await signInWithPassword(email, PASSWORD, { ip: "198.51.100.12" }).catch((err: { code?: string }) => err);
      if (!("code" in result)) break;
      expect(result.code).toBe("sign_in_limited");
      if (Date.now() > deadline) throw new Error("still refused after the window");
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it("refuses the (n+1)-th failed sign-in from one address, whatever the accounts, and not from another address", async () => {
    setAuthLimits(buildAuthLimits(small));
    const emails = await Promise.all([1, 2, 3, 4, 5, 6].map(() => account()));
    for (const email of emails.slice(0, 5))
      await expect(signInWithPassword(email, "wrong-pass-1", { ip: "203.0.113.7" })).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(signInWithPassword(emails[5]!, PASSWORD, { ip: "203.0.113.7" })).rejects.toMatchObject({ code: "sign_in_limited" });
    await expect(signInWithPassword(emails[5]!, PASSWORD, { ip: "203.0.113.8" })).resolves.toBeTruthy();
  });

  it("forgives an account's failures once the right password is given", async () => {
    setAuthLimits(buildAuthLimits(small));
    const email = await account();
    for (let round = 0; round < 3; round++) {
      const ip = `192.0.2.${50 + round}`; // the address's failures still count
      for (let i = 0; i < 2; i++) await expect(signInWithPassword(email, "wrong-pass-1", { ip })).rejects.toMatchObject({ code: "invalid_credentials" });
      await expect(signInWithPassword(email, PASSWORD, { ip })).resolves.toBeTruthy();
    }
  });

  it("counts guesses sent all at once: no more than the limit are checked", async () => {
    setAuthLimits(buildAuthLimits(small));
    const email = await account();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInWithPassword(email, `guess-${i}-x`, { ip: `198.18.0.${i}` }).catch((err: { code: string }) => err.code)),
    );
    expect(results.filter((c) => c === "invalid_credentials")).toHaveLength(3);
    expect(results.filter((c) => c === "sign_in_limited")).toHaveLength(9);
  });

  it("refuses sign-ups over the hourly limit from one address, and not from another", async () => {
    setAuthLimits(buildAuthLimits(small));
    const form = (i: number) => ({ email: `signup${i}@example.test`, password: "signup-pass-1", name: `S${i}` });
    await signUp(form(1), { ip: "192.0.2.77" });
    await signUp(form(2), { ip: "192.0.2.77" });
    await expect(signUp(form(3), { ip: "192.0.2.77" })).rejects.toMatchObject({ code: "sign_up_limited" });
    await expect(signUp(form(4), { ip: "192.0.2.78" })).resolves.toMatchObject({ name: "S4" });
    // A typo (a weak password) is refused before the budget is touched.
    await expect(signUp({ ...form(5), password: "short" }, { ip: "192.0.2.79" })).rejects.toMatchObject({ code: "weak_password" });
    await signUp(form(6), { ip: "192.0.2.79" });
    await signUp(form(7), { ip: "192.0.2.79" });
  });

  it("tells the form how many minutes to wait", () => {
    expect(signInRetryMinutes("sign_in_limited:900")).toBe(15);
    expect(signInRetryMinutes("sign_in_limited:5")).toBe(1);
    expect(signInRetryMinutes("CredentialsSignin")).toBeNull();
    expect(signInRetryMinutes(undefined)).toBeNull();
  });
});

// A Redis of the test's own, stopped and started by the test.
describe("sign-in limits in Redis", () => {
  let drop: () => Promise<void>;
  let redis: RedisProcess;
  let port: number;
  const clients: Redis[] = [];
  const startRedis = () => redis.start();
  const stopRedis = () => redis.stop("SIGKILL");
  /** One node's limits: its own client on the shared Redis. */
  const nodeLimits = () => {
    const client = new Redis(port, "127.0.0.1", { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    client.on("error", () => undefined); // the outage is the point of the test
    clients.push(client);
    return { client, limits: buildAuthLimits(small, client) };
  };
  const ready = (client: Redis) =>
    new Promise<void>((resolve) => (client.status === "ready" ? resolve() : client.once("ready", () => resolve())));

  beforeAll(async () => {
    ({ drop } = await freshDatabase("sqlite"));
    redis = await startRedisServer();
    port = redis.port;
  });
  afterEach(() => setAuthLimits(undefined));
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.stop("SIGKILL");
    await drop?.();
  });

  it("counts one account's failures across nodes, and keeps signing in (counted on the node) while Redis is down", async () => {
    const a = nodeLimits();
    const b = nodeLimits();
    await Promise.all([ready(a.client), ready(b.client)]);
    const email = await account();
    setAuthLimits(a.limits);
    for (let i = 0; i < 2; i++) await expect(signInWithPassword(email, "wrong-pass-1", { ip: "192.0.2.1" })).rejects.toMatchObject({ code: "invalid_credentials" });
    setAuthLimits(b.limits);
    await expect(signInWithPassword(email, "wrong-pass-1", { ip: "192.0.2.2" })).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(signInWithPassword(email, PASSWORD, { ip: "192.0.2.2" })).rejects.toMatchObject({ code: "sign_in_limited" });

    await stopRedis();
    const other = await account();
    const started = Date.now();
    await expect(signInWithPassword(other, PASSWORD, { ip: "192.0.2.3" })).resolves.toBeTruthy();
    expect(Date.now() - started).toBeLessThan(2000); // no waiting on the dead Redis
    // The node's own count still limits guessing meanwhile.
    for (let i = 0; i < 3; i++) await expect(signInWithPassword(other, "wrong-pass-1", { ip: "192.0.2.3" })).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(signInWithPassword(other, "wrong-pass-1", { ip: "192.0.2.3" })).rejects.toMatchObject({ code: "sign_in_limited" });
  });
});
