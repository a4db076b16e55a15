import { z } from "zod";
import { LIMITS } from "./limits";
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

/**
 * A channel's name as Discord shapes it: text channels are lowercase with dashes for spaces
 * ("Study Notes" → "study-notes"); video channels keep what was typed, trimmed.
 */
export function channelName(raw: string, kind: "text" | "video"): string {
  const trimmed = raw.trim().replace(/\s+/g, " ");
  if (kind === "video") return trimmed;
  return trimmed
    .toLowerCase()
    .replace(/[\s#]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

const rawChannelName = z.string().max(LIMITS.channelNameMaxChars * 2);
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
