/**
 * The realtime protocol: every Socket.IO event, its payload schema and its ack.
 * Server and browser both import this file; nothing else names an event. The browser takes its
 * values from ./contract-constants (no zod) and only types from here.
 */
import { z } from "zod";
import type { Result } from "../errors";
import { LIMITS } from "../limits";
import { clientId, emoji, id, messageBody, searchInput } from "../schemas";
import type { PomodoroState } from "../study-room";

import type { CalendarReminder } from "../calendar";
export { PROTOCOL_MISMATCH, PROTOCOL_VERSION, TOO_MANY_CONNECTIONS, TOO_MANY_SOCKETS } from "./contract-constants";

// ---- shapes carried by events ---------------------------------------------------------

export interface UserSummary {
  id: string;
  name: string;
  image: string | null;
}

/** A quoted original, shown above a reply. */
export interface ReplyPreview {
  id: string;
  seq: number;
  authorId: string;
  authorName: string;
  /** The start of the original's text ("" once it is deleted). */
  excerpt: string;
  deleted: boolean;
}

export interface Reaction {
  emoji: string;
  userIds: string[];
}

/**
 * What a system message says ("Alice invited Bob", "Bob left"). Names are as they were when it
 * happened; the client words it in the reader's language.
 */
export type SystemEvent =
  | { type: "created"; actor: UserSummary; name: string }
  | { type: "invited"; actor: UserSummary; targets: UserSummary[] }
  | { type: "left"; actor: UserSummary }
  | { type: "renamed"; actor: UserSummary; name: string }
  /** `actor` is the caller; `seconds` how long it lasted once answered (absent on calls recorded before it was kept). */
  | { type: "call"; actor: UserSummary; missed: boolean; seconds?: number };

/** A file a message carries (server/services/attachments.ts), fetched from /api/attachments/{id}. */
export interface Attachment {
  id: string;
  kind: "image" | "video" | "file";
  name: string;
  mime: string;
  bytes: number;
  /** A photo's size as shown (upright), known before it loads; null for other files. */
  width: number | null;
  height: number | null;
}

/**
 * A card for a link in a message (server/links), fetched by the server. `image` is a path on
 * this origin (/api/channels/{channelId}/link-previews/{urlHash}/image): the server passes the picture on, so the
 * reader's browser never contacts the linked site.
 */
export interface LinkPreview {
  urlHash: string;
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  image: string | null;
}

/** A message as every client sees it. Mentions are `<@userId>` tokens in `body` (lib/mentions.ts). */
export interface ChatMessage {
  id: string;
  channelId: string;
  seq: number;
  clientId: string;
  /** "" once deleted: the client shows a placeholder. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  author: UserSummary;
  /** Set on system messages (then `body` is ""). */
  system: SystemEvent | null;
  replyTo: ReplyPreview | null;
  reactions: Reaction[];
  /** Photos, videos and files, in the order they were sent; [] once the message is deleted. */
  attachments: Attachment[];
  /** Cards for the message's first links, once fetched; [] when deleted, removed by the author, or previews are off. */
  linkPreviews: LinkPreview[];
}

export type ChannelKind = "text" | "video" | "dm" | "group";

export interface ChannelSummary {
  id: string;
  /** null for dms and group chats. */
  spaceId: string | null;
  name: string;
  kind: ChannelKind;
  lastSeq: number;
  categoryId: string | null;
  /** A private space channel: only its chosen members (and the space's admins) see it. */
  isPrivate: boolean;
}

export interface Category {
  id: string;
  name: string;
}

export interface SpaceMember extends UserSummary {
  role: "owner" | "admin" | "member";
}

/** Everything the space screen shows, for a member. */
export interface SpaceView {
  space: { id: string; name: string; ownerId: string; icon: string | null };
  myRole: SpaceMember["role"];
  /** In display order; channels with no category come first. */
  categories: Category[];
  /** The channels this member can see, in display order. */
  channels: ChannelSummary[];
  members: SpaceMember[];
  /** Who is in each video channel right now. */
  occupants: Record<string, UserSummary[]>;
  /** The server's clock (ms) when this view was read: live events told after it win over it. */
  readAt: number;
}

/** A channel's last seq and the viewer's read cursor in it (its unread count is the gap). */
export interface ChannelReadState {
  lastSeq: number;
  lastReadSeq: number;
}

/** One row of the chat list (KakaoTalk's main screen): a dm or a group chat. */
export interface ConversationSummary {
  id: string;
  kind: "dm" | "group";
  /** The group's name, or the other person's name for a dm; an unnamed group's is the others' names. */
  name: string;
  /** A group with a name of its own (false: it is titled after its other members). */
  named: boolean;
  image: string | null;
  /** Everyone but the viewer (a dm: the other person; a group: the first few). */
  members: UserSummary[];
  memberCount: number;
  lastMessage: {
    seq: number;
    authorName: string;
    body: string;
    /** Names of the people the preview mentions (the viewer included), by id. */
    mentionNames: Record<string, string>;
    system: SystemEvent | null;
    /** Written by someone the viewer blocked: shown as such, never its text. */
    fromBlocked: boolean;
    createdAt: string;
  } | null;
  /** When the conversation last had a message, or was created: the list's order, newest first. */
  lastActivityAt: string;
  unread: number;
  muted: boolean;
  /**
   * A "문의하기" chat (a dm about a study group, server/services/study-inquiries.ts): the group's
   * name for its title, and whether the viewer is the one asking (else the organizer).
   */
  study?: { spaceId: string; spaceName: string; asking: boolean };
}

export type FriendState = "none" | "friends" | "outgoing" | "incoming";

/** A person as their profile card shows them, to the viewer. */
export interface Profile extends UserSummary {
  statusMessage: string | null;
  backgroundImage: string | null;
  /** Where the viewer stands with them. */
  friend: FriendState;
  /** The viewer blocked them. */
  blocked: boolean;
}

/** A person in a list (friends, requests, search results, active now): never their email. */
export interface PersonSummary extends UserSummary {
  statusMessage: string | null;
}

/** Everything the friends screen lists, for the viewer. */
export interface FriendsOverview {
  friends: PersonSummary[];
  /** Requests others sent the viewer. */
  incoming: PersonSummary[];
  /** Requests the viewer sent. */
  outgoing: PersonSummary[];
  blocked: PersonSummary[];
}

/**
 * The personal study timer as every tab of its owner draws it (server/study/timer.ts). Times
 * are the server's clock, ms; a tab draws elapsed time and pomodoro phases with lib/study-timer.ts
 * from `serverNow` (the offset to its own clock), never from its own clock alone.
 */
export interface StudyTimer {
  mode: "stopwatch" | "pomodoro";
  subject: string;
  startedAt: number;
  /** null while paused. */
  runningSince: number | null;
  /** The stretches it ran before the current one, `[start, end]` ms. */
  segments: [number, number][];
  focusMinutes: number | null;
  breakMinutes: number | null;
  /** Send it back with the next command: a command based on an older one is refused (timer_stale). */
  version: number;
}

/** The timer (null: none), and the server's clock when it was read. */
export interface StudyTimerSnapshot {
  timer: StudyTimer | null;
  serverNow: number;
}

/** A recorded stretch of study (one study day's part of it), as its owner lists it. */
export interface StudySessionView {
  id: string;
  subject: string;
  startedAt: number;
  endedAt: number;
  /** Counted time (pauses and pomodoro breaks left out). */
  studiedMs: number;
  pauseCount: number;
  /** `YYYY-MM-DD`, by the owner's study day. */
  studyDay: string;
  source: "timer" | "manual" | "room";
  note: string | null;
  edited: boolean;
}

/** What someone is doing with their timer, for those allowed to see their presence ("who is studying now"). */
export interface StudyStatusView {
  state: "studying" | "break" | "paused";
  subject: string;
  /** When the running stretch started (null while paused), server clock ms. */
  since: number | null;
  /** Studied in their own study day so far, ms, at `serverNow`. */
  todayMs: number;
}

// ---- client → server ------------------------------------------------------------------

const seq = z.number().int().min(0);

/** A study subject: trimmed, 1–LIMITS.studySubjectMax characters, no control characters. */
export const studySubject = z
  .string()
  .max(LIMITS.studySubjectMax * 4, { abort: true })
  .trim()
  .min(1)
  .max(LIMITS.studySubjectMax)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters");
export const studyNote = z.string().max(LIMITS.studyNoteMax * 2, { abort: true }).trim().max(LIMITS.studyNoteMax);
const timerVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One command to the personal study timer; every change carries the `version` it was based on. */
export const studyTimerCommand = z.discriminatedUnion("action", [
  z.object({ action: z.literal("get") }).strict(),
  z
    .object({
      action: z.literal("start"),
      subject: studySubject,
      mode: z.enum(["stopwatch", "pomodoro"]),
      focusMinutes: z.number().int().min(LIMITS.pomodoroFocusMinutes.min).max(LIMITS.pomodoroFocusMinutes.max).optional(),
      breakMinutes: z.number().int().min(LIMITS.pomodoroBreakMinutes.min).max(LIMITS.pomodoroBreakMinutes.max).optional(),
    })
    .strict(),
  z.object({ action: z.literal("pause"), version: timerVersion }).strict(),
  z.object({ action: z.literal("resume"), version: timerVersion }).strict(),
  z.object({ action: z.literal("stop"), version: timerVersion, note: studyNote.optional() }).strict(),
  z.object({ action: z.literal("discard"), version: timerVersion }).strict(),
]);
export type StudyTimerCommand = z.infer<typeof studyTimerCommand>;

const mediaState = z.object({ mic: z.boolean(), camera: z.boolean(), screen: z.boolean() });
const socketId = z.string().min(1).max(64);

/**
 * What simple-peer's `signal` event emits (node_modules/simple-peer/index.js), and nothing
 * else: an offer or answer with its SDP, a trickled ICE candidate, or a non-initiator's request
 * to renegotiate or add a transceiver. Unknown keys are stripped, so what is relayed has a
 * fixed, shallow shape and bounded size.
 */
const signalData = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["offer", "answer"]), sdp: z.string().max(LIMITS.signalSdpMaxChars, { abort: true }) }),
  z.object({
    type: z.literal("candidate"),
    candidate: z.object({
      candidate: z.string().max(LIMITS.iceCandidateMaxChars, { abort: true }),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
      sdpMid: z.string().max(64, { abort: true }).nullable().optional(),
      usernameFragment: z.string().max(256, { abort: true }).nullable().optional(),
    }),
  }),
  z.object({ type: z.literal("renegotiate"), renegotiate: z.literal(true) }),
  z.object({
    type: z.literal("transceiverRequest"),
    transceiverRequest: z.object({
      kind: z.enum(["audio", "video"]),
      init: z.object({ direction: z.enum(["sendrecv", "sendonly", "recvonly", "inactive"]).optional() }).optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof signalData>;

export const clientPayloads = {
  /**
   * Subscribe to a channel's live events. With `afterSeq` (the last seq the client holds) the
   * ack carries what it missed, up to LIMITS.catchUpMax; past that, or without `afterSeq`, it
   * carries the newest page and `reset: true` (drop what you hold).
   */
  "channel:join": z.object({
    channelId: id,
    afterSeq: seq.optional(),
    /** The `syncedAt` of the client's last join: edits, deletions and reactions since then come back too. */
    updatedSince: z.number().int().min(0).optional(),
  }),
  "channel:leave": z.object({ channelId: id }),
  /** A page of history: older than `beforeSeq`, or newer than `afterSeq` (to fill a gap). */
  "message:list": z.union([z.object({ channelId: id, beforeSeq: seq }), z.object({ channelId: id, afterSeq: seq })]),
  /**
   * `attachmentIds`: files uploaded into this channel (POST /api/channels/{id}/attachments),
   * sent with this message in that order; the body may then be empty (a caption is optional).
   */
  "message:send": z.object({
    channelId: id,
    clientId,
    body: z.string().trim().max(LIMITS.messageMaxChars),
    replyToId: id.optional(),
    attachmentIds: z.array(id).max(LIMITS.attachmentsPerMessage).optional(),
  }),
  /**
   * Messages the user may read that contain `text` (server/services/search.ts), newest first,
   * LIMITS.searchPageSize at a time; `below` is the last result of the page before. Refusals
   * name what is wrong: search_text, search_date or search_filter.
   */
  "message:search": searchInput,
  /** Authors edit their own messages. */
  "message:edit": z.object({ channelId: id, messageId: id, body: messageBody }),
  /** Authors delete their own messages; others then see a placeholder. */
  "message:delete": z.object({ channelId: id, messageId: id }),
  /** Authors take a link's card off their message (everyone sees it go; it stays gone). */
  "linkPreview:remove": z.object({ channelId: id, messageId: id, urlHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** Adds the user's emoji reaction to a message, or takes it back. */
  "reaction:toggle": z.object({ channelId: id, messageId: id, emoji }),
  /** The user has seen the channel up to `seq`; cursors only move forward. */
  "read:mark": z.object({ channelId: id, seq }),
  /** The user is typing in a channel they joined; the server throttles and relays it. */
  "typing:start": z.object({ channelId: id }),
  /**
   * Follow these users' presence (replaces what this socket followed before). Only users the caller may
   * see are followed (friends, space-mates, and people who have both written in a shared dm or
   * group: usersVisibleTo); the ack has their current status.
   */
  "presence:watch": z.object({ userIds: z.array(id).max(LIMITS.presenceWatchMax) }),
  /** This tab has been idle (no input for a while), or is active again. */
  "presence:idle": z.object({ idle: z.boolean() }),
  /**
   * Enter the video room of a video channel, dm or group chat (up to the room's cap). The ack
   * lists who is there; the newcomer offers a peer connection to each of them. Starting a call
   * in a dm or group rings its other members.
   */
  /** `resume`: back in the call this page was in before a reconnect (a server restart starts no new call: no ringing). */
  "rtc:join": z.object({ channelId: id, media: mediaState, resume: z.boolean().optional() }),
  "rtc:leave": z.object({ channelId: id }),
  /** simple-peer's signal data (SDP offer/answer, ICE candidate) for one peer in the same room. */
  "rtc:signal": z.object({ channelId: id, to: socketId, data: signalData }),
  /** This participant's mic, camera or screen share changed. */
  "rtc:media": z.object({ channelId: id, media: mediaState }),
  /** Turn down an incoming call in a dm or group (tells whoever is in the call). */
  "call:decline": z.object({ channelId: id }),
  /**
   * The user's own study timer: read it, start, pause, resume, stop (records the session) or
   * discard it. A stale `version` is refused with timer_stale, and this socket hears the
   * current `study:timer:state`. Every change goes to all the user's sockets.
   */
  "study:timer": studyTimerCommand,
  /** "Who is studying now" among these users (only those whose presence the caller may see, blocks left out). */
  "study:statuses": z.object({ userIds: z.array(id).max(LIMITS.presenceWatchMax) }).strict(),
  /**
   * A study room (server/study/rooms.ts): the ack has its settings, the shared pomodoro and who
   * is in it (`room: null`: the channel is not one), and the socket then hears its changes.
   * `present`: this socket is in the room — a text room's viewer, or a video room's participant
   * (only once it joined the call); its room time may count, and it may control the pomodoro.
   * Sent again after every reconnect: that is the catch-up.
   */
  "studyRoom:watch": z.object({ channelId: id, present: z.boolean() }),
  /** This socket is no longer in the room (it still hears the room while the channel is open). */
  "studyRoom:leave": z.object({ channelId: id }),
  /** Start, pause, resume, skip or reset the shared pomodoro; `version`: the state the sender sees (else `room_stale`). */
  "studyRoom:control": z.object({
    channelId: id,
    action: z.enum(["start", "pause", "resume", "skip", "reset"]),
    version: z.number().int().min(0).max(2 ** 31),
  }),
  /** The tab is visible and had input since its last report (at most every LIMITS.studyRoomHeartbeatMs): not away. */
  "studyRoom:activity": z.object({ channelId: id }),
} as const;

export type ClientEvent = keyof typeof clientPayloads;
export type ClientPayload<E extends ClientEvent> = z.input<(typeof clientPayloads)[E]>;

export type PresenceStatus = "online" | "idle" | "offline";

export type MediaState = z.infer<typeof mediaState>;

/** Someone in a video room: one socket (one tab) of a user. */
export interface RtcPeer {
  socketId: string;
  user: UserSummary;
  media: MediaState;
}

/** RTCIceServer, from the ICE_SERVERS configuration. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface ReadCursor {
  userId: string;
  lastReadSeq: number;
}

/**
 * A channel as a page renders it before any socket joins (`openChannel` in
 * server/services/opening.ts): a window of messages (the newest page, or from the first unread
 * when more are unread than a page shows), the cursors for "unread by N", and `syncedAt` for
 * the socket's catch-up that follows.
 */
export interface ChannelOpening {
  channelId: string;
  messages: ChatMessage[];
  hasOlder: boolean;
  /** The window starts at the first unread and does not reach the newest message. */
  hasNewer: boolean;
  /** Every reader's cursor; empty in channels too large for "unread by N". */
  reads: ReadCursor[];
  myLastReadSeq: number;
  lastSeq: number;
  syncedAt: number;
}

/** A search result: the message, and where it was said (for a dm, the other person's name). */
export interface SearchHit {
  message: ChatMessage;
  channel: Pick<ChannelSummary, "id" | "spaceId" | "kind" | "name">;
  spaceName: string | null;
  /** A dm's other member, or a group's members, for a place without a name. */
  members: string[];
}

/** A study room's settings and shared pomodoro, as of `serverNow` (the server's clock, ms). */
export interface StudyRoomView {
  channelId: string;
  focusMinutes: number;
  breakMinutes: number;
  chime: "bell" | "wood" | "digital" | "none";
  /** Who may control the pomodoro: anyone in the room, or the space's owner and admins in it. */
  control: "everyone" | "admins";
  /** Time in the room counts as study (source "room"). */
  countTime: boolean;
  /** The state derived at `serverNow`: a running phase that ended has already moved on. */
  pomodoro: PomodoroState;
  /** The phase lengths in ms (minutes × 60 000; shorter only in tests). */
  focusMs: number;
  breakMs: number;
  serverNow: number;
}

/** Someone in a study room, and what they are doing. */
export interface StudyRoomMember {
  user: UserSummary;
  /** Studying (their own timer, or the room), on a break (theirs or the room's), or away (no input for a while). */
  status: "studying" | "break" | "away";
  /** Their own timer's subject; null when they study with the room only. */
  subject: string | null;
  /** Studied today (recorded, their timer's part, and room time not yet recorded), as of the view's serverNow. */
  todayMs: number;
  /** Their own timer runs since then (todayMs grows from it); null otherwise. */
  since: number | null;
}

/** What each client event's ack carries when it succeeds. */
export interface AckData {
  "channel:join": {
    channel: ChannelSummary;
    messages: ChatMessage[];
    reset: boolean;
    /** Members' read cursors, for "unread by N" (empty in channels too large to show it). */
    reads: ReadCursor[];
    myLastReadSeq: number;
    /** Messages the client already holds that changed since `updatedSince`. */
    updates: ChatMessage[];
    /** Send this back as `updatedSince` on the next join. */
    syncedAt: number;
  };
  "channel:leave": object;
  "message:list": { messages: ChatMessage[]; hasMore: boolean };
  "message:search": { hits: SearchHit[]; hasMore: boolean };
  "message:send": { message: ChatMessage };
  "message:edit": { message: ChatMessage };
  "message:delete": { message: ChatMessage };
  "reaction:toggle": { message: ChatMessage };
  "linkPreview:remove": { message: ChatMessage };
  "read:mark": { lastReadSeq: number };
  "typing:start": object;
  "presence:watch": { statuses: Record<string, PresenceStatus> };
  "presence:idle": object;
  "rtc:join": { participants: RtcPeer[]; iceServers: IceServer[]; cap: number };
  "rtc:leave": object;
  "rtc:signal": object;
  "rtc:media": object;
  "call:decline": object;
  /** After a stop: `recorded` is the number of session rows written (0: it had counted no time). */
  "study:timer": StudyTimerSnapshot & { recorded?: number };
  "study:statuses": { statuses: Record<string, StudyStatusView>; serverNow: number };
  "studyRoom:watch": { room: StudyRoomView | null; members: StudyRoomMember[]; canControl: boolean };
  "studyRoom:leave": object;
  "studyRoom:control": { room: StudyRoomView };
  "studyRoom:activity": object;
}

export type Ack<E extends ClientEvent> = Result<AckData[E]>;

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientPayload<E>, ack: (result: Ack<E>) => void) => void;
};

// ---- server → client ------------------------------------------------------------------

export interface ServerToClientEvents {
  /** A message was stored in a channel the socket has joined. */
  "message:new": (message: ChatMessage) => void;
  /** A message was edited, deleted, reacted to, or got or lost a link's card (the whole message, as it is now). */
  "message:updated": (message: ChatMessage) => void;
  /**
   * A channel the user can see has a new last seq (unread badges, the chat list). Public space
   * channels tell the space room; dms, group chats and private channels their members' room.
   */
  "channel:activity": (event: { spaceId: string | null; channelId: string; lastSeq: number; authorId: string }) => void;
  /**
   * A member's read cursor moved, in a channel the socket has joined; and the user's own cursor,
   * in any channel, to every socket of theirs (reading or sending on another tab or device).
   */
  "read:update": (event: { channelId: string } & ReadCursor) => void;
  /** Someone is typing in a channel the socket has joined (volatile). */
  typing: (event: { channelId: string; user: UserSummary }) => void;
  /** A followed user's presence changed. */
  "presence:update": (event: { userId: string; status: PresenceStatus }) => void;
  /** Someone joined a space the user is in (told to the space room: every member's sockets, the newcomer's too). */
  "space:memberJoined": (event: { spaceId: string; member: SpaceMember; at: number }) => void;
  /** A space's name, icon, channels, categories, members or roles changed: its members re-read the view. */
  "space:changed": (event: { spaceId: string }) => void;
  /** The user is no longer in a space (told to all their tabs). */
  "space:removed": (event: { spaceId: string; reason: "left" | "kicked" | "banned" | "deleted" }) => void;
  /**
   * Who is in a video room changed (a video channel, dm or group call), told where its
   * channel:activity goes: the space room, or the members' room (and, for a private channel,
   * the space's admins). `at`: the server's clock, ms.
   */
  "occupancy:update": (event: { spaceId: string | null; channelId: string; users: UserSummary[]; at: number }) => void;
  /** A conversation the user is in was created, renamed, joined, left or muted: the chat list re-reads it. */
  "conversation:changed": (event: { channelId: string }) => void;
  /** The user's friends, requests or blocks changed. */
  "friends:changed": () => void;
  /** Someone's name, picture or status changed: the user's own (another tab), or someone whose presence this socket follows. */
  "profile:changed": (event: { userId: string }) => void;
  /** Someone entered the video room this socket is in: expect their offer. */
  "rtc:peerJoined": (event: { channelId: string; peer: RtcPeer }) => void;
  /** Someone left the video room (or their connection dropped). */
  "rtc:peerLeft": (event: { channelId: string; socketId: string }) => void;
  "rtc:signal": (event: { channelId: string; from: string; data: SignalData }) => void;
  "rtc:media": (event: { channelId: string; socketId: string; media: MediaState }) => void;
  /** This socket is no longer in the room: the same user joined from another tab, or lost access to the channel. */
  "rtc:ended": (event: { channelId: string; reason: "replaced" | "removed" }) => void;
  /** A call started in a dm or group the user is in (to all their tabs). */
  "call:incoming": (event: { channelId: string; caller: UserSummary; name: string }) => void;
  /** The call in a dm or group is over (the room emptied): incoming-call banners go away. */
  "call:ended": (event: { channelId: string }) => void;
  /** Someone turned down the call this socket is in. */
  "call:declined": (event: { channelId: string; user: UserSummary }) => void;
  /** A study group's settings (status, tags, capacity, …) changed: its members re-read them (the space room). */
  "study:changed": (event: { spaceId: string }) => void;
  /** A study group's pending join requests changed (one came, was cancelled or decided): told to its owner and admins. */
  "study:requests": (event: { spaceId: string; pending: number }) => void;
  /** The user's join request was approved (they are a member now) or declined: told to all their tabs. */
  "study:requestDecided": (event: { spaceId: string; spaceName: string; approved: boolean; defaultChannelId: string | null }) => void;
  /** An event of a space's calendar was added, changed, cancelled or RSVP'd (to the space room): calendar views re-read their range. */
  "calendar:changed": (event: { spaceId: string; eventId: string }) => void;
  /** An occurrence the user may go to starts soon (to all their tabs; not to those who answered "no"). */
  "calendar:reminder": (event: CalendarReminder) => void;
  /** The user's study timer changed (any tab, device or app): to every socket of the user. */
  "study:timer:state": (event: StudyTimerSnapshot) => void;
  /** The user's recorded sessions or study settings changed: lists and today's total re-read. */
  "study:sessions:changed": () => void;
  /**
   * Someone whose presence this socket follows started, paused, resumed or stopped their timer
   * (null: no timer now). Told to the `presence:<user>` room, leaving out people blocked either way.
   */
  "study:status": (event: { userId: string; status: StudyStatusView | null; serverNow: number }) => void;
  /** A study room's settings or pomodoro changed, or its phase moved on at the boundary (to the channel's room); `room: null`: no longer a study room. */
  "studyRoom:state": (event: { channelId: string; room: StudyRoomView | null }) => void;
  /** Who is in a study room, or what they do, changed (to the channel's room). `at`: the server's clock. */
  "studyRoom:members": (event: { channelId: string; members: StudyRoomMember[]; at: number }) => void;
  /** Live events may have been lost (the node was cut off from Redis for a while): re-read open channels and lists as after a reconnect. */
  "realtime:resync": () => void;
  /**
   * This node is shutting down (SIGTERM). It handles no new events from now on and closes the
   * socket once the events it is running have acked; the client then reconnects at a random
   * moment within `reconnectWithinMs` (a load balancer sends it to another node) and resends
   * what was not acked, with the same clientIds.
   */
  "server:shutdown": (event: { reconnectWithinMs: number }) => void;
}

// ---- rooms ----------------------------------------------------------------------------

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  channel: (channelId: string) => `ch:${channelId}`,
  space: (spaceId: string) => `space:${spaceId}`,
  presence: (userId: string) => `presence:${userId}`,
  /** The members of a dm, group chat or private channel (sockets join it at connect). */
  members: (channelId: string) => `members:${channelId}`,
  /** The owner's and admins' sockets: they see every private channel of the space. */
  spaceAdmins: (spaceId: string) => `space-admins:${spaceId}`,
  /** The sockets in a video room. */
  rtc: (channelId: string) => `rtc:${channelId}`,
  /** The sockets in a study room (present: a text room's viewers, a video room's participants). */
  studyRoom: (channelId: string) => `study:${channelId}`,
  /** The sockets opened with one session (cookie): signing it out disconnects them. */
  session: (sessionId: string) => `session:${sessionId}`,
} as const;
