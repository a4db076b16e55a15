import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDatabase, type Tx } from "../database";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { rooms, type Category, type ChannelSummary } from "@/lib/realtime/contract";
import {
  channelMemberInput,
  createCategoryInput,
  createChannelInput,
  moveInput,
  shapeChannelName,
  updateCategoryInput,
  updateChannelInput,
} from "@/lib/space-inputs";
import { newId } from "../ids";
import { getMessageStore } from "../messages";
import { joinedChannelMembers, leftChannelMembers } from "../events/subscriptions";
import { closeChannels, revokeChannelAccess } from "./revoke";
import { ADMINS, publishSpaceChanged, requireSpaceRole } from "./spaces";

/**
 * Channels and categories of a space, managed by its owner and admins.
 *
 * Layout: categories have positions among themselves; channel positions run through the
 * whole space in display order (channels without a category first, then each category's),
 * so ordering by position alone gives what the channel list shows. Every change that moves
 * something rewrites the positions of the space's channels and categories (spaces hold tens
 * of channels, not thousands).
 */

type Group = { categoryId: string | null; channelIds: string[] };

async function readLayout(tx: Tx, spaceId: string): Promise<Group[]> {
  const { t } = await getDatabase();
  const [categories, channels] = await Promise.all([
    tx
      .select({ id: t.categories.id })
      .from(t.categories)
      .where(eq(t.categories.spaceId, spaceId))
      .orderBy(asc(t.categories.position), asc(t.categories.id)),
    tx
      .select({ id: t.channels.id, categoryId: t.channels.categoryId })
      .from(t.channels)
      .where(eq(t.channels.spaceId, spaceId))
      .orderBy(asc(t.channels.position), asc(t.channels.id)),
  ]);
  const groups: Group[] = [{ categoryId: null, channelIds: [] }, ...categories.map((c) => ({ categoryId: c.id, channelIds: [] }))];
  for (const channel of channels) {
    const group = groups.find((g) => g.categoryId === channel.categoryId) ?? groups[0]!;
    group.channelIds.push(channel.id);
  }
  return groups;
}

async function writeLayout(tx: Tx, groups: Group[]): Promise<void> {
  const { t } = await getDatabase();
  let position = 0;
  for (const [i, group] of groups.entries()) {
    if (group.categoryId)
      await tx
        .update(t.categories)
        .set({ position: i - 1 })
        .where(eq(t.categories.id, group.categoryId));
    for (const channelId of group.channelIds) {
      await tx.update(t.channels).set({ position: position++, categoryId: group.categoryId }).where(eq(t.channels.id, channelId));
    }
  }
}

/**
 * Takes the space row's write lock for the rest of the transaction (a no-op update: MySQL's
 * plain reads lock nothing; SQLite's writes are serialized anyway).
 */
async function lockSpace(tx: Tx, spaceId: string): Promise<void> {
  const { t } = await getDatabase();
  await tx
    .update(t.spaces)
    .set({ name: sql`${t.spaces.name}` })
    .where(eq(t.spaces.id, spaceId));
}

/** Runs a layout change in one transaction. */
async function relayout(spaceId: string, change: (groups: Group[], tx: Tx) => Promise<Group[] | void> | Group[] | void): Promise<void> {
  const { db } = await getDatabase();
  await db.transaction(async (tx) => {
    await lockSpace(tx, spaceId); // concurrent moves read and write the layout one at a time
    const groups = await readLayout(tx, spaceId);
    await writeLayout(tx, (await change(groups, tx)) ?? groups);
  });
}

function groupOf(groups: Group[], categoryId: string | null): Group {
  const group = groups.find((g) => g.categoryId === categoryId);
  if (!group) throw new AppError("validation", "No such category in this space");
  return group;
}

function takeOut(groups: Group[], channelId: string): void {
  for (const group of groups) group.channelIds = group.channelIds.filter((id) => id !== channelId);
}

const NAME_PROBLEMS = {
  empty: "name: must not be empty",
  too_long: `name: must be at most ${LIMITS.channelNameMaxChars} characters`,
  control: "name: must not contain control or text-direction characters",
} as const;

/** The shaped name of a channel, or a validation error saying what is wrong with it. */
function shapeName(raw: string): string {
  const shaped = shapeChannelName(raw);
  if (!shaped.ok) throw new AppError("validation", NAME_PROBLEMS[shaped.problem]);
  return shaped.name;
}

/** A space channel (text or video) the user administers; anything else is `forbidden`. */
async function requireChannelAdmin(userId: string, channelId: string) {
  const { db, t } = await getDatabase();
  const [channel] = await db
    .select({ id: t.channels.id, spaceId: t.channels.spaceId, kind: t.channels.kind, isPrivate: t.channels.isPrivate })
    .from(t.channels)
    .where(eq(t.channels.id, String(channelId)))
    .limit(1);
  if (!channel?.spaceId || (channel.kind !== "text" && channel.kind !== "video"))
    throw new AppError("forbidden", "You cannot manage this channel");
  await requireSpaceRole(userId, channel.spaceId, ADMINS);
  return { ...channel, spaceId: channel.spaceId, kind: channel.kind };
}

async function requireCategoryAdmin(userId: string, categoryId: string) {
  const { db, t } = await getDatabase();
  const [category] = await db
    .select({ id: t.categories.id, spaceId: t.categories.spaceId })
    .from(t.categories)
    .where(eq(t.categories.id, String(categoryId)))
    .limit(1);
  if (!category) throw new AppError("forbidden", "You cannot manage this category");
  await requireSpaceRole(userId, category.spaceId, ADMINS);
  return category;
}

/** Space members among these users (a private channel's members must be in the space). */
async function spaceMembersAmong(spaceId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ userId: t.spaceMembers.userId })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.spaceId, spaceId), inArray(t.spaceMembers.userId, userIds)));
  return rows.map((r) => r.userId);
}

// ---- channels ------------------------------------------------------------------------

/**
 * Owner and admins add a text or video channel, at the end of its category (or of the
 * channels without one). A private channel is seen by its chosen members, the creator among
 * them, and by the space's owner and admins.
 */
export async function createChannel(userId: string, spaceId: string, input: unknown): Promise<{ channel: ChannelSummary }> {
  const parsed = createChannelInput.parse(input);
  await requireSpaceRole(userId, spaceId, ADMINS);
  const name = shapeName(parsed.name);
  const chosen = [...new Set([userId, ...parsed.memberIds])];
  const members = parsed.isPrivate ? await spaceMembersAmong(spaceId, chosen) : [];
  if (parsed.isPrivate && members.length !== chosen.length) throw new AppError("validation", "memberIds: everyone must be in the space");
  const { t } = await getDatabase();
  const now = new Date();
  const channel = {
    id: newId(),
    spaceId,
    name,
    kind: parsed.kind,
    categoryId: parsed.categoryId,
    isPrivate: parsed.isPrivate,
    position: 0,
    lastSeq: 0,
    createdBy: userId,
    createdAt: now,
  };
  await relayout(spaceId, async (groups, tx) => {
    const group = groupOf(groups, parsed.categoryId);
    await tx.insert(t.channels).values(channel);
    if (members.length)
      await tx.insert(t.channelMembers).values(members.map((id) => ({ channelId: channel.id, userId: id, joinedAt: now })));
    group.channelIds.push(channel.id);
  });
  // Members of a private channel hear its activity in its members room (server/services/access.ts).
  joinedChannelMembers(members, channel.id);
  publishSpaceChanged(spaceId);
  const { position: _p, createdBy: _c, createdAt: _a, ...summary } = channel;
  return { channel: summary };
}

/** Renames a channel or moves it to another category (at its end). */
export async function updateChannel(userId: string, channelId: string, input: unknown): Promise<object> {
  const parsed = updateChannelInput.parse(input);
  const channel = await requireChannelAdmin(userId, channelId);
  const { t } = await getDatabase();
  await relayout(channel.spaceId, async (groups, tx) => {
    if (parsed.name !== undefined)
      await tx
        .update(t.channels)
        .set({ name: shapeName(parsed.name) })
        .where(eq(t.channels.id, channel.id));
    if (parsed.categoryId !== undefined && !groupOf(groups, parsed.categoryId).channelIds.includes(channel.id)) {
      const target = groupOf(groups, parsed.categoryId);
      takeOut(groups, channel.id);
      target.channelIds.push(channel.id);
    }
  });
  publishSpaceChanged(channel.spaceId);
  return {};
}

/**
 * Moves a channel one step up or down the list. At the edge of its category it crosses into
 * the neighbouring one (to its end going up, to its start going down).
 */
export async function moveChannel(userId: string, channelId: string, input: unknown): Promise<object> {
  const { direction } = moveInput.parse(input);
  const channel = await requireChannelAdmin(userId, channelId);
  await relayout(channel.spaceId, (groups) => {
    const g = groups.findIndex((group) => group.channelIds.includes(channel.id));
    if (g < 0) return; // deleted meanwhile
    const ids = groups[g]!.channelIds;
    const i = ids.indexOf(channel.id);
    if (direction === "up") {
      if (i > 0) [ids[i - 1], ids[i]] = [ids[i]!, ids[i - 1]!];
      else if (g > 0) {
        ids.splice(i, 1);
        groups[g - 1]!.channelIds.push(channel.id);
      }
    } else if (i < ids.length - 1) [ids[i + 1], ids[i]] = [ids[i]!, ids[i + 1]!];
    else if (g < groups.length - 1) {
      ids.splice(i, 1);
      groups[g + 1]!.channelIds.unshift(channel.id);
    }
  });
  publishSpaceChanged(channel.spaceId);
  return {};
}

/**
 * Deletes a channel with its messages, reactions, read cursors and members. A space keeps at
 * least one public text channel: the one everybody lands in.
 */
export async function deleteChannel(userId: string, channelId: string): Promise<object> {
  const channel = await requireChannelAdmin(userId, channelId);
  const { db, t } = await getDatabase();
  await db.transaction(async (tx) => {
    // Two admins deleting the last two text channels at once must not both see the other one.
    await lockSpace(tx, channel.spaceId);
    if (channel.kind === "text" && !channel.isPrivate) {
      const [other] = await tx
        .select({ id: t.channels.id })
        .from(t.channels)
        .where(
          and(
            eq(t.channels.spaceId, channel.spaceId),
            eq(t.channels.kind, "text"),
            eq(t.channels.isPrivate, false),
            ne(t.channels.id, channel.id),
          ),
        )
        .limit(1);
      if (!other) throw new AppError("last_text_channel", "A space needs at least one text channel");
    }
    await deleteChannelRows(tx, [channel.id]);
  });
  await deleteChannelMessages([channel.id]);
  // Its rooms empty (a call in it ends); open screens re-read the space on space:changed and
  // land on its first channel.
  await closeChannels([channel.id]);
  publishSpaceChanged(channel.spaceId);
  return {};
}

/**
 * Deletes channels and their read cursors and members (also used when a space is deleted).
 * Their messages are the message store's: the caller deletes them with deleteChannelMessages
 * once this transaction has committed (a rolled-back delete must not lose them; messages of a
 * channel that is gone are never read, so a crash in between leaves only unreachable rows).
 */
export async function deleteChannelRows(tx: Tx, channelIds: string[]): Promise<void> {
  if (channelIds.length === 0) return;
  const { t } = await getDatabase();
  await tx.delete(t.channelReads).where(inArray(t.channelReads.channelId, channelIds));
  await tx.delete(t.channelMembers).where(inArray(t.channelMembers.channelId, channelIds));
  await tx.delete(t.channels).where(inArray(t.channels.id, channelIds));
}

/** The messages of deleted channels (after deleteChannelRows committed). */
export async function deleteChannelMessages(channelIds: string[]): Promise<void> {
  await (await getMessageStore()).deleteChannels(channelIds);
}

// ---- private channel members -----------------------------------------------------------

async function requirePrivateChannelAdmin(userId: string, channelId: string) {
  const channel = await requireChannelAdmin(userId, channelId);
  if (!channel.isPrivate) throw new AppError("validation", "Only private channels have their own members");
  return channel;
}

/** The chosen members of a private channel (for its owner and admins to manage). */
export async function listChannelMembers(userId: string, channelId: string): Promise<{ userIds: string[] }> {
  const channel = await requirePrivateChannelAdmin(userId, channelId);
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ userId: t.channelMembers.userId })
    .from(t.channelMembers)
    .where(eq(t.channelMembers.channelId, channel.id));
  return { userIds: rows.map((r) => r.userId) };
}

export async function addChannelMember(userId: string, channelId: string, input: unknown): Promise<object> {
  const { userId: target } = channelMemberInput.parse(input);
  const channel = await requirePrivateChannelAdmin(userId, channelId);
  if ((await spaceMembersAmong(channel.spaceId, [target])).length === 0) throw new AppError("validation", "userId: not in this space");
  const { db, t, dialect } = await getDatabase();
  try {
    await db.insert(t.channelMembers).values({ channelId: channel.id, userId: target, joinedAt: new Date() });
  } catch (err) {
    if (!dialect.isUniqueViolation(err)) throw err; // already a member
  }
  joinedChannelMembers([target], channel.id);
  publishSpaceChanged(channel.spaceId);
  return {};
}

/** Takes someone out of a private channel: unless they administer the space, they lose it at once. */
export async function removeChannelMember(userId: string, channelId: string, targetId: string): Promise<object> {
  const channel = await requirePrivateChannelAdmin(userId, channelId);
  const { db, t } = await getDatabase();
  await db.delete(t.channelMembers).where(and(eq(t.channelMembers.channelId, channel.id), eq(t.channelMembers.userId, String(targetId))));
  const [membership] = await db
    .select({ role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.spaceId, channel.spaceId), eq(t.spaceMembers.userId, String(targetId))))
    .limit(1);
  // An admin still sees the channel: they only leave its members' room.
  if (membership && membership.role !== "member") leftChannelMembers(String(targetId), channel.id);
  else await revokeChannelAccess(String(targetId), [channel.id]);
  publishSpaceChanged(channel.spaceId);
  return {};
}

// ---- categories ------------------------------------------------------------------------

export async function createCategory(userId: string, spaceId: string, input: unknown): Promise<{ category: Category }> {
  const { name } = createCategoryInput.parse(input);
  await requireSpaceRole(userId, spaceId, ADMINS);
  const { t } = await getDatabase();
  const category = { id: newId(), spaceId, name, position: 0, createdAt: new Date() };
  await relayout(spaceId, async (groups, tx) => {
    await tx.insert(t.categories).values(category);
    groups.push({ categoryId: category.id, channelIds: [] });
  });
  publishSpaceChanged(spaceId);
  return { category: { id: category.id, name } };
}

export async function renameCategory(userId: string, categoryId: string, input: unknown): Promise<object> {
  const { name } = updateCategoryInput.parse(input);
  const category = await requireCategoryAdmin(userId, categoryId);
  const { db, t } = await getDatabase();
  await db.update(t.categories).set({ name }).where(eq(t.categories.id, category.id));
  publishSpaceChanged(category.spaceId);
  return {};
}

/** Moves a category (with its channels) one step up or down among the categories. */
export async function moveCategory(userId: string, categoryId: string, input: unknown): Promise<object> {
  const { direction } = moveInput.parse(input);
  const category = await requireCategoryAdmin(userId, categoryId);
  await relayout(category.spaceId, (groups) => {
    const i = groups.findIndex((g) => g.categoryId === category.id);
    if (i < 1) return; // deleted meanwhile
    const j = direction === "up" ? i - 1 : i + 1;
    // Index 0 is the channels without a category: they stay first.
    if (j >= 1 && j < groups.length) [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  });
  publishSpaceChanged(category.spaceId);
  return {};
}

/** Deletes a category; its channels stay, at the end of the channels without a category. */
export async function deleteCategory(userId: string, categoryId: string): Promise<object> {
  const category = await requireCategoryAdmin(userId, categoryId);
  const { t } = await getDatabase();
  await relayout(category.spaceId, async (groups, tx) => {
    const i = groups.findIndex((g) => g.categoryId === category.id);
    if (i >= 1) groups[0]!.channelIds.push(...groups.splice(i, 1)[0]!.channelIds);
    await tx.delete(t.categories).where(eq(t.categories.id, category.id));
  });
  publishSpaceChanged(category.spaceId);
  return {};
}
