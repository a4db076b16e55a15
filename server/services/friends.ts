import "server-only";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { getDatabase } from "../database";
import { getMessageStore } from "../messages";
import { AppError } from "@/lib/errors";
import { rooms, type FriendState, type FriendsOverview, type PersonSummary } from "@/lib/realtime/contract";
import { userRef } from "@/lib/schemas";
import { presenceStore } from "../presence-store";
import { events } from "../events/sink";
import { stopWatchingEachOther } from "../events/subscriptions";
import { blockedEitherWay } from "./access";
import { findDmBetween } from "./dms";
import { evictFromVideoRooms } from "./video-rooms";
import { usersSharingASpace } from "./spaces";
import { redeemUndo, signUndo, undoInput } from "../undo-token";

/**
 * Friends and blocks. A pair of users has at most one friendships row (userA < userB): pending
 * (with its requester) or accepted. A block removes that row and keeps the blocked user from
 * making a new one. Every change tells both users' tabs (`friends:changed`), except a block,
 * which only the blocker hears about.
 */

type Pair = { userA: string; userB: string };
const pairOf = (a: string, b: string): Pair => (a < b ? { userA: a, userB: b } : { userA: b, userB: a });

async function friendRow(a: string, b: string) {
  const { db, t } = await getDatabase();
  const { userA, userB } = pairOf(a, b);
  const [row] = await db
    .select({ status: t.friendships.status, requesterId: t.friendships.requesterId, createdAt: t.friendships.createdAt })
    .from(t.friendships)
    .where(and(eq(t.friendships.userA, userA), eq(t.friendships.userB, userB)))
    .limit(1);
  return row ?? null;
}

function stateOf(viewerId: string, row: { status: "pending" | "accepted"; requesterId: string } | null): FriendState {
  if (!row) return "none";
  if (row.status === "accepted") return "friends";
  return row.requesterId === viewerId ? "outgoing" : "incoming";
}

/** Where the viewer stands with the other user. */
export async function friendStateOf(viewerId: string, otherId: string): Promise<FriendState> {
  return stateOf(viewerId, await friendRow(viewerId, otherId));
}

async function requireOther(me: string, input: unknown): Promise<string> {
  const { userId } = userRef.parse(input);
  if (userId === me) throw new AppError("validation", "That is you");
  const { db, t } = await getDatabase();
  const [user] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, userId)).limit(1);
  if (!user) throw new AppError("not_found", "No such user");
  return userId;
}

function tellBoth(a: string, b: string) {
  events().publish(rooms.user(a), "friends:changed");
  events().publish(rooms.user(b), "friends:changed");
}

/**
 * Asks to be friends. Asking someone who already asked you accepts their request; asking again
 * (or asking a friend) changes nothing. Either side's block refuses it with the same error.
 */
export async function sendFriendRequest(me: string, input: unknown): Promise<{ state: FriendState }> {
  const other = await requireOther(me, input);
  if ((await blockedEitherWay(me, [other])).length) throw new AppError("blocked", "You cannot add this person as a friend");
  const { db, t, dialect } = await getDatabase();
  const existing = await friendRow(me, other);
  if (existing) {
    if (stateOf(me, existing) !== "incoming") return { state: stateOf(me, existing) };
    return acceptFriendRequest(me, { userId: other });
  }
  try {
    await db.insert(t.friendships).values({ ...pairOf(me, other), status: "pending", requesterId: me, createdAt: new Date() });
  } catch (err) {
    if (!dialect.isUniqueViolation(err)) throw err;
    // Both asked at the same moment: the other request won the row, so this one accepts it.
    if ((await friendStateOf(me, other)) === "incoming") return acceptFriendRequest(me, { userId: other });
    return { state: await friendStateOf(me, other) };
  }
  tellBoth(me, other);
  return { state: "outgoing" };
}

/** The recipient of a pending request accepts it. */
export async function acceptFriendRequest(me: string, input: unknown): Promise<{ state: FriendState }> {
  const { userId: other } = userRef.parse(input);
  const { db, t } = await getDatabase();
  const { userA, userB } = pairOf(me, other);
  await db
    .update(t.friendships)
    .set({ status: "accepted" })
    .where(
      and(
        eq(t.friendships.userA, userA),
        eq(t.friendships.userB, userB),
        eq(t.friendships.status, "pending"),
        eq(t.friendships.requesterId, other),
      ),
    );
  // Read back rather than count affected rows (the drivers report them differently); a
  // request accepted twice (two tabs) is simply accepted.
  const row = await friendRow(me, other);
  if (row?.status !== "accepted" || row.requesterId !== other) throw new AppError("not_found", "No such friend request");
  tellBoth(me, other);
  return { state: "friends" };
}

/** Deletes the pair's row if it is in the given state (and returns it); not_found otherwise. */
async function deleteRow(me: string, other: string, expected: FriendState): Promise<NonNullable<Awaited<ReturnType<typeof friendRow>>>> {
  const row = await friendRow(me, other);
  if (stateOf(me, row) !== expected) throw new AppError("not_found", "Nothing to remove");
  const { db, t } = await getDatabase();
  const { userA, userB } = pairOf(me, other);
  await db
    .delete(t.friendships)
    .where(
      and(
        eq(t.friendships.userA, userA),
        eq(t.friendships.userB, userB),
        eq(t.friendships.status, row!.status),
        eq(t.friendships.requesterId, row!.requesterId),
      ),
    );
  tellBoth(me, other);
  return row!;
}

/** The recipient of a pending request turns it down. */
export async function declineFriendRequest(me: string, input: unknown): Promise<{ state: FriendState }> {
  await deleteRow(me, userRef.parse(input).userId, "incoming");
  return { state: "none" };
}

/** The requester takes a pending request back. */
export async function cancelFriendRequest(me: string, input: unknown): Promise<{ state: FriendState }> {
  await deleteRow(me, userRef.parse(input).userId, "outgoing");
  return { state: "none" };
}

const kept = (row: NonNullable<Awaited<ReturnType<typeof friendRow>>>) => ({
  status: row.status,
  requesterId: row.requesterId,
  since: row.createdAt.getTime(),
});

/** Either friend ends the friendship. The answer's `undo` brings it back (undoPeopleChange). */
export async function removeFriend(me: string, input: unknown): Promise<{ state: FriendState; undo: string }> {
  const { userId: other } = userRef.parse(input);
  const row = await deleteRow(me, other, "friends");
  await stopWatchingUnlessVisible(me, other);
  return { state: "none", undo: signUndo({ kind: "unfriend", userId: me, otherId: other, friendship: kept(row) }) };
}

/**
 * Blocks someone: any friendship or request between the two goes, and they cannot ask again
 * or dm the blocker. Only the blocker is told; the blocked user learns nothing. The answer's
 * `undo` unblocks and brings back what the block removed.
 */
export async function blockUser(me: string, input: unknown): Promise<{ blocked: true; undo: string }> {
  const other = await requireOther(me, input);
  const { db, t, dialect } = await getDatabase();
  const row = await friendRow(me, other);
  await db.transaction(async (tx) => {
    await tx
      .delete(t.friendships)
      .where(and(eq(t.friendships.userA, pairOf(me, other).userA), eq(t.friendships.userB, pairOf(me, other).userB)));
    try {
      await tx.insert(t.blocks).values({ blockerId: me, blockedId: other, createdAt: new Date() });
    } catch (err) {
      if (!dialect.isUniqueViolation(err)) throw err; // blocked already (another tab)
    }
  });
  events().publish(rooms.user(me), "friends:changed");
  // Their friend list loses the blocker; that they were blocked is not said.
  if (row) events().publish(rooms.user(other), "friends:changed");
  await stopWatchingUnlessVisible(me, other);
  // A call running in their dm ends now, as new ones are refused.
  const dm = await findDmBetween(me, other);
  if (dm) await evictFromVideoRooms(null, [dm]);
  return { blocked: true, undo: signUndo({ kind: "block", userId: me, otherId: other, friendship: row ? kept(row) : null }) };
}

export async function unblockUser(me: string, input: unknown): Promise<{ blocked: false }> {
  const { userId: other } = userRef.parse(input);
  const { db, t } = await getDatabase();
  await db.delete(t.blocks).where(and(eq(t.blocks.blockerId, me), eq(t.blocks.blockedId, other)));
  events().publish(rooms.user(me), "friends:changed");
  return { blocked: false };
}

/**
 * Undoes an unfriend or a block within UNDO_WINDOW_MS (server/undo-token.ts), on the server:
 * a block is lifted, and the friendship or request that the change removed comes back as it
 * was (same requester, same "friends since"), without the other person asking again. That is
 * sound because they had agreed to it moments ago and have done nothing since that says
 * otherwise: if either side has blocked the other meanwhile, the friendship is not restored
 * (an unfriend's undo is then refused with `blocked`). A request either of them sent meanwhile
 * gives way to the restored row, which is what both asked for.
 */
export async function undoPeopleChange(me: string, input: unknown): Promise<{ state: FriendState }> {
  const { token } = undoInput.parse(input);
  const change = await redeemUndo(token, me);
  const other = change.otherId;
  if (change.kind === "block") await unblockUser(me, { userId: other });
  if (change.friendship) {
    const blocked = (await blockedEitherWay(me, [other])).length > 0;
    if (blocked && change.kind === "unfriend") throw new AppError("blocked", "You cannot add this person as a friend");
    if (!blocked) {
      const { db, t } = await getDatabase();
      const pair = pairOf(me, other);
      const { status, requesterId, since } = change.friendship;
      await db.transaction(async (tx) => {
        await tx.delete(t.friendships).where(and(eq(t.friendships.userA, pair.userA), eq(t.friendships.userB, pair.userB)));
        await tx.insert(t.friendships).values({ ...pair, status, requesterId, createdAt: new Date(since) });
      });
      tellBoth(me, other);
    }
  }
  return { state: await friendStateOf(me, other) };
}

/** Everything the friends screen lists. */
export async function getFriendsOverview(me: string): Promise<FriendsOverview> {
  const { db, t } = await getDatabase();
  const person = { id: t.users.id, name: t.users.name, image: t.users.image, statusMessage: t.users.statusMessage };
  const rows = await db
    .select({ ...person, status: t.friendships.status, requesterId: t.friendships.requesterId })
    .from(t.friendships)
    .innerJoin(
      t.users,
      or(
        and(eq(t.friendships.userA, me), eq(t.users.id, t.friendships.userB)),
        and(eq(t.friendships.userB, me), eq(t.users.id, t.friendships.userA)),
      ),
    )
    .where(or(eq(t.friendships.userA, me), eq(t.friendships.userB, me)))
    .orderBy(asc(t.users.name), asc(t.users.id));
  const blocked = await db
    .select(person)
    .from(t.blocks)
    .innerJoin(t.users, eq(t.users.id, t.blocks.blockedId))
    .where(eq(t.blocks.blockerId, me))
    .orderBy(asc(t.users.name), asc(t.users.id));
  const pick = (state: FriendState): PersonSummary[] =>
    rows.filter((r) => stateOf(me, r) === state).map(({ id, name, image, statusMessage }) => ({ id, name, image, statusMessage }));
  return { friends: pick("friends"), incoming: pick("incoming"), outgoing: pick("outgoing"), blocked };
}

/** Of these users, the viewer's friends. */
async function friendsAmong(viewerId: string, userIds: string[]): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ userA: t.friendships.userA, userB: t.friendships.userB })
    .from(t.friendships)
    .where(
      and(
        eq(t.friendships.status, "accepted"),
        or(
          and(eq(t.friendships.userA, viewerId), inArray(t.friendships.userB, userIds)),
          and(eq(t.friendships.userB, viewerId), inArray(t.friendships.userA, userIds)),
        ),
      ),
    );
  return rows.map((r) => (r.userA === viewerId ? r.userB : r.userA));
}

/**
 * People among userIds who share a dm or group chat with the viewer in which both have
 * written (a user message, not a system one): opening a conversation nobody answered, or
 * adding someone to a group, is not enough to follow them.
 */
async function conversationPartnersAmong(viewerId: string, userIds: string[]): Promise<string[]> {
  const { db, t } = await getDatabase();
  const myConversations = db
    .select({ channelId: t.channelMembers.channelId })
    .from(t.channelMembers)
    .innerJoin(t.channels, eq(t.channels.id, t.channelMembers.channelId))
    .where(and(eq(t.channelMembers.userId, viewerId), inArray(t.channels.kind, ["dm", "group"])));
  const members = await db
    .select({ channelId: t.channelMembers.channelId, userId: t.channelMembers.userId })
    .from(t.channelMembers)
    .where(and(inArray(t.channelMembers.channelId, myConversations), inArray(t.channelMembers.userId, userIds)));
  if (members.length === 0) return [];
  // Who wrote is the message store's to say: the viewer in each of these conversations, and each member in theirs.
  const asked = [
    ...[...new Set(members.map((m) => m.channelId))].map((channelId) => ({ channelId, authorId: viewerId })),
    ...members.map(({ channelId, userId }) => ({ channelId, authorId: userId })),
  ];
  const wrote = new Set((await (await getMessageStore()).wroteIn(asked)).map(({ channelId, authorId }) => `${channelId} ${authorId}`));
  const partners = members.filter(({ channelId, userId }) => wrote.has(`${channelId} ${viewerId}`) && wrote.has(`${channelId} ${userId}`));
  return [...new Set(partners.map((m) => m.userId))];
}

/**
 * Whom of these the user may put into a group chat: their friends and the people who share a
 * space with them, as Discord and KakaoTalk let you add only friends. Returns the others.
 */
export async function notAddableBy(userId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const found = await Promise.all([friendsAmong(userId, userIds), usersSharingASpace(userId, userIds)]);
  const addable = new Set(found.flat());
  return userIds.filter((id) => !addable.has(id));
}

/**
 * Whose presence the viewer may see (the viewer's own too): people who share a space with
 * them, their friends, and the people they have talked with (both wrote) in a conversation.
 */
export async function usersVisibleTo(viewerId: string, userIds: string[]): Promise<string[]> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const found = await Promise.all([
    usersSharingASpace(viewerId, wanted),
    friendsAmong(viewerId, wanted),
    conversationPartnersAmong(viewerId, wanted),
  ]);
  const visible = new Set([...found.flat(), ...(wanted.includes(viewerId) ? [viewerId] : [])]);
  return wanted.filter((id) => visible.has(id));
}

/** After a friendship ends: each stops hearing the other's presence unless they still may. */
async function stopWatchingUnlessVisible(a: string, b: string): Promise<void> {
  if ((await usersVisibleTo(a, [b])).length > 0) return;
  stopWatchingEachOther(a, b);
}

/** "Active now" looks at this many online users at most, and shows at most ACTIVE_SHOWN of them. */
const ACTIVE_SCANNED = 1000;
const ACTIVE_SHOWN = 50;

/**
 * People online right now that the viewer may see online anyway (usersVisibleTo: presence has
 * one rule), leaving out the viewer and anyone blocked either way.
 */
export async function listActiveUsers(me: string): Promise<{ users: PersonSummary[] }> {
  const online = ((await presenceStore()?.listOnline(ACTIVE_SCANNED)) ?? []).filter((id) => id !== me);
  const visible = await usersVisibleTo(me, online);
  if (visible.length === 0) return { users: [] };
  const { db, t } = await getDatabase();
  const blocks = await db
    .select({ blockerId: t.blocks.blockerId, blockedId: t.blocks.blockedId })
    .from(t.blocks)
    .where(or(eq(t.blocks.blockerId, me), eq(t.blocks.blockedId, me)));
  const hidden = new Set(blocks.map((b) => (b.blockerId === me ? b.blockedId : b.blockerId)));
  const shown = visible.filter((id) => !hidden.has(id)).slice(0, ACTIVE_SHOWN);
  if (shown.length === 0) return { users: [] };
  const users = await db
    .select({ id: t.users.id, name: t.users.name, image: t.users.image, statusMessage: t.users.statusMessage })
    .from(t.users)
    .where(inArray(t.users.id, shown))
    .orderBy(asc(t.users.name), asc(t.users.id));
  return { users };
}
