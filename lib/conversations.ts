import { z } from "zod";
import { LIMITS } from "./limits";
import type { ChannelSummary, ConversationSummary, UserSummary } from "./realtime/contract";
import { id, imageUrl } from "./schemas";

export * from "./group-titles";

/** Inputs of the conversation routes, shared by the forms and the service. */

/** A group's name; blank means "none given" (the members' names stand in). */
const optionalGroupName = z
  .string()
  .trim()
  .max(LIMITS.channelNameMaxChars)
  .optional()
  .transform((s) => s || undefined);

/** Bounds the request itself; the member limit is checked (as group_full) by the service. */
const userIds = z
  .array(id)
  .min(1)
  .max(LIMITS.groupChatMaxMembers * 2);

export const openDmInput = z.object({ userId: id });
export const createGroupInput = z.object({ name: optionalGroupName, image: imageUrl.optional(), memberIds: userIds });
export const inviteInput = z.object({ userIds });
export const updateGroupInput = z
  .object({ name: z.string().trim().min(1).max(LIMITS.channelNameMaxChars).optional(), image: imageUrl.nullable().optional() })
  .refine((v) => v.name !== undefined || v.image !== undefined, "name or image");
export const muteInput = z.object({ muted: z.boolean() });

/** Everything the conversation screen shows, for a member. */
export interface ConversationView {
  channel: ChannelSummary;
  kind: "dm" | "group";
  /** The group's name, or the other person's name for a dm; an unnamed group's is the others' names. */
  name: string;
  /** A group with a name of its own (false: it is titled after its other members). */
  named: boolean;
  image: string | null;
  /** Everyone in it, the viewer too, in the order they joined. */
  members: UserSummary[];
  muted: boolean;
  /** A "문의하기" chat about a study group (as in ConversationSummary). */
  study?: ConversationSummary["study"];
}
