import "server-only";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { getConfig } from "../config";
import { publish } from "../realtime/emitter";
import { videoRoomStore, type Participant } from "../video-rooms";
import { activityRoom, requireChannelAccess } from "./access";

/** Video channels, dms and group chats have a video room; text channels do not. */
function requireVideoRoom(channel: ChannelSummary): void {
  if (channel.kind === "text") throw new AppError("validation", "This channel has no video room");
}

const toUser = ({ id, name, image }: Participant): UserSummary => ({ id, name, image });

/** Tells everyone who can see the channel who is in its room now (the channel list's occupancy). */
function announce(channel: Pick<ChannelSummary, "id" | "spaceId" | "kind" | "isPrivate">, participants: Participant[]): void {
  publish(activityRoom(channel), "occupancy:update", { spaceId: channel.spaceId, channelId: channel.id, users: participants.map(toUser) });
}

/**
 * Puts a user's socket into a channel's video room, up to the configured cap (`room_full`
 * past it). Returns everyone in the room and the user's earlier socket if this one replaced it.
 */
export async function enterVideoRoom(user: UserSummary, socketId: string, channelId: string) {
  const channel = await requireChannelAccess(user.id, channelId);
  requireVideoRoom(channel);
  const result = await videoRoomStore().join(channelId, { ...user, socketId }, getConfig().videoRoomCap);
  if (!result.ok) throw new AppError("room_full", "This room is full");
  announce(channel, result.participants);
  return { channel, participants: result.participants, replaced: result.replaced };
}

/** Takes a socket out of a room (leaving, closing the tab, a dropped connection). */
export async function leaveVideoRoom(
  channel: Pick<ChannelSummary, "id" | "spaceId" | "kind" | "isPrivate">,
  socketId: string,
): Promise<Participant[]> {
  const participants = await videoRoomStore().leave(channel.id, socketId);
  announce(channel, participants);
  return participants;
}

/** Who is in each of these rooms now (the channel list shows them). Empty rooms are left out. */
export async function videoOccupants(channelIds: string[]): Promise<Record<string, UserSummary[]>> {
  const store = videoRoomStore();
  const entries = await Promise.all(channelIds.map(async (id) => [id, (await store.participants(id)).map(toUser)] as const));
  return Object.fromEntries(entries.filter(([, users]) => users.length > 0));
}

/** Tells a room's audience who is in it, knowing only the room's id (after a sweep of a dead node's entries). */
export async function announceVideoRoom(channelId: string, participants: Participant[]): Promise<void> {
  const { db, t } = await getDatabase();
  const [channel] = await db
    .select({ id: t.channels.id, spaceId: t.channels.spaceId, kind: t.channels.kind, isPrivate: t.channels.isPrivate })
    .from(t.channels)
    .where(eq(t.channels.id, channelId))
    .limit(1);
  if (channel) announce(channel, participants);
}
