import "server-only";
import { and, asc, eq, ne, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { PersonSummary, UserSummary } from "@/lib/realtime/contract";
import { signUpInput, type SignUpInput } from "@/lib/schemas";
import { newId } from "../ids";
import { signInSucceeded, takeSignInAttempt, takeSignUp } from "../auth-limits";
import { dummyPasswordHash, hashPassword, isWeakPassword, verifyPassword } from "./passwords";

/**
 * Creates an email + password account. A sign-up asked for over the network passes `from`,
 * its client address, held to config.abuse.signUpsPerIpPerHour; scripts and tests have none.
 */
export async function signUp(input: SignUpInput, from?: { ip: string }): Promise<UserSummary> {
  const { email, password, name } = signUpInput.parse(input);
  if (isWeakPassword(password)) throw new AppError("weak_password", "Password is too weak");
  // After the cheap checks (a typo costs no budget), before the hash and the write.
  if (from) await takeSignUp(from.ip);
  const { db, t, dialect } = await getDatabase();
  const user = { id: newId(), email, name, image: null, passwordHash: await hashPassword(password), createdAt: new Date() };
  try {
    await db.insert(t.users).values(user);
  } catch (err) {
    if (dialect.isUniqueViolation(err)) throw new AppError("email_taken", "That email is already registered");
    throw err;
  }
  return { id: user.id, name: user.name, image: null };
}

/**
 * Checks email + password; the same error, and the same work, for an unknown email, an
 * account without a password (Kakao only) and a wrong password. Attempts are limited per
 * account and per address (server/auth-limits.ts); over the limit even the right password is
 * refused until the window has passed, or a guesser could tell when they found it.
 */
export async function signInWithPassword(emailInput: string, password: string, from: { ip: string }): Promise<UserSummary> {
  const email = emailInput.trim().toLowerCase();
  // Bounded before anything costs: no account has a longer email, no password is longer.
  if (email.length > LIMITS.emailMaxChars || password.length > LIMITS.passwordMaxChars)
    throw new AppError("invalid_credentials", "Wrong email or password");
  await takeSignInAttempt(email, from.ip);
  const { db, t } = await getDatabase();
  const [user] = await db.select().from(t.users).where(eq(t.users.email, email)).limit(1);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !matches) throw new AppError("invalid_credentials", "Wrong email or password");
  await signInSucceeded(email, from.ip);
  return { id: user.id, name: user.name, image: user.image };
}

export interface OAuthProfile {
  provider: string;
  providerAccountId: string;
  name: string;
  image: string | null;
}

/**
 * Finds the user an OAuth account belongs to, or makes a new one from its profile.
 * Accounts are never linked by email: a provider's email is not proof of owning ours.
 */
export async function findOrCreateOAuthUser(profile: OAuthProfile): Promise<UserSummary> {
  const { db, t, dialect } = await getDatabase();
  const existing = await findByAccount(profile.provider, profile.providerAccountId);
  if (existing) return existing;
  const user = { id: newId(), email: null, name: profile.name.slice(0, 32) || "Kakao", image: profile.image, createdAt: new Date() };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(t.users).values(user);
      await tx.insert(t.accounts).values({
        id: newId(),
        userId: user.id,
        provider: profile.provider,
        providerAccountId: profile.providerAccountId,
        createdAt: new Date(),
      });
    });
  } catch (err) {
    // Two first sign-ins at once: the other one made the account.
    const raced = dialect.isUniqueViolation(err) ? await findByAccount(profile.provider, profile.providerAccountId) : null;
    if (raced) return raced;
    throw err;
  }
  return { id: user.id, name: user.name, image: user.image };
}

async function findByAccount(provider: string, providerAccountId: string): Promise<UserSummary | null> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.accounts)
    .innerJoin(t.users, eq(t.users.id, t.accounts.userId))
    .where(and(eq(t.accounts.provider, provider), eq(t.accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row ?? null;
}

export async function getUser(userId: string): Promise<UserSummary | null> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image })
    .from(t.users)
    .where(eq(t.users.id, userId))
    .limit(1);
  return row ?? null;
}

/**
 * Finds people to add: by name (any part of it, any letter case), or by email, which must be
 * given whole: an email-shaped query matches only that exact address, so nobody can walk the
 * address book by prefixes. Never the searcher, never someone who blocked them; emails are
 * never shown.
 */
export async function searchUsers(viewerId: string, input: unknown): Promise<{ users: PersonSummary[] }> {
  const q = userSearchQuery.parse(input);
  if (!q) return { users: [] };
  const { db, t } = await getDatabase();
  const blockedMe = db.select({ id: t.blocks.blockerId }).from(t.blocks).where(eq(t.blocks.blockedId, viewerId));
  const match = q.includes("@")
    ? eq(t.users.email, q.toLowerCase())
    : sql`lower(${t.users.name}) like ${`%${escapeLike(q.toLowerCase())}%`} escape '!'`;
  const users = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, statusMessage: t.users.statusMessage })
    .from(t.users)
    .where(and(match, ne(t.users.id, viewerId), notInArray(t.users.id, blockedMe)))
    .orderBy(asc(t.users.name), asc(t.users.id))
    .limit(LIMITS.searchResultsMax);
  return { users };
}

const userSearchQuery = z.string().trim().max(254);

/** `!` escapes LIKE's wildcards the same way on SQLite and MySQL (a backslash would not). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
