import { z } from "zod";
import { EMOJI_MAX_CHARS, isEmojiSequence, isOneGrapheme } from "./emoji";
import { LIMITS } from "./limits";
import { normalizeName, rawCapFor } from "./names";

// In the browser, under a CSP without 'unsafe-eval' (server/security-headers.ts), zod's compiled
// fast path for objects would probe with `new Function` (a reported violation on every page)
// and fall back anyway. Every schema module imports this one first, so this runs before any
// object schema is built. The server keeps the fast path.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * Input shapes shared by forms (client) and services (server). Hostile input is normal input:
 * every string is cut at its length limit first, with `abort: true` so that no later check
 * (a regex, a grapheme count) ever runs over an oversized value.
 */
export const id = z.string().max(36, { abort: true }).uuid();
export const email = z.string().max(320, { abort: true }).trim().toLowerCase().email().max(254);
export const password = z.string().min(LIMITS.passwordMinChars).max(LIMITS.passwordMaxChars);
export const displayName = z.string().trim().min(1).max(LIMITS.nameMaxChars);
/** A space's name, normalized as channel names are (lib/names.ts): Unicode kept, controls refused. */
export const spaceName = z
  .string()
  .max(rawCapFor(LIMITS.spaceNameMaxChars), { abort: true })
  .transform((raw, ctx) => {
    const shaped = normalizeName(raw, LIMITS.spaceNameMaxChars);
    if (shaped.ok) return shaped.name;
    ctx.addIssue({ code: "custom", message: `name: ${shaped.problem}` });
    return z.NEVER;
  });
export const messageBody = z.string().trim().min(1).max(LIMITS.messageMaxChars);
/** One emoji (with its modifiers and joiners), as a reaction (rules in lib/emoji.ts). */
export const emoji = z
  .string()
  .max(EMOJI_MAX_CHARS, { abort: true })
  .refine(isEmojiSequence, "must be an emoji")
  .refine(isOneGrapheme, "must be one emoji");
/** Client-generated id of a send, unique per channel and author: makes retries idempotent. */
export const clientId = z
  .string()
  .max(64, { abort: true })
  .min(8)
  .regex(/^[A-Za-z0-9_-]+$/);

/** A search's filter id: a bad one is a search_filter refusal, not a generic one. */
const searchId = z.string({ error: "search_filter" }).max(36, { abort: true, error: "search_filter" }).uuid({ error: "search_filter" });
const searchTime = z.iso.datetime({ offset: true, error: "search_date" });
/** A message search (the "message:search" event): bounded before anything costs a query. */
export const searchInput = z
  .object({
    text: z
      .string({ error: "search_text" })
      .max(LIMITS.searchTextMaxChars * 4, { abort: true, error: "search_text" })
      .trim()
      .min(1, { error: "search_text" })
      .max(LIMITS.searchTextMaxChars, { error: "search_text" }),
    channelId: searchId.optional(),
    authorId: searchId.optional(),
    after: searchTime.optional(),
    before: searchTime.optional(),
    hasLink: z.boolean().optional(),
    below: z.object({ createdAt: searchTime, id: searchId }, { error: "search_filter" }).optional(),
  })
  .refine((q) => !q.after || !q.before || Date.parse(q.after) < Date.parse(q.before), { error: "search_date", path: ["before"] });
export type SearchInput = z.input<typeof searchInput>;

export const signUpInput = z.object({ email, password: z.string().max(LIMITS.passwordMaxChars), name: displayName });
export type SignUpInput = z.input<typeof signUpInput>;
export const createSpaceInput = z.object({ name: spaceName });

/** Where an uploaded image is served; image fields accept only these (never outside URLs). */
export const uploadUrl = (id: string) => `/api/files/${id}`;
export const imageUrl = z.string().max(64, { abort: true }).regex(/^\/api\/files\/[0-9a-f-]{36}$/, "must be an uploaded image");

/** A profile edit: only the fields being changed. An empty status message clears it; null removes a picture. */
export const profileInput = z
  .object({
    name: displayName,
    statusMessage: z.string().trim().max(LIMITS.statusMessageMaxChars),
    image: imageUrl.nullable(),
    backgroundImage: imageUrl.nullable(),
  })
  .partial()
  .strict();
export type ProfileInput = z.input<typeof profileInput>;
/** Someone to befriend, block or look at. */
export const userRef = z.object({ userId: id });
