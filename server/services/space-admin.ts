import "server-only";
import { requireOwnUploads } from "./uploads";
import { and, eq, inArray } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { rooms, type ServerToClientEvents, type UserSummary } from "@/lib/realtime/contract";
import { deleteSpaceInput, setRoleInput, updateSpaceInput } from "@/lib/space-inputs";
import { events } from "../events/sink";
import { becameSpaceAdmin, leftSpace, noLongerSpaceAdmin, spaceClosed, stopWatching } from "../events/subscriptions";
import { deleteChannelMessages, deleteChannelRows } from "./channels";
import { closeChannels, revokeChannelAccess } from "./revoke";
import { usersVisibleTo } from "./friends";
import { forgetStudyGroup } from "./study-groups";
import { ADMINS, publishSpaceChanged, requireSpaceMember, requireSpaceRole, type SpaceRole } from "./spaces";

/**
 * Who may do what in a space:
 * - owner: everything below, plus ban/unban, promote/demote, transfer ownership, delete the space;
 * - admin: rename and re-icon the space, manage channels, categories and invites, kick members;
 * - member: talk, invite, leave.
 * Nobody acts on someone of their own rank or above; the owner leaves only after handing over.
 */

type RemovalReason = Parameters<ServerToClientEvents["space:removed"]>[0]["reason"];

async function spaceChannelIds(spaceId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db.select({ id: t.channels.id }).from(t.channels).where(eq(t.channels.spaceId, spaceId));
  return rows.map((r) => r.id);
}

async function roleOf(spaceId: string, userId: string): Promise<SpaceRole | null> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, String(userId))))
    .limit(1);
  return row?.role ?? null;
}

/**
 * After a user's membership rows are gone: their sockets stop hearing the space, its channels
 * and the presence of people they no longer share a space with, and every tab is told why.
 */
async function evict(userId: string, spaceId: string, channelIds: string[], reason: RemovalReason, formerMemberIds: string[]) {
  leftSpace(userId, spaceId);
  await revokeChannelAccess(userId, channelIds);
  // Friends and conversation partners stay visible (the one rule: usersVisibleTo).
  const stillShared = new Set(await usersVisibleTo(userId, formerMemberIds));
  stopWatching(
    userId,
    formerMemberIds.filter((id) => !stillShared.has(id)),
  );
  events().publish(rooms.user(userId), "space:removed", { spaceId, reason });
}

/** Deletes a member's rows (membership and private channel memberships), then evicts them. */
async function removeMember(spaceId: string, userId: string, reason: "left" | "kicked" | "banned", banBy?: string) {
  const { db, t } = await getDatabase();
  const channelIds = await spaceChannelIds(spaceId);
  const members = await db.select({ userId: t.spaceMembers.userId }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, spaceId));
  await db.transaction(async (tx) => {
    if (banBy) {
      await tx.delete(t.spaceBans).where(and(eq(t.spaceBans.spaceId, spaceId), eq(t.spaceBans.userId, userId)));
      await tx.insert(t.spaceBans).values({ spaceId, userId, bannedBy: banBy, createdAt: new Date() });
    }
    await tx.delete(t.spaceMembers).where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, userId)));
    if (channelIds.length)
      await tx.delete(t.channelMembers).where(and(eq(t.channelMembers.userId, userId), inArray(t.channelMembers.channelId, channelIds)));
  });
  await evict(
    userId,
    spaceId,
    channelIds,
    reason,
    members.map((m) => m.userId).filter((id) => id !== userId),
  );
  publishSpaceChanged(spaceId);
}

// ---- the space itself ------------------------------------------------------------------

/** Owner and admins rename the space or change its icon (null: back to its first letter). */
export async function updateSpace(userId: string, spaceId: string, input: unknown): Promise<object> {
  const { name, icon } = updateSpaceInput.parse(input);
  if (icon) await requireOwnUploads(userId, [icon]);
  await requireSpaceRole(userId, spaceId, ADMINS);
  const changes = { ...(name !== undefined ? { name } : {}), ...(icon !== undefined ? { icon } : {}) };
  if (Object.keys(changes).length === 0) return {};
  const { db, t } = await getDatabase();
  await db.update(t.spaces).set(changes).where(eq(t.spaces.id, spaceId));
  publishSpaceChanged(spaceId);
  return {};
}

/** The owner deletes the space and everything in it, after typing its name. */
export async function deleteSpace(userId: string, spaceId: string, input: unknown): Promise<object> {
  const { confirmName } = deleteSpaceInput.parse(input);
  await requireSpaceRole(userId, spaceId, ["owner"]);
  const { db, t } = await getDatabase();
  const [space] = await db.select({ name: t.spaces.name }).from(t.spaces).where(eq(t.spaces.id, spaceId)).limit(1);
  if (!space || confirmName.trim() !== space.name) throw new AppError("validation", "confirmName: type the space's name to delete it");
  const channelIds = await spaceChannelIds(spaceId);
  const members = await db.select({ userId: t.spaceMembers.userId }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, spaceId));
  await db.transaction(async (tx) => {
    await deleteChannelRows(tx, channelIds);
    await tx.delete(t.categories).where(eq(t.categories.spaceId, spaceId));
    await tx.delete(t.invites).where(eq(t.invites.spaceId, spaceId));
    await tx.delete(t.spaceBans).where(eq(t.spaceBans.spaceId, spaceId));
    await tx.delete(t.spaceMembers).where(eq(t.spaceMembers.spaceId, spaceId));
    await tx.delete(t.spaces).where(eq(t.spaces.id, spaceId));
  });
  await forgetStudyGroup(spaceId);
  await deleteChannelMessages(channelIds);
  await closeChannels(channelIds);
  spaceClosed(spaceId);
  const ids = members.map((m) => m.userId);
  await Promise.all(
    ids.map((id) =>
      evict(
        id,
        spaceId,
        channelIds,
        "deleted",
        ids.filter((other) => other !== id),
      ),
    ),
  );
  return {};
}

// ---- membership ------------------------------------------------------------------------

/** Members and admins leave; the owner must hand the space over first. */
export async function leaveSpace(userId: string, spaceId: string): Promise<object> {
  const role = await requireSpaceMember(userId, spaceId);
  if (role === "owner") throw new AppError("owner_must_transfer", "Transfer ownership before leaving");
  await removeMember(spaceId, userId, "left");
  return {};
}

/** Checks that the actor outranks a member of the space; returns the target's role. */
async function requireOutranks(actorId: string, spaceId: string, targetId: string, allowed: readonly SpaceRole[]) {
  const actorRole = await requireSpaceRole(actorId, spaceId, allowed);
  const targetRole = await roleOf(spaceId, targetId);
  if (!targetRole) throw new AppError("not_found", "No such member");
  const rank = { owner: 2, admin: 1, member: 0 } as const;
  if (actorId === targetId || rank[targetRole] >= rank[actorRole]) throw new AppError("forbidden", "You cannot do this to that member");
  return targetRole;
}

/** Owner and admins kick a member (an admin cannot kick an admin or the owner). They may come back with a new invite. */
export async function kickMember(actorId: string, spaceId: string, targetId: string): Promise<object> {
  await requireOutranks(actorId, spaceId, targetId, ADMINS);
  await removeMember(spaceId, targetId, "kicked");
  return {};
}

/** The owner bans a member: they are removed and no invite lets them back until unbanned. */
export async function banMember(actorId: string, spaceId: string, targetId: string): Promise<object> {
  await requireOutranks(actorId, spaceId, targetId, ["owner"]);
  await removeMember(spaceId, targetId, "banned", actorId);
  return {};
}

export async function unbanMember(actorId: string, spaceId: string, targetId: string): Promise<object> {
  await requireSpaceRole(actorId, spaceId, ["owner"]);
  const { db, t } = await getDatabase();
  await db.delete(t.spaceBans).where(and(eq(t.spaceBans.spaceId, spaceId), eq(t.spaceBans.userId, String(targetId))));
  publishSpaceChanged(spaceId);
  return {};
}

/** The space's banned users, for its owner. */
export async function listBans(actorId: string, spaceId: string): Promise<{ bans: Array<UserSummary & { bannedAt: string }> }> {
  await requireSpaceRole(actorId, spaceId, ["owner"]);
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, bannedAt: t.spaceBans.createdAt })
    .from(t.spaceBans)
    .innerJoin(t.users, eq(t.users.id, t.spaceBans.userId))
    .where(eq(t.spaceBans.spaceId, spaceId))
    .orderBy(t.spaceBans.createdAt);
  return { bans: rows.map((r) => ({ ...r, bannedAt: r.bannedAt.toISOString() })) };
}

/**
 * The owner promotes a member to admin or demotes an admin. A demoted admin stops hearing the
 * private channels they were not chosen for.
 */
export async function setMemberRole(actorId: string, spaceId: string, targetId: string, input: unknown): Promise<object> {
  const { role } = setRoleInput.parse(input);
  await requireOutranks(actorId, spaceId, targetId, ["owner"]);
  const { db, t } = await getDatabase();
  await db
    .update(t.spaceMembers)
    .set({ role })
    .where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, targetId)));
  // Admins hear every private channel's activity; a demoted one only those they were chosen for.
  if (role === "admin") becameSpaceAdmin(targetId, spaceId);
  if (role === "member") {
    noLongerSpaceAdmin(targetId, spaceId);
    const privateChannels = await db
      .select({ id: t.channels.id, member: t.channelMembers.userId })
      .from(t.channels)
      .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, targetId)))
      .where(and(eq(t.channels.spaceId, spaceId), eq(t.channels.isPrivate, true)));
    await revokeChannelAccess(
      targetId,
      privateChannels.filter((c) => c.member === null).map((c) => c.id),
    );
  }
  publishSpaceChanged(spaceId);
  return {};
}

/** The owner hands the space to another member, and stays on as an admin. */
export async function transferOwnership(actorId: string, spaceId: string, targetId: string): Promise<object> {
  await requireOutranks(actorId, spaceId, targetId, ["owner"]);
  const { db, t } = await getDatabase();
  const { dialect } = await getDatabase();
  await db.transaction(async (tx) => {
    // Step down first, on the condition of still being the owner: of two transfers racing,
    // only one finds the owner row, so the space never has two owners.
    const stepped = await tx
      .update(t.spaceMembers)
      .set({ role: "admin" })
      .where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, actorId), eq(t.spaceMembers.role, "owner")));
    if (dialect.affectedRows(stepped) !== 1) throw new AppError("forbidden", "Only the owner may transfer the space");
    const promoted = await tx
      .update(t.spaceMembers)
      .set({ role: "owner" })
      .where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, targetId)));
    if (dialect.affectedRows(promoted) !== 1) throw new AppError("not_found", "No such member");
    await tx.update(t.spaces).set({ ownerId: targetId }).where(eq(t.spaces.id, spaceId));
  });
  becameSpaceAdmin(targetId, spaceId); // the old owner stays in it as an admin
  publishSpaceChanged(spaceId);
  return {};
}
