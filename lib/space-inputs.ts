import { z } from "zod";
import { LIMITS } from "./limits";
import type { Locale } from "./i18n";
import { normalizeName, rawCapFor, type NameResult } from "./names";
import { id, imageUrl, spaceName } from "./schemas";

/**
 * Input shapes for space administration (settings, invites, channels, categories), shared by
 * the forms that build them and the services that check them.
 */

export const updateSpaceInput = z.object({ name: spaceName.optional(), icon: imageUrl.nullable().optional() });
export const deleteSpaceInput = z.object({ confirmName: z.string().max(LIMITS.spaceNameMaxChars * 2) });

/** How long a new invite works (seconds; null: until revoked). */
export const INVITE_EXPIRY_CHOICES = [30 * 60, 60 * 60, 24 * 60 * 60, 7 * 24 * 60 * 60, null] as const;
/** How many people a new invite admits (null: any number). */
export const INVITE_MAX_USES_CHOICES = [1, 5, 10, 25, 100, null] as const;

const oneOf = <T extends number>(choices: readonly (T | null)[]) =>
  z
    .number()
    .int()
    .nullable()
    .refine((v) => choices.includes(v as T | null), "not one of the offered choices");

export const createInviteInput = z.object({
  expiresInSeconds: oneOf(INVITE_EXPIRY_CHOICES).default(null),
  maxUses: oneOf(INVITE_MAX_USES_CHOICES).default(null),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

/** The first channel of a new space, in its creator's language. */
export const FIRST_CHANNEL_NAME: Record<Locale, string> = { ko: "일반", en: "general" };

/**
 * A channel's name as it is stored and shown: what was typed, Hangul, capitals and spaces
 * kept ("공부 방", "Study Notes"), normalized by `normalizeName` (lib/names.ts). A leading
 * "#" goes, since the list shows one. Channel URLs use ids, so any name works
 * in them; two channels may share a name, as on Discord.
 */
export function shapeChannelName(raw: string): NameResult {
  return normalizeName(raw, LIMITS.channelNameMaxChars, /^[#\s]+/u);
}

/** The shaped name, or "" when there is none to use (the forms disable their button). */
export function channelName(raw: string): string {
  const shaped = shapeChannelName(raw);
  return shaped.ok ? shaped.name : "";
}

const rawChannelName = z.string().max(rawCapFor(LIMITS.channelNameMaxChars));
export const categoryName = z.string().trim().min(1).max(LIMITS.categoryNameMaxChars);

export const createChannelInput = z.object({
  name: rawChannelName,
  kind: z.enum(["text", "video"]),
  categoryId: id.nullable().default(null),
  isPrivate: z.boolean().default(false),
  /** A private channel's chosen members (the creator is always one). */
  memberIds: z.array(id).max(500).default([]),
});
export const updateChannelInput = z.object({ name: rawChannelName.optional(), categoryId: id.nullable().optional() });
export const moveInput = z.object({ direction: z.enum(["up", "down"]) });
export const channelMemberInput = z.object({ userId: id });
export const createCategoryInput = z.object({ name: categoryName });
export const updateCategoryInput = z.object({ name: categoryName });

/** A space member's role change by the owner. */
export const setRoleInput = z.object({ role: z.enum(["admin", "member"]) });
