import "server-only";
import { rooms } from "@/lib/realtime/contract";
import { events } from "./sink";

/**
 * Which sockets are in which rooms: the one place that decides it. Rooms are what the access
 * rule (server/services/access.ts) lets a user hear, so every change that grants access adds
 * the user's sockets here, and every change that takes it away removes them here, on every node.
 *
 *   user:<id>, session:<id>      every socket of the user / of one sign-in
 *   space:<id>                   members of a space (its layout, public channels' activity)
 *   space-admins:<id>            its owner and admins (private channels' activity)
 *   members:<channel>            members of a dm, group chat or private channel (activity)
 *   ch:<channel>                 sockets that opened the channel, after the access check
 *   rtc:<channel>                sockets in its video room
 *   presence:<user>              sockets watching that user's presence
 */

/** A socket as far as joining goes (Socket.IO's Socket fits). */
export interface JoinableSocket {
  join(room: string | string[]): unknown;
  leave(room: string): unknown;
}

// ---- a user's sockets, on every node, as their memberships change ---------------------------

/** Joined or created a space (as its owner, an admin or a member). */
export function joinedSpace(userId: string, spaceId: string, role: "owner" | "admin" | "member"): void {
  events().join(rooms.user(userId), role === "member" ? [rooms.space(spaceId)] : [rooms.space(spaceId), rooms.spaceAdmins(spaceId)]);
}

/** Made an admin: hears the activity of every private channel of the space. */
export function becameSpaceAdmin(userId: string, spaceId: string): void {
  events().join(rooms.user(userId), [rooms.spaceAdmins(spaceId)]);
}

/** Demoted to member: only the private channels they were chosen for (their members rooms) stay. */
export function noLongerSpaceAdmin(userId: string, spaceId: string): void {
  events().leave(rooms.user(userId), [rooms.spaceAdmins(spaceId)]);
}

/** Left, kicked or banned: the space's own rooms (its channels go through lostChannels). */
export function leftSpace(userId: string, spaceId: string): void {
  events().leave(rooms.user(userId), [rooms.space(spaceId), rooms.spaceAdmins(spaceId)]);
}

/** A deleted space: its admins' room empties (its channels go through channelsClosed). */
export function spaceClosed(spaceId: string): void {
  closeRooms([rooms.spaceAdmins(spaceId)]);
}

/** Became members of a dm, group chat or private channel: they hear its activity. */
export function joinedChannelMembers(userIds: string[], channelId: string): void {
  for (const id of new Set(userIds)) events().join(rooms.user(id), [rooms.members(channelId)]);
}

/** Out of a private channel's members but still allowed to read it (a space admin). */
export function leftChannelMembers(userId: string, channelId: string): void {
  events().leave(rooms.user(userId), [rooms.members(channelId)]);
}

/** Lost access to these channels: messages, typing, activity and their video rooms stop at once. */
export function lostChannels(userId: string, channelIds: string[]): void {
  events().leave(
    rooms.user(userId),
    channelIds.flatMap((id) => [rooms.channel(id), rooms.members(id), rooms.rtc(id)]),
  );
}

/** Channels that no longer exist: everyone leaves their rooms. */
export function channelsClosed(channelIds: string[]): void {
  closeRooms(channelIds.flatMap((id) => [rooms.channel(id), rooms.members(id)]));
}

/** Taken out of a video room (access gone, or the room closed for everyone with null). */
export function leftVideoRoom(userId: string | null, channelId: string): void {
  if (userId) events().leave(rooms.user(userId), [rooms.rtc(channelId)]);
  else closeRooms([rooms.rtc(channelId)]);
}

/** Another tab of the same user took over the call: that socket leaves it. */
export function replacedInVideoRoom(socketId: string, channelId: string): void {
  events().leave(socketId, [rooms.rtc(channelId)]);
}

/** May no longer see each other's presence (unfriended, no space or conversation shared). */
export function stopWatchingEachOther(a: string, b: string): void {
  events().leave(rooms.user(a), [rooms.presence(b)]);
  events().leave(rooms.user(b), [rooms.presence(a)]);
}

/** No longer see these people's presence. */
export function stopWatching(userId: string, watchedIds: string[]): void {
  events().leave(rooms.user(userId), watchedIds.map(rooms.presence));
}

function closeRooms(roomNames: string[]): void {
  events().leave(roomNames, roomNames);
}

// ---- one socket, as it connects and as its client asks ---------------------------------------

/** What a socket joins as it connects, from the memberships looked up during its handshake. */
export function roomsOnConnect(
  userId: string,
  sessionId: string,
  member: { spaceIds: string[]; adminSpaceIds: string[]; ownMemberChannelIds: string[] },
): string[] {
  return [
    rooms.user(userId),
    rooms.session(sessionId),
    ...member.spaceIds.map(rooms.space),
    ...member.adminSpaceIds.map(rooms.spaceAdmins),
    ...member.ownMemberChannelIds.map(rooms.members),
  ];
}

/** Joins what roomsOnConnect listed, in the tick the socket connects (nothing sent after its "connect" is missed). */
export function joinOnConnect(socket: JoinableSocket, roomNames: string[]): void {
  void socket.join(roomNames);
}

/** The client opened a channel; call only after its access check passed. */
export async function openChannel(socket: JoinableSocket, channelId: string): Promise<void> {
  await socket.join(rooms.channel(channelId));
}

export async function closeChannel(socket: JoinableSocket, channelId: string): Promise<void> {
  await socket.leave(rooms.channel(channelId));
}

/** The socket watches these users' presence now (already filtered to those it may see). */
export async function watchPresence(socket: JoinableSocket, before: string[], visible: string[]): Promise<void> {
  for (const id of before) if (!visible.includes(id)) await socket.leave(rooms.presence(id));
  await socket.join(visible.map(rooms.presence));
}

/** The socket left its video room (it left, joined another, or closed). */
export async function leftVideoRoomSocket(socket: JoinableSocket, channelId: string): Promise<void> {
  await socket.leave(rooms.rtc(channelId));
}

/** The socket entered a video room (after the room store let it in). */
export async function enteredVideoRoom(socket: JoinableSocket, channelId: string): Promise<void> {
  await socket.join(rooms.rtc(channelId));
}
