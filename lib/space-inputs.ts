/**
 * Input shapes for space administration (settings, invites, channels, categories), checked by
 * the services; the forms build them from the choices in ./space-choices (no zod in the browser).
 */

import { z } from "zod";
import { LIMITS } from "./limits";
import { rawCapFor } from "./names";
import { id, imageUrl, spaceName } from "./schemas";
import { INVITE_EXPIRY_CHOICES, INVITE_MAX_USES_CHOICES } from "./space-choices";

export * from "./space-choices";

export const updateSpaceInput = z.object({ name: spaceName.optional(), icon: imageUrl.nullable().optional() });
export const deleteSpaceInput = z.object({ confirmName: z.string().max(LIMITS.spaceNameMaxChars * 2) });

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
