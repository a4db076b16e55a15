import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { rooms } from "@/lib/realtime/contract";
import { decideRequestInput, joinRequestInput, type JoinMode, type StudyGroupCard, type StudyJoinRequest } from "@/lib/study-groups";
import { events } from "../events/sink";
import { ADMINS, admitMember, isBanned, listMySpaces, requireSpaceRole } from "./spaces";
import { directoryCard, memberCountOf, pendingRequestCount, studyGroupOf } from "./study-groups";

/**
 * Getting into a study group from its directory card: joining directly, or asking (one pending
 * request per person and group) for its owner or an admin to approve or decline. Both end in
 * admitMember (./spaces.ts), the one join, so bans and the group's capacity hold here as for
 * invites. Owners and admins hear `study:requests` (the live count), the asker
 * `study:requestDecided`.
 */

/** A listed group that still takes people, by this join mode; anyone else is refused plainly. */
async function requireJoinable(spaceId: string, mode: JoinMode) {
  const group = await studyGroupOf(spaceId);
  // An unlisted group is not there for a stranger: the same answer as no group at all.
  if (!group?.listed) throw new AppError("forbidden", "You cannot see this study group");
  if (group.status === "finished") throw new AppError("study_closed", "This study group has finished");
  if (group.joinMode !== mode) throw new AppError("study_join_mode", `This study group is joined by ${group.joinMode}`);
  return group;
}

/** Joins a listed group that admits directly; answers its card as the viewer now sees it. */
export async function joinStudyGroup(userId: string, spaceId: string): Promise<{ card: StudyGroupCard }> {
  await requireJoinable(spaceId, "direct");
  await admitMember(userId, spaceId);
  return { card: await directoryCard(userId, spaceId) };
}

/**
 * Asks to join a group that admits by request, with an optional message. A banned person may
 * not ask; a member need not; a second ask while one is pending is `study_request_pending`
 * (the row per person and group is the one pending request: concurrent asks meet its key).
 */
export async function requestToJoin(userId: string, spaceId: string, input: unknown): Promise<{ card: StudyGroupCard }> {
  const { message } = joinRequestInput.parse(input ?? {});
  const group = await requireJoinable(spaceId, "request");
  if (await isBanned(userId, spaceId)) throw new AppError("banned", "You are banned from this space");
  const card = await directoryCard(userId, spaceId);
  if (card.me === "member") return { card };
  if (card.me === "pending") throw new AppError("study_request_pending", "You have already asked to join");
  if (group.capacity !== null && (await memberCountOf(spaceId)) >= group.capacity)
    throw new AppError("study_full", "This study group is full");
  const { db, t, dialect } = await getDatabase();
  const r = t.studyJoinRequests;
  const now = new Date();
  const fresh = { message, status: "pending" as const, createdAt: now, decidedAt: null, decidedBy: null };
  // An earlier ask (declined, cancelled, approved before leaving) is asked again in its row.
  const again = await db
    .update(r)
    .set(fresh)
    .where(and(eq(r.spaceId, spaceId), eq(r.userId, userId), ne(r.status, "pending")));
  if (dialect.affectedRows(again) === 0) {
    try {
      await db.insert(r).values({ spaceId, userId, ...fresh });
    } catch (err) {
      if (dialect.isUniqueViolation(err)) throw new AppError("study_request_pending", "You have already asked to join");
      throw err;
    }
  }
  await publishPending(spaceId);
  return { card: await directoryCard(userId, spaceId) };
}

/** The asker takes back their pending request (nothing pending: nothing happens). */
export async function cancelJoinRequest(userId: string, spaceId: string): Promise<{ card: StudyGroupCard }> {
  const { db, t, dialect } = await getDatabase();
  const r = t.studyJoinRequests;
  const done = await db
    .update(r)
    .set({ status: "cancelled", decidedAt: new Date(), decidedBy: userId })
    .where(and(eq(r.spaceId, spaceId), eq(r.userId, userId), eq(r.status, "pending")));
  if (dialect.affectedRows(done) > 0) await publishPending(spaceId);
  return { card: await directoryCard(userId, spaceId) };
}

/** The group's pending requests, oldest first, for its owner and admins. */
export async function listJoinRequests(userId: string, spaceId: string): Promise<{ requests: StudyJoinRequest[] }> {
  await requireSpaceRole(userId, spaceId, ADMINS);
  const { db, t } = await getDatabase();
  const r = t.studyJoinRequests;
  const rows = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, message: r.message, createdAt: r.createdAt })
    .from(r)
    .innerJoin(t.users, eq(t.users.id, r.userId))
    .where(and(eq(r.spaceId, spaceId), eq(r.status, "pending")))
    .orderBy(asc(r.createdAt), asc(r.userId));
  return {
    requests: rows.map(({ message, createdAt, ...user }) => ({ user, message, createdAt: createdAt.toISOString() })),
  };
}

/**
 * An owner or admin approves (the asker joins, through admitMember: a ban or a full group
 * refuses and the request stays pending) or declines a pending request. The request is claimed
 * with one conditional update first, so two admins deciding at once decide it once.
 */
export async function decideJoinRequest(
  actorId: string,
  spaceId: string,
  requesterId: string,
  input: unknown,
): Promise<{ approved: boolean }> {
  const { approve } = decideRequestInput.parse(input);
  await requireSpaceRole(actorId, spaceId, ADMINS);
  const { db, t, dialect } = await getDatabase();
  const r = t.studyJoinRequests;
  const mine = and(eq(r.spaceId, spaceId), eq(r.userId, String(requesterId)));
  const claimed = await db
    .update(r)
    .set({ status: approve ? "approved" : "declined", decidedAt: new Date(), decidedBy: actorId })
    .where(and(mine, eq(r.status, "pending")));
  if (dialect.affectedRows(claimed) !== 1) throw new AppError("not_found", "No such pending request");
  if (approve) {
    try {
      await admitMember(requesterId, spaceId);
    } catch (err) {
      await db.update(r).set({ status: "pending", decidedAt: null, decidedBy: null }).where(mine);
      throw err;
    }
  }
  await publishPending(spaceId);
  const [space] = await db.select({ name: t.spaces.name }).from(t.spaces).where(eq(t.spaces.id, spaceId)).limit(1);
  const defaultChannelId = approve ? ((await listMySpaces(requesterId)).find((s) => s.id === spaceId)?.defaultChannelId ?? null) : null;
  events().publish(rooms.user(requesterId), "study:requestDecided", {
    spaceId,
    spaceName: space?.name ?? "",
    approved: approve,
    defaultChannelId,
  });
  return { approved: approve };
}

async function publishPending(spaceId: string): Promise<void> {
  events().publish(rooms.spaceAdmins(spaceId), "study:requests", { spaceId, pending: await pendingRequestCount(spaceId) });
}
