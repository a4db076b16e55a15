import "server-only";
import { and, count, desc, eq, exists, inArray, isNotNull, sql, type Column, type SQL } from "drizzle-orm";
import { getDatabase, type Database } from "../database";
import { AppError } from "@/lib/errors";
import { rooms } from "@/lib/realtime/contract";
import {
  STUDY_LIMITS,
  type DirectoryQuery,
  studySettingsInput,
  type StudyGroupCard,
  type StudyGroupInfo,
  type StudyGroupSettings,
  type StudyViewerState,
} from "@/lib/study-groups";
import { events } from "../events/sink";
import { studyStatuses } from "../study/status";
import { containsPattern } from "../messages/sql-search";
import { ADMINS, isSpaceMember, requireSpaceMember, requireSpaceRole } from "./spaces";

/**
 * Study groups: any space can be one (its owner and admins say so in its settings). This file
 * holds the settings and the public directory; joining and join requests are in
 * ./study-requests.ts, "문의하기" chats in ./study-inquiries.ts. Joining itself is the one join
 * of ./spaces.ts (admitMember), which applies bans and the capacity kept here.
 *
 * A stranger (signed in, not a member) sees a listed group's directory card and nothing else:
 * the space view and its channels keep refusing them (getSpaceView, requireChannelAccess).
 */

type GroupRow = typeof import("@/db/schema/sqlite").studyGroups.$inferSelect;

/** The space's study group, or null; anyone may ask (callers decide what to show). */
export async function studyGroupOf(spaceId: string): Promise<GroupRow | null> {
  const { db, t } = await getDatabase();
  const [row] = await db.select().from(t.studyGroups).where(eq(t.studyGroups.spaceId, spaceId)).limit(1);
  return row ?? null;
}

async function tagsOf(spaceIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (spaceIds.length === 0) return out;
  const { db, t } = await getDatabase();
  const rows = await db
    .select()
    .from(t.studyGroupTags)
    .where(inArray(t.studyGroupTags.spaceId, spaceIds))
    .orderBy(t.studyGroupTags.spaceId, t.studyGroupTags.tag);
  for (const r of rows) out.set(r.spaceId, [...(out.get(r.spaceId) ?? []), r.tag]);
  return out;
}

function settingsOf(row: GroupRow, tags: string[]): StudyGroupSettings {
  return {
    description: row.description,
    target: row.target,
    capacity: row.capacity,
    status: row.status,
    listed: row.listed,
    joinMode: row.joinMode,
    tags,
  };
}

export async function memberCountOf(spaceId: string): Promise<number> {
  const { db, t } = await getDatabase();
  const [row] = await db.select({ n: count() }).from(t.spaceMembers).where(eq(t.spaceMembers.spaceId, spaceId));
  return row?.n ?? 0;
}

export async function pendingRequestCount(spaceId: string): Promise<number> {
  const { db, t } = await getDatabase();
  const r = t.studyJoinRequests;
  const [row] = await db
    .select({ n: count() })
    .from(r)
    .where(and(eq(r.spaceId, spaceId), eq(r.status, "pending")));
  return row?.n ?? 0;
}

/** What a member's space screen shows of its study group (null: not one). */
export async function getStudyGroup(userId: string, spaceId: string): Promise<{ group: StudyGroupInfo | null }> {
  const role = await requireSpaceMember(userId, spaceId);
  const row = await studyGroupOf(spaceId);
  if (!row) return { group: null };
  const [tags, memberCount, pending] = await Promise.all([
    tagsOf([spaceId]),
    memberCountOf(spaceId),
    role === "member" ? 0 : pendingRequestCount(spaceId),
  ]);
  return { group: { ...settingsOf(row, tags.get(spaceId) ?? []), memberCount, pendingRequests: pending } };
}

/**
 * The owner and admins make the space a study group, change what its card says, or make it an
 * ordinary space again (`enabled: false`: its card, tags and pending requests go). Its members'
 * screens hear `study:changed`.
 */
export async function updateStudyGroup(userId: string, spaceId: string, input: unknown): Promise<{ group: StudyGroupInfo | null }> {
  const { enabled, tags, ...settings } = studySettingsInput.parse(input);
  await requireSpaceRole(userId, spaceId, ADMINS);
  const { db, t } = await getDatabase();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.delete(t.studyGroupTags).where(eq(t.studyGroupTags.spaceId, spaceId));
    if (!enabled) {
      await tx.delete(t.studyGroups).where(eq(t.studyGroups.spaceId, spaceId));
      await tx.delete(t.studyJoinRequests).where(and(eq(t.studyJoinRequests.spaceId, spaceId), eq(t.studyJoinRequests.status, "pending")));
      return;
    }
    const [existing] = await tx
      .select({ id: t.studyGroups.spaceId })
      .from(t.studyGroups)
      .where(eq(t.studyGroups.spaceId, spaceId))
      .limit(1);
    if (existing)
      await tx
        .update(t.studyGroups)
        .set({ ...settings, updatedAt: now })
        .where(eq(t.studyGroups.spaceId, spaceId));
    else await tx.insert(t.studyGroups).values({ spaceId, ...settings, createdAt: now, updatedAt: now });
    if (tags.length) await tx.insert(t.studyGroupTags).values(tags.map((tag) => ({ spaceId, tag })));
  });
  publishStudyChanged(spaceId);
  if (!enabled) events().publish(rooms.spaceAdmins(spaceId), "study:requests", { spaceId, pending: 0 });
  return getStudyGroup(userId, spaceId);
}

/** Removes a deleted space's study group (its inquiry chats stay, as dms, with their history). */
export async function forgetStudyGroup(spaceId: string): Promise<void> {
  const { db, t } = await getDatabase();
  await db.transaction(async (tx) => {
    await tx.delete(t.studyGroupTags).where(eq(t.studyGroupTags.spaceId, spaceId));
    await tx.delete(t.studyGroups).where(eq(t.studyGroups.spaceId, spaceId));
    await tx.delete(t.studyJoinRequests).where(eq(t.studyJoinRequests.spaceId, spaceId));
  });
}

export function publishStudyChanged(spaceId: string): void {
  events().publish(rooms.space(spaceId), "study:changed", { spaceId });
}

// ---- the directory -------------------------------------------------------------------------

/** `column` holds `text` anywhere, case folded (the MySQL columns are utf8mb4_bin). */
function contains(kind: Database["kind"], column: Column, text: string): SQL {
  const pattern = containsPattern(text.toLowerCase());
  return kind === "sqlite" ? sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'` : sql`LOWER(${column}) LIKE ${pattern} ESCAPE '\\\\'`;
}

/**
 * Listed study groups, newest first, a page at a time: by part of a name, tag or target
 * (`q`: 정보 finds 정보처리기사), by one exact tag, by status. Each card says where the viewer
 * stands (member, asked to join, neither) and carries nothing but the card.
 */
export async function listDirectory(userId: string, query: DirectoryQuery): Promise<{ groups: StudyGroupCard[]; hasMore: boolean }> {
  const { q, tag, status, page = 1 } = query; // parsed by the route (directoryQuery): its page is a number by then
  const { db, t, kind } = await getDatabase();
  const g = t.studyGroups;
  const tags = t.studyGroupTags;
  const text = q?.trim();
  const tagged = (cond: SQL) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(tags)
        .where(and(eq(tags.spaceId, g.spaceId), cond)),
    );
  const where = and(
    eq(g.listed, true),
    status ? eq(g.status, status) : undefined,
    tag ? tagged(eq(tags.tag, tag)) : undefined,
    text
      ? sql`(${contains(kind, t.spaces.name, text)} OR ${contains(kind, g.target, text)} OR ${tagged(contains(kind, tags.tag, text))})`
      : undefined,
  );
  const size = STUDY_LIMITS.directoryPageSize;
  const rows = await db
    .select({
      group: g,
      name: t.spaces.name,
      icon: t.spaces.icon,
      ownerId: t.spaces.ownerId,
      ownerName: t.users.name,
      ownerImage: t.users.image,
      memberCount: sql<number>`(select count(*) from ${t.spaceMembers} where ${t.spaceMembers.spaceId} = ${g.spaceId})`,
    })
    .from(g)
    .innerJoin(t.spaces, eq(t.spaces.id, g.spaceId))
    .leftJoin(t.users, eq(t.users.id, t.spaces.ownerId))
    .where(where)
    .orderBy(desc(g.createdAt), desc(g.spaceId))
    .limit(size + 1)
    .offset((page - 1) * size);
  const shown = rows.slice(0, size);
  const cards = await cardsFor(
    userId,
    shown.map((r) => ({ ...r, memberCount: Number(r.memberCount) })),
  );
  return { groups: cards, hasMore: rows.length > size };
}

/** One listed group's card (or a group the viewer is in), for the card's own refresh after an action. */
export async function directoryCard(userId: string, spaceId: string): Promise<StudyGroupCard> {
  const { db, t } = await getDatabase();
  const [row] = await db
    .select({
      group: t.studyGroups,
      name: t.spaces.name,
      icon: t.spaces.icon,
      ownerId: t.spaces.ownerId,
      ownerName: t.users.name,
      ownerImage: t.users.image,
    })
    .from(t.studyGroups)
    .innerJoin(t.spaces, eq(t.spaces.id, t.studyGroups.spaceId))
    .leftJoin(t.users, eq(t.users.id, t.spaces.ownerId))
    .where(eq(t.studyGroups.spaceId, spaceId))
    .limit(1);
  if (!row || (!row.group.listed && !(await isSpaceMember(userId, spaceId))))
    throw new AppError("forbidden", "You cannot see this study group");
  const [card] = await cardsFor(userId, [{ ...row, memberCount: await memberCountOf(spaceId) }]);
  return card!;
}

async function cardsFor(
  userId: string,
  rows: Array<{
    group: GroupRow;
    name: string;
    icon: string | null;
    ownerId: string;
    ownerName: string | null;
    ownerImage: string | null;
    memberCount: number;
  }>,
): Promise<StudyGroupCard[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.group.spaceId);
  const { db, t } = await getDatabase();
  const [tags, mine, asked, inquiries, studying] = await Promise.all([
    tagsOf(ids),
    db
      .select({ spaceId: t.spaceMembers.spaceId })
      .from(t.spaceMembers)
      .where(and(eq(t.spaceMembers.userId, userId), inArray(t.spaceMembers.spaceId, ids))),
    db
      .select({ spaceId: t.studyJoinRequests.spaceId, status: t.studyJoinRequests.status })
      .from(t.studyJoinRequests)
      .where(
        and(
          eq(t.studyJoinRequests.userId, userId),
          inArray(t.studyJoinRequests.status, ["pending", "declined"]),
          inArray(t.studyJoinRequests.spaceId, ids),
        ),
      ),
    db
      .select({ spaceId: t.studyInquiries.spaceId, channelId: t.studyInquiries.channelId })
      .from(t.studyInquiries)
      .where(and(eq(t.studyInquiries.askerId, userId), inArray(t.studyInquiries.spaceId, ids))),
    studyingNowOf(ids),
  ]);
  const members = new Set(mine.map((r) => r.spaceId));
  const askedState = new Map(asked.map((r) => [r.spaceId, r.status as "pending" | "declined"]));
  const inquiryOf = new Map(inquiries.map((r) => [r.spaceId, r.channelId]));
  return rows.map((r) => {
    const id = r.group.spaceId;
    // A declined ask is told after a reload too (the asker may ask again).
    const me: StudyViewerState = members.has(id) ? "member" : (askedState.get(id) ?? "none");
    return {
      ...settingsOf(r.group, tags.get(id) ?? []),
      spaceId: id,
      name: r.name,
      icon: r.icon,
      organizer: { id: r.ownerId, name: r.ownerName ?? "", image: r.ownerImage },
      memberCount: r.memberCount,
      me,
      inquiryChannelId: inquiryOf.get(id) ?? null,
      studyingNow: studying.get(id) ?? 0,
    };
  });
}

/** Members looked at for the cards' "studying now", over all of a page's groups. */
const STUDYING_NOW_MEMBERS_MAX = 1000;

/**
 * How many members of each group are studying right now (a running timer, not on a break): one
 * query for the page's members with a running timer (bounded), one studyStatuses call. A count
 * only: a stranger learns no names.
 */
async function studyingNowOf(spaceIds: string[]): Promise<Map<string, number>> {
  const { db, t } = await getDatabase();
  const running = await db
    .select({ spaceId: t.spaceMembers.spaceId, userId: t.spaceMembers.userId })
    .from(t.spaceMembers)
    .innerJoin(t.studyTimers, eq(t.studyTimers.userId, t.spaceMembers.userId))
    .where(and(inArray(t.spaceMembers.spaceId, spaceIds), isNotNull(t.studyTimers.runningSince)))
    .limit(STUDYING_NOW_MEMBERS_MAX);
  const counts = new Map<string, number>();
  if (running.length === 0) return counts;
  const statuses = await studyStatuses([...new Set(running.map((r) => r.userId))]);
  for (const r of running) if (statuses.get(r.userId)?.state === "studying") counts.set(r.spaceId, (counts.get(r.spaceId) ?? 0) + 1);
  return counts;
}
