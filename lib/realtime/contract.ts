/**
 * The realtime protocol: every Socket.IO event, its payload schema and its ack.
 * Server and browser both import this file; nothing else names an event.
 */
import { z } from "zod";
import type { Result } from "../errors";
import { clientId, id, messageBody } from "../schemas";

export const PROTOCOL_VERSION = 1;
/** The handshake error a client gets when its PROTOCOL_VERSION is not the server's. */
export const PROTOCOL_MISMATCH = "protocol_mismatch";

// ---- shapes carried by events ---------------------------------------------------------

export interface UserSummary {
  id: string;
  name: string;
  image: string | null;
}

export interface ChatMessage {
  id: string;
  channelId: string;
  seq: number;
  clientId: string;
  body: string;
  createdAt: string;
  author: UserSummary;
}

export interface ChannelSummary {
  id: string;
  spaceId: string | null;
  name: string;
  kind: "text" | "video";
  lastSeq: number;
}

export interface SpaceMember extends UserSummary {
  role: "owner" | "admin" | "member";
}

/** Everything the space screen shows, for a member. */
export interface SpaceView {
  space: { id: string; name: string; ownerId: string };
  myRole: SpaceMember["role"];
  channels: ChannelSummary[];
  members: SpaceMember[];
}

// ---- client → server ------------------------------------------------------------------

export const clientPayloads = {
  /** Subscribe to a channel's live events and get its latest page of history. */
  "channel:join": z.object({ channelId: id }),
  "channel:leave": z.object({ channelId: id }),
  "message:send": z.object({ channelId: id, clientId, body: messageBody }),
} as const;

export type ClientEvent = keyof typeof clientPayloads;
export type ClientPayload<E extends ClientEvent> = z.input<(typeof clientPayloads)[E]>;

/** What each client event's ack carries when it succeeds. */
export interface AckData {
  "channel:join": { channel: ChannelSummary; messages: ChatMessage[] };
  "channel:leave": object;
  "message:send": { message: ChatMessage };
}

export type Ack<E extends ClientEvent> = Result<AckData[E]>;

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientPayload<E>, ack: (result: Ack<E>) => void) => void;
};

// ---- server → client ------------------------------------------------------------------

export interface ServerToClientEvents {
  /** A message was stored in a channel the socket has joined. */
  "message:new": (message: ChatMessage) => void;
  /** Someone joined a space whose channel the socket has joined. */
  "space:memberJoined": (event: { spaceId: string; member: SpaceMember }) => void;
}

// ---- rooms ----------------------------------------------------------------------------

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  channel: (channelId: string) => `ch:${channelId}`,
  space: (spaceId: string) => `space:${spaceId}`,
} as const;
