import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { AppError } from "@/lib/errors";
import { rooms, type SpaceMember, type SpaceView } from "@/lib/realtime/contract";
import { createSpaceInput } from "@/lib/schemas";
import { newId, newToken } from "../ids";
import { joinUserTo, publish } from "../realtime/emitter";
import { videoOccupants } from "./video-rooms";

export interface SpaceSummary {
  id: string;
  name: string;
  defaultChannelId: string | null;
}

/** A new space starts with its owner and a #general text channel. */
export async function createSpace(userId: string, input: { name: string }): Promise<{ space: SpaceSummary }> {
  const { name } = createSpaceInput.parse(input);
  const { db, t } = await getDatabase();
  const now = new Date();
  const space = { id: newId(), name, ownerId: userId, createdAt: now };
  const general = {
    id: newId(),
    spaceId: space.id,
    name: "general",
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
  joinUserTo(userId, rooms.space(space.id));
  return { space: { id: space.id, name, defaultChannelId: general.id } };
}

export async function listMySpaces(userId: string): Promise<SpaceSummary[]> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({
      id: t.spaces.id,
      name: t.spaces.name,
      defaultChannelId: sql<
        string | null
      >`(select ${t.channels.id} from ${t.channels} where ${t.channels.spaceId} = ${t.spaces.id} and ${t.channels.kind} = 'text' order by ${t.channels.position}, ${t.channels.id} limit 1)`,
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

/** Throws unless the user is a member of the space; returns their role. */
export async function requireSpaceMember(userId: string, spaceId: string): Promise<SpaceMember["role"]> {
  const membership = await membershipOf(userId, spaceId);
  if (!membership) throw new AppError("forbidden", "You are not a member of this space");
  return membership.role;
}

/** Everything the space screen shows, for a member. */
export async function getSpaceView(userId: string, spaceId: string): Promise<SpaceView> {
  const { db, t } = await getDatabase();
  const [space] = await db
    .select({ id: t.spaces.id, name: t.spaces.name, ownerId: t.spaces.ownerId, icon: t.spaces.icon })
    .from(t.spaces)
    .where(eq(t.spaces.id, spaceId))
    .limit(1);
  if (!space) throw new AppError("not_found", "No such space");
  const myRole = await requireSpaceMember(userId, spaceId);
  const [channels, categories, members] = await Promise.all([
    db
      .select({
        id: t.channels.id,
        spaceId: t.channels.spaceId,
        name: t.channels.name,
        kind: t.channels.kind,
        lastSeq: t.channels.lastSeq,
        categoryId: t.channels.categoryId,
        isPrivate: t.channels.isPrivate,
        member: t.channelMembers.userId,
      })
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
  const visible = channels
    .filter((c) => !c.isPrivate || c.member !== null || myRole !== "member")
    .map(({ member: _member, ...channel }) => channel);
  const occupants = await videoOccupants(visible.filter((c) => c.kind === "video").map((c) => c.id));
  return { space, myRole, categories, channels: visible, members, occupants };
}

async function listMembers(spaceId: string): Promise<SpaceMember[]> {
  const { db, t } = await getDatabase();
  return db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, role: t.spaceMembers.role })
    .from(t.spaceMembers)
    .innerJoin(t.users, eq(t.users.id, t.spaceMembers.userId))
    .where(eq(t.spaceMembers.spaceId, spaceId))
    .orderBy(asc(t.spaceMembers.joinedAt));
}

/** Any member may invite; the link works until revoked (expiry and use limits come later). */
export async function createInvite(userId: string, spaceId: string): Promise<{ code: string }> {
  await requireSpaceMember(userId, spaceId);
  const { db, t } = await getDatabase();
  const code = newToken(9);
  await db.insert(t.invites).values({ code, spaceId, createdBy: userId, uses: 0, createdAt: new Date() });
  return { code };
}

export interface InvitePreview {
  code: string;
  space: { id: string; name: string };
  memberCount: number;
  inviter: string;
}

async function findUsableInvite(code: string) {
  const { db, t } = await getDatabase();
  const [invite] = await db.select().from(t.invites).where(eq(t.invites.code, code)).limit(1);
  const usable = invite && (!invite.expiresAt || invite.expiresAt > new Date()) && (invite.maxUses == null || invite.uses < invite.maxUses);
  if (!usable) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  return invite;
}

export async function getInvitePreview(code: string): Promise<InvitePreview> {
  const invite = await findUsableInvite(code);
  const { db, t } = await getDatabase();
  const [[space], [members], [inviter]] = await Promise.all([
    db.select({ id: t.spaces.id, name: t.spaces.name }).from(t.spaces).where(eq(t.spaces.id, invite.spaceId)).limit(1),
    db.select({ n: count() }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, invite.spaceId)),
    db.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, invite.createdBy)).limit(1),
  ]);
  if (!space) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  return { code, space, memberCount: members?.n ?? 0, inviter: inviter?.name ?? "" };
}

/** Joins the space behind an invite. Joining a space one is already in is a no-op. */
export async function acceptInvite(userId: string, code: string): Promise<{ space: SpaceSummary }> {
  const invite = await findUsableInvite(code);
  const { db, t, dialect } = await getDatabase();
  let joined = false;
  if (!(await membershipOf(userId, invite.spaceId))) {
    try {
      await db.transaction(async (tx) => {
        await tx.insert(t.spaceMembers).values({ spaceId: invite.spaceId, userId, role: "member", joinedAt: new Date() });
        await tx
          .update(t.invites)
          .set({ uses: sql`${t.invites.uses} + 1` })
          .where(eq(t.invites.code, code));
      });
      joined = true;
    } catch (err) {
      if (!dialect.isUniqueViolation(err)) throw err; // joined meanwhile in another tab
    }
  }
  const space = (await listMySpaces(userId)).find((s) => s.id === invite.spaceId);
  if (!space) throw new AppError("invite_invalid", "This invite is invalid or has expired");
  if (joined) {
    joinUserTo(userId, rooms.space(invite.spaceId));
    const member = (await listMembers(invite.spaceId)).find((m) => m.id === userId);
    if (member) publish(rooms.space(invite.spaceId), "space:memberJoined", { spaceId: invite.spaceId, member });
  }
  return { space };
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
