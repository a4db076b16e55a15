import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateOAuthUser, getUser, signInWithPassword, signUp } from "@/server/services/users";
import { buildAuthLimits, setAuthLimits } from "@/server/auth-limits";
import { dialects, freshDatabase } from "./helpers/database";

describe.each(dialects)("users on %s", (dialect) => {
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ drop } = await freshDatabase(dialect));
    // Limits of this suite's own, not the configured ones (which may count in a shared Redis
    // across runs); tests/auth-limits.test.ts tests the limits themselves.
    setAuthLimits(buildAuthLimits({ signInAttemptsPerAccount: 1000, signInAttemptsPerIp: 1000, signUpsPerIpPerHour: 1000 }));
  });
  afterAll(async () => {
    setAuthLimits(undefined);
    await drop?.();
  });

  it("signs up with email and password, then signs in with any letter case of the email", async () => {
    const user = await signUp({ email: "Min.Ji@Example.test", password: "correct-horse-1", name: "  민지 " });
    expect(user.name).toBe("민지");
    expect(await signInWithPassword("min.ji@example.TEST", "correct-horse-1", { ip: "192.0.2.1" })).toEqual(user);
  });

  it("refuses a taken email, a weak password and a bad email with typed errors", async () => {
    await signUp({ email: "taken@example.test", password: "strong-pass-1", name: "A" });
    await expect(signUp({ email: "TAKEN@example.test", password: "strong-pass-2", name: "B" })).rejects.toMatchObject({
      code: "email_taken",
    });
    await expect(signUp({ email: "weak@example.test", password: "short1", name: "C" })).rejects.toMatchObject({ code: "weak_password" });
    await expect(signUp({ email: "weak2@example.test", password: "aaaaaaaaaaaa", name: "C" })).rejects.toMatchObject({
      code: "weak_password",
    });
    await expect(signUp({ email: "not-an-email", password: "strong-pass-1", name: "D" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(signUp({ email: "noname@example.test", password: "strong-pass-1", name: "   " })).rejects.toMatchObject({
      name: "ZodError",
    });
  });

  it("gives the same error for a wrong password and an unknown email", async () => {
    await signUp({ email: "pw@example.test", password: "right-pass-1", name: "P" });
    await expect(signInWithPassword("pw@example.test", "wrong-pass-1", { ip: "192.0.2.1" })).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(signInWithPassword("nobody@example.test", "right-pass-1", { ip: "192.0.2.1" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("spends as long on an unknown email as on a known one: the hash runs either way", async () => {
    await signUp({ email: "timed@example.test", password: "right-pass-1", name: "T" });
    const timeOf = async (email: string, i: number) => {
      const started = performance.now();
      await expect(signInWithPassword(email, "wrong-pass-1", { ip: `192.0.2.${100 + i}` })).rejects.toMatchObject({ code: "invalid_credentials" });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Interleaved, so a busy moment of the machine weighs on both alike.
      known.push(await timeOf("timed@example.test", i));
      unknown.push(await timeOf(`nobody-${i}@example.test`, i));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // A scrypt check takes tens of ms, a lookup that finds nothing about one: without the
    // dummy hash the unknown email answers in a small fraction of the known one's time.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it("stores a hash, never the password", async () => {
    const { database } = { database: await (await import("@/server/database")).getDatabase() };
    const user = await signUp({ email: "hash@example.test", password: "secret-pass-1", name: "H" });
    const { eq } = await import("drizzle-orm");
    const [row] = await database.db.select().from(database.t.users).where(eq(database.t.users.id, user.id));
    expect(row?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row?.passwordHash).not.toContain("secret-pass-1");
  });

  it("makes a Kakao user from the profile once and finds the same user after, even when signing in twice at once", async () => {
    const profile = { provider: "kakao", providerAccountId: "4012345678", name: "카카오민지", image: "http://img.test/a.png" };
    const [first, second] = await Promise.all([findOrCreateOAuthUser(profile), findOrCreateOAuthUser(profile)]);
    expect(second.id).toBe(first.id);
    expect(await findOrCreateOAuthUser({ ...profile, name: "changed" })).toEqual(first);
    expect(await getUser(first.id)).toEqual({ id: first.id, name: "카카오민지", image: "http://img.test/a.png" });
    const other = await findOrCreateOAuthUser({ ...profile, providerAccountId: "999" });
    expect(other.id).not.toBe(first.id);
  });
});
