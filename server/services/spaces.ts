import "server-only";
import { channelSummaryColumns } from "./access";
import { readImage, requireOwnUploads, uploadIdOf } from "./uploads";
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDatabase, type Tables, type Tx } from "../database";
import { AppError } from "@/lib/errors";
import { rooms, type SpaceMember, type SpaceView } from "@/lib/realtime/contract";
import { createSpaceInput, imageUrl } from "@/lib/schemas";
import type { Locale } from "@/lib/i18n";
import { createInviteInput, FIRST_CHANNEL_NAME, type CreateInviteInput } from "@/lib/space-inputs";
import { newId, newToken } from "../ids";
import { events } from "../events/sink";
import { joinedSpace } from "../events/subscriptions";
import { videoOccupants } from "./video-rooms";

export type SpaceRole = SpaceMember["role"];

export interface SpaceSummary {
  id: string;
  name: string;
  icon: string | null;
  /** The first text channel the user can see (where links to the space land). */
  defaultChannelId: string | null;
}

const createInput = createSpaceInput.extend({ icon: imageUrl.nullable().optional() });

/**
 * A new space starts with its owner and one text channel, named in the creator's language
 * ("일반", "general"): the locale the creating request was made in.
 */
export async function createSpace(
  userId: string,
  input: { name: string; icon?: string | null },
  locale: Locale = "en",
): Promise<{ space: SpaceSummary }> {
  const { name, icon = null } = createInput.parse(input);
  if (icon) await requireOwnUploads(userId, [icon]);
  const { db, t } = await getDatabase();
  const now = new Date();
  const space = { id: newId(), name, icon, ownerId: userId, createdAt: now };
  const general = {
    id: newId(),
    spaceId: space.id,
    name: FIRST_CHANNEL_NAME[locale],
    kind: "text" as const,
    position: 0,
    lastSeq: 0,
    createdBy: userId,
    createdAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(t.spaces).values(space);
    await tx.insert(t.channels).values(general);
    await tx.insert(t.spaceMembers).values({ spaceId: space.id, userId, role: "owner", joinedAt: now });
  });
  joinedSpace(userId, space.id, "owner");
  return { space: { id: space.id, name, icon, defaultChannelId: general.id } };
}

export async function listMySpaces(userId: string): Promise<SpaceSummary[]> {
  const { db, t } = await getDatabase();
  // Channel positions run through the whole space in display order (server/services/channels.ts),
  // so the first visible text channel is the lowest position this user may open.
  const rows = await db
    .select({
      id: t.spaces.id,
      name: t.spaces.name,
      icon: t.spaces.icon,
      defaultChannelId: sql<string | null>`(select ${t.channels.id} from ${t.channels}
        where ${t.channels.spaceId} = ${t.spaces.id} and ${t.channels.kind} = 'text'
          and (${t.channels.isPrivate} = 0 or ${t.spaceMembers.role} <> 'member'
            or exists (select 1 from ${t.channelMembers} where ${t.channelMembers.channelId} = ${t.channels.id} and ${t.channelMembers.userId} = ${userId}))
        order by ${t.channels.position}, ${t.channels.id} limit 1)`,
    })
    .from(t.spaceMembers)
    .innerJoin(t.spaces, eq(t.spaces.id, t.spaceMembers.spaceId))
    .where(eq(t.spaceMembers.userId, userId))
    .orderBy(asc(t.spaceMembers.joinedAt));
  return rows;
}

async function membershipOf(userId: string, spaceId: string) {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .where(and(eq(t.spaceMembers.spaceId, spaceId), eq(t.spaceMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function isSpaceMember(userId: string, spaceId: string): Promise<boolean> {
  return (await membershipOf(userId, spaceId)) !== null;
}

/** Throws unless the user is a member of the space; returns their role. */
export async function requireSpaceMember(userId: string, spaceId: string): Promise<SpaceRole> {
  const membership = await membershipOf(userId, spaceId);
  if (!membership) throw new AppError("forbidden", "You are not a member of this space");
  return membership.role;
}

/** Throws `forbidden` unless the user holds one of these roles in the space. */
export async function requireSpaceRole(userId: string, spaceId: string, allowed: readonly SpaceRole[]): Promise<SpaceRole> {
  const role = await requireSpaceMember(userId, spaceId);
  if (!allowed.includes(role)) throw new AppError("forbidden", `Only ${allowed.join(" or ")} may do this`);
  return role;
}

export const ADMINS: readonly SpaceRole[] = ["owner", "admin"];

/** Everything the space screen shows, for a member. */
export async function getSpaceView(userId: string, spaceId: string): Promise<SpaceView> {
  const readAt = Date.now(); // before any read: a live event told after it may be missing below
  const { db, t } = await getDatabase();
  const [space] = await db
    .select({ id: t.spaces.id, name: t.spaces.name, ownerId: t.spaces.ownerId, icon: t.spaces.icon })
    .from(t.spaces)
    .where(eq(t.spaces.id, spaceId))
    .limit(1);
  // A non-member learns nothing, not even that the space exists.
  if (!space) throw new AppError("forbidden", "You are not a member of this space");
  const myRole = await requireSpaceMember(userId, spaceId);
  const [channels, categories, members] = await Promise.all([
    db
      .select({ ...channelSummaryColumns(t), member: t.channelMembers.userId })
      .from(t.channels)
      .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, t.channels.id), eq(t.channelMembers.userId, userId)))
      .where(eq(t.channels.spaceId, spaceId))
      .orderBy(asc(t.channels.position), asc(t.channels.id)),
    db
      .select({ id: t.categories.id, name: t.categories.name })
      .from(t.categories)
      .where(eq(t.categories.spaceId, spaceId))
      .orderBy(asc(t.categories.position), asc(t.categories.id)),
    listMembers(spaceId),
  ]);
  // The same rule as requireChannelAccess (server/services/access.ts).
  const visible = channels
    .filter((c) => !c.isPrivate || c.member !== null || myRole !== "member")
    .map(({ member: _member, ...channel }) => channel);
  const occupants = await videoOccupants(visible.filter((c) => c.kind === "video").map((c) => c.id));
  return { space, myRole, categories, channels: visible, members, occupants, readAt };
}

export async function listMembers(spaceId: string): Promise<SpaceMember[]> {
  const { db, t } = await getDatabase();
  return db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .innerJoin(t.users, eq(t.users.id, t.spaceMembers.userId))
    .where(eq(t.spaceMembers.spaceId, spaceId))
    .orderBy(asc(t.spaceMembers.joinedAt));
}

// ---- invites ---------------------------------------------------------------------------

export interface InviteInfo {
  code: string;
  creator: { id: string; name: string };
  uses: number;
  maxUses: number | null;
  expiresAt: string | null;
  createdAt: string;
}

/**
 * Any member may make an invite link, for a while (expiresInSeconds) and for so many people
 * (maxUses); without options it works until revoked, for anyone.
 */
export async function createInvite(userId: string, spaceId: string, input: CreateInviteInput = {}): Promise<{ code: string }> {
  const { expiresInSeconds, maxUses } = createInviteInput.parse(input ?? {});
  await requireSpaceMember(userId, spaceId);
  const { db, t } = await getDatabase();
  const code = newToken(9);
  const now = new Date();
  const expiresAt = expiresInSeconds === null ? null : new Date(now.getTime() + expiresInSeconds * 1000);
  await db.insert(t.invites).values({ code, spaceId, createdBy: userId, uses: 0, maxUses, expiresAt, createdAt: now });
  return { code };
}

/** An invite still admits people: not revoked, not expired, not used up. */
function usable(t: Tables, now = new Date()) {
  return and(
    isNull(t.invites.revokedAt),
    or(isNull(t.invites.expiresAt), gt(t.invites.expiresAt, now)),
    or(isNull(t.invites.maxUses), lt(t.invites.uses, t.invites.maxUses)),
  );
}

/** The space's working invites, newest first, for its owner and admins. */
export async function listInvites(userId: string, spaceId: string): Promise<InviteInfo[]> {
  await requireSpaceRole(userId, spaceId, ADMINS);
  const { db, t } = await getDatabase();
  const rows = await db
    .select({
      code: t.invites.code,
      creatorId: t.invites.createdBy,
      creatorName: t.users.name,
      uses: t.invites.uses,
      maxUses: t.invites.maxUses,
      expiresAt: t.invites.expiresAt,
      createdAt: t.invites.createdAt,
    })
    .from(t.invites)
    .leftJoin(t.users, eq(t.users.id, t.invites.createdBy))
    .where(and(eq(t.invites.spaceId, spaceId), usable(t)))
    .orderBy(desc(t.invites.createdAt));
  return rows.map((r) => ({
    code: r.code,
    creator: { id: r.creatorId, name: r.creatorName ?? "" },
    uses: r.uses,
    maxUses: r.maxUses,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Owner and admins revoke an invite: it admits no one from then on. */
export async function revokeInvite(userId: string, spaceId: string, code: string): Promise<object> {
  await requireSpaceRole(userId, spaceId, ADMINS);
  const { db, t } = await getDatabase();
  await db
    .update(t.invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(t.invites.code, String(code)), eq(t.invites.spaceId, spaceId), isNull(t.invites.revokedAt)));
  return {};
}

/**
 * What anyone holding a usable invite link may see, signed in or not: the space's name, its
 * icon (served through the invite, `inviteIconUrl`) and how many members it has. Nothing
 * about its people or channels: a link can be forwarded beyond whom it was meant for.
 */
export interface InvitePreview {
  code: string;
  space: { id: string; name: string; icon: string | null };
  memberCount: number;
}

/** The icon of the space behind an invite, for visitors who cannot read /api/files (no session). */
export const inviteIconUrl = (code: string) => `/api/invites/${encodeURIComponent(code)}/icon`;

async function findUsableInvite(code: string) {
  const { db, t } = await getDatabase();
  const [invite] = await db
    .select()
    .from(t.invites)
    .where(and(eq(t.invites.code, String(code)), usable(t)))
    .limit(1);
  if (!invite) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  return invite;
}

export async function getInvitePreview(code: string): Promise<InvitePreview> {
  const invite = await findUsableInvite(code);
  const { db, t } = await getDatabase();
  const [[space], [members]] = await Promise.all([
    db.select({ id: t.spaces.id, name: t.spaces.name, icon: t.spaces.icon }).from(t.spaces).where(eq(t.spaces.id, invite.spaceId)).limit(1),
    db.select({ n: count() }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, invite.spaceId)),
  ]);
  if (!space) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  return { code, space: { ...space, icon: space.icon ? inviteIconUrl(code) : null }, memberCount: members?.n ?? 0 };
}

/**
 * The bytes of the icon of the space behind a usable invite; `not_found` when the invite is
 * not usable or the space has no icon. The one upload a visitor without a session can read.
 */
export async function readInviteIcon(code: string): Promise<{ mime: string; bytes: Buffer }> {
  const invite = await findUsableInvite(code);
  const { db, t } = await getDatabase();
  const [space] = await db.select({ icon: t.spaces.icon }).from(t.spaces).where(eq(t.spaces.id, invite.spaceId)).limit(1);
  if (!space?.icon) throw new AppError("not_found", "This space has no icon");
  return readImage(uploadIdOf(space.icon));
}

export async function isBanned(userId: string, spaceId: string): Promise<boolean> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({ userId: t.spaceBans.userId })
    .from(t.spaceBans)
    .where(and(eq(t.spaceBans.spaceId, spaceId), eq(t.spaceBans.userId, userId)))
    .limit(1);
  return !!row;
}

/**
 * Joins the space behind an invite. Joining a space one is already in is a no-op and uses
 * nothing. A banned user is refused with `banned`, whatever the link; a full study group with
 * `study_full` (and the use is not taken).
 */
export async function acceptInvite(userId: string, code: string): Promise<{ space: SpaceSummary }> {
  const invite = await findUsableInvite(code);
  const { t, dialect } = await getDatabase();
  await admitMember(userId, invite.spaceId, async (tx) => {
    // Take one use with a single conditional UPDATE: of two people racing for the last use,
    // the row lock (MySQL) or the one writer (SQLite) lets exactly one match.
    const taken = await tx
      .update(t.invites)
      .set({ uses: sql`${t.invites.uses} + 1` })
      .where(and(eq(t.invites.code, invite.code), usable(t)));
    if (dialect.affectedRows(taken) !== 1) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  });
  const space = (await listMySpaces(userId)).find((s) => s.id === invite.spaceId);
  if (!space) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  return { space };
}


/**
 * The one way into a space as a member — an invite, a study group's direct join, an approved
 * join request: a ban refuses (`banned`), a study group at its capacity refuses (`study_full`),
 * and a new member's sockets join the space and its members hear `space:memberJoined`.
 * `beforeInsert` runs in the same transaction (an invite takes its use there). Already a member:
 * nothing happens (false), as when another tab joined a moment before.
 */
export async function admitMember(userId: string, spaceId: string, beforeInsert?: (tx: Tx) => Promise<void>): Promise<boolean> {
  if (await membershipOf(userId, spaceId)) return false;
  if (await isBanned(userId, spaceId)) throw new AppError("banned", "You are banned from this space");
  const { db, t, dialect } = await getDatabase();
  try {
    await db.transaction(async (tx) => {
      // The study group's row lock (a write that changes nothing) first, so two joins for its
      // last seat count one after the other (MySQL); SQLite has one writer anyway.
      await tx
        .update(t.studyGroups)
        .set({ capacity: sql`${t.studyGroups.capacity}` })
        .where(eq(t.studyGroups.spaceId, spaceId));
      const [group] = await tx
        .select({ capacity: t.studyGroups.capacity })
        .from(t.studyGroups)
        .where(eq(t.studyGroups.spaceId, spaceId))
        .limit(1);
      if (group?.capacity != null) {
        const [members] = await tx.select({ n: count() }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, spaceId));
        if ((members?.n ?? 0) >= group.capacity) throw new AppError("study_full", "This study group is full");
      }
      await beforeInsert?.(tx);
      await tx.insert(t.spaceMembers).values({ spaceId, userId, role: "member", joinedAt: new Date() });
    });
  } catch (err) {
    if (dialect.isUniqueViolation(err)) return false; // joined meanwhile in another tab: the use is given back
    throw err;
  }
  joinedSpace(userId, spaceId, "member");
  const member = (await listMembers(spaceId)).find((m) => m.id === userId);
  if (member) events().publish(rooms.space(spaceId), "space:memberJoined", { spaceId, member, at: Date.now() });
  return true;
}

/** Of these users, those who share at least one space with the viewer (and the viewer). */
export async function usersSharingASpace(viewerId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const { db, t } = await getDatabase();
  const mine = db.select({ spaceId: t.spaceMembers.spaceId }).from(t.spaceMembers).where(eq(t.spaceMembers.userId, viewerId));
  const rows = await db
    .selectDistinct({ userId: t.spaceMembers.userId })
    .from(t.spaceMembers)
    .where(and(inArray(t.spaceMembers.spaceId, mine), inArray(t.spaceMembers.userId, userIds)));
  return [...new Set([...rows.map((r) => r.userId), ...(userIds.includes(viewerId) ? [viewerId] : [])])];
}

/** Tells every connected member that the space changed: their screens re-read it. */
export function publishSpaceChanged(spaceId: string): void {
  events().publish(rooms.space(spaceId), "space:changed", { spaceId });
}
