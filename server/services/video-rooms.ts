import "server-only";
import { eq } from "drizzle-orm";
import { getDatabase } from "../database";
import { AppError } from "@/lib/errors";
import { rooms, type ChannelSummary, type MediaState, type UserSummary } from "@/lib/realtime/contract";
import { getConfig } from "../config";
import { events } from "../events/sink";
import { leftVideoRoom } from "../events/subscriptions";
import { postCommitted } from "../messages/pipeline";
import { videoRoomStore, type CallRecord, type Participant } from "../video-room-store";
import { newId } from "../ids";
import { takeRingToken, takeSendToken } from "../rate-limit";
import { activityRoom, channelSummaryColumns, dmBlocked, requireChannelAccess } from "./access";
import { getUser } from "./users";

export type RoomChannel = Pick<ChannelSummary, "id" | "spaceId" | "name" | "kind" | "isPrivate">;

const toUser = ({ id, name, image }: Participant): UserSummary => ({ id, name, image });
const isCall = (channel: Pick<ChannelSummary, "kind">) => channel.kind === "dm" || channel.kind === "group";

/** Tells everyone who can see the channel who is in its room now (the channel list's occupancy). */
function announce(channel: RoomChannel, participants: Participant[]): void {
  events().publish(activityRoom(channel), "occupancy:update", { spaceId: channel.spaceId, channelId: channel.id, users: participants.map(toUser), at: Date.now() });
}

/**
 * Puts a user's socket into the video room of a video channel, dm or group chat, up to the
 * configured cap (`room_full` past it). The first one in a dm or group rings its other members,
 * unless they are resuming a call they were already in (a reconnect after the room was lost,
 * e.g. a server restart with the in-process store): the others are in it or coming back too.
 * Returns everyone in the room and the user's earlier socket if this one took its place.
 */
export async function enterVideoRoom(
  user: UserSummary,
  socketId: string,
  channelId: string,
  media: MediaState,
  { resume = false }: { resume?: boolean } = {},
) {
  const channel = await requireChannelAccess(user.id, channelId);
  if (channel.kind === "text") throw new AppError("validation", "This channel has no video room");
  // A block stops calls as it stops messages.
  if (channel.kind === "dm" && (await dmBlocked(user.id, channelId))) throw new AppError("blocked", "You cannot call this person");
  if (isCall(channel) && (await videoRoomStore().participants(channelId)).length === 0) await requireRingAllowed(user.id, channelId);
  const result = await videoRoomStore().join(channelId, { ...user, socketId, media }, getConfig().videoRoomCap);
  if (!result.ok) throw new AppError("room_full", "This room is full");
  announce(channel, result.participants);
  if (result.started && !resume && isCall(channel)) {
    // A group without a name of its own rings with the caller's: its title differs for each member.
    events().publish(rooms.members(channelId), "call:incoming", { channelId, caller: user, name: channel.kind === "dm" || !channel.name ? user.name : channel.name });
  }
  return { channel, participants: result.participants, replaced: result.replaced };
}

/**
 * Starting a dm or group call rings the others and leaves a "missed call" if no one comes, so
 * it is limited like a message, and more: it costs a send token, and a caller rings one
 * conversation at most LIMITS.callRingsPerMinute times a minute. Resumed calls count too:
 * the room is empty, so the call they start would be recorded as well.
 */
async function requireRingAllowed(callerId: string, channelId: string): Promise<void> {
  if (!(await takeRingToken(callerId, channelId))) throw new AppError("too_many_calls", "Too many calls to this conversation: try again in a minute");
  if (!(await takeSendToken(callerId))) throw new AppError("rate_limited", "Slow down: too many messages");
}

/** Takes a socket out of a room (leaving, closing the tab, a dropped connection). */
export async function leaveVideoRoom(channel: RoomChannel, socketId: string): Promise<Participant[]> {
  const { participants, ended } = await videoRoomStore().leave(channel.id, socketId);
  announce(channel, participants);
  if (ended) await endCall(channel, ended);
  return participants;
}

/**
 * A dm or group call is over: banners go away, and the conversation records it as a system
 * message — "missed" when no one joined the caller. Only one node sees a room go empty (the
 * store decides atomically), so this runs once per call.
 */
async function endCall(channel: RoomChannel, call: CallRecord): Promise<void> {
  if (!isCall(channel)) return;
  events().publish(rooms.members(channel.id), "call:ended", { channelId: channel.id });
  const caller = await getUser(call.callerId);
  if (!caller) return;
  // The caller may have left the group meanwhile: then the call goes unrecorded.
  const full = await requireChannelAccess(caller.id, channel.id).catch(() => null);
  if (!full) return;
  const missed = call.peak < 2;
  const event = { type: "call" as const, actor: caller, missed, ...(missed ? {} : { seconds: Math.round(call.answeredMs / 1000) }) };
  // The call's end is decided once (by the room store); the id made here is reused by retries.
  await postCommitted(full, { author: caller, clientId: `sys:call:${newId()}`, body: "", system: event });
}

/** Who is in each of these rooms now (the channel list shows them). Empty rooms are left out. */
export async function videoOccupants(channelIds: string[]): Promise<Record<string, UserSummary[]>> {
  const store = videoRoomStore();
  const entries = await Promise.all(channelIds.map(async (id) => [id, (await store.participants(id)).map(toUser)] as const));
  return Object.fromEntries(entries.filter(([, users]) => users.length > 0));
}

/**
 * Takes a user (or, with null, everyone) out of these channels' video rooms because access was
 * taken away: kicked, banned, left the group, out of a private channel, blocked, channel deleted.
 * Their sockets leave the rtc rooms on every node, the others see them go, and they are told.
 */
export async function evictFromVideoRooms(userId: string | null, channelIds: string[]): Promise<void> {
  for (const channelId of channelIds) {
    const { gone, participants, ended } = await videoRoomStore().evict(channelId, userId);
    if (gone.length === 0) continue;
    for (const socketId of gone) events().publish(rooms.rtc(channelId), "rtc:peerLeft", { channelId, socketId });
    if (userId) {
      events().publish(rooms.user(userId), "rtc:ended", { channelId, reason: "removed" });
      leftVideoRoom(userId, channelId);
    } else {
      events().publish(rooms.rtc(channelId), "rtc:ended", { channelId, reason: "removed" });
      leftVideoRoom(null, channelId);
    }
    await videoRoomChanged(channelId, participants, ended);
  }
}

/** After a sweep or an eviction took sockets out of a room: tell its audience, end the call if it emptied. */
export async function videoRoomChanged(
  channelId: string,
  participants: Participant[],
  ended: CallRecord | null,
): Promise<RoomChannel | null> {
  const { db, t } = await getDatabase();
  const [channel] = await db.select(channelSummaryColumns(t)).from(t.channels).where(eq(t.channels.id, channelId)).limit(1);
  if (!channel) return null;
  announce(channel, participants);
  if (ended) await endCall(channel, ended);
  return channel;
}

/** Turning down a call in a dm or group tells those in it. */
export async function declineCall(user: UserSummary, channelId: string): Promise<void> {
  const channel = await requireChannelAccess(user.id, channelId);
  if (!isCall(channel)) throw new AppError("validation", "Only calls in conversations can be declined");
  events().publish(rooms.rtc(channelId), "call:declined", { channelId, user });
}
