import "server-only";
import { channelsClosed, lostChannels } from "../events/subscriptions";
import { evictFromVideoRooms } from "./video-rooms";

/**
 * The one step for taking channels away from a user once their rows are gone (kicked, banned,
 * left a group, taken out of a private channel, demoted from admin): on every node their sockets
 * leave the channels' rooms — messages, typing, activity — and their video rooms, at once.
 * Handlers that relay (typing, rtc signals) check room membership, so this also stops those.
 */
export async function revokeChannelAccess(userId: string, channelIds: string[]): Promise<void> {
  lostChannels(userId, channelIds);
  await evictFromVideoRooms(userId, channelIds);
}

/** Channels that no longer exist (a deleted channel or space): everyone leaves their rooms. */
export async function closeChannels(channelIds: string[]): Promise<void> {
  channelsClosed(channelIds);
  await evictFromVideoRooms(null, channelIds);
}
