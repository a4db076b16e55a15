/**
 * The HTTP API: every /api route, its method, inputs and answer, in one table. The app-client
 * routes (history, sending, edits, reactions, read marks, session tokens) are parsed by
 * `apiRoute` (server/http.ts) with exactly these schemas, and docs/openapi.json is generated
 * from this table (`npm run openapi`); tests/openapi.test.ts fails when the table, the document
 * and the route files under app/api disagree. Socket events are in ../realtime/contract.ts.
 */
import { z } from "zod";
import type { ErrorCode } from "../error-codes";
import { LIMITS } from "../limits";
import { studySettingsPatch as studySettingsBody } from "../study-settings";
import { clientPayloads, studyNote, studySubject, studyTimerCommand } from "../realtime/contract";
import { decideRequestInput, directoryQuery, joinRequestInput, STUDY_STATUSES, studySettingsInput } from "../study-groups";
import { cancelQuery, eventFields, occurrenceQuery, rangeQuery, rsvpBody, updateEventBody } from "../calendar";
import {
  channelSummary,
  chatMessage,
  drawerItem,
  listedMaterial,
  material,
  ok,
  studySession,
  studySettings,
  studyTimerSnapshot,
  userSummary,
} from "./schemas";
import { STUDY_STATS_ROUTES } from "./study-stats";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI's form: `/api/channels/{channelId}/messages`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** `session`: a session cookie or `Authorization: Bearer <token>`; `none`: anyone; `next-auth`: next-auth's own handler. */
  auth: "session" | "none" | "next-auth";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer (with `ok: true`); omitted for routes not answering JSON. */
  response?: z.ZodType;
  /** Codes this route answers beyond the ones every route can (unauthorized, validation, rate_limited, internal…). */
  errors?: ErrorCode[];
  /** For routes that answer bytes instead of JSON. */
  produces?: string;
}

/** A seq in a query string: digits only, at most 15 of them (before any number is made). */
const seqParam = z.string().max(15, { abort: true }).regex(/^\d+$/, "must be a whole number").transform(Number);

/** A page size in a query string, 1 to `max` (the default when absent). */
const limitParam = (max: number, what = "Page size") =>
  z
    .string()
    .max(3, { abort: true })
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .describe(`${what}, 1–${max} (default ${max})`);

export const historyQuery = z
  .object({
    before: seqParam.optional().describe("Messages with a seq below this (older)"),
    after: seqParam.optional().describe("Messages with a seq above this (newer: filling a gap, catching up)"),
    limit: limitParam(LIMITS.historyPageSize),
  })
  .strict()
  .refine((q) => q.before === undefined || q.after === undefined, "give before or after, not both")
  .describe("At most one of before and after; unknown names and repeated names are refused");

export const DRAWER_TABS = ["media", "files", "links"] as const;
export type DrawerTab = (typeof DRAWER_TABS)[number];
export const drawerQuery = z
  .object({
    tab: z.enum(DRAWER_TABS).describe("media: photos and videos; files: other files; links: URLs in messages"),
    before: seqParam.optional().describe("Items of messages with a seq below this (the previous page's `nextBefore`)"),
    limit: limitParam(LIMITS.drawerPageSize, "Files of this many, or links of this many messages"),
  })
  .strict();

export const sendBody = clientPayloads["message:send"].omit({ channelId: true }).strict();
export const editBody = clientPayloads["message:edit"].pick({ body: true }).strict();
export const reactionBody = clientPayloads["reaction:toggle"].pick({ emoji: true }).strict();
export const readBody = clientPayloads["read:mark"].pick({ seq: true }).strict();
export const tokenBody = z
  .object({
    email: z.string().max(LIMITS.emailMaxChars + 66, { abort: true }),
    password: z.string().max(LIMITS.passwordMaxChars, { abort: true }),
  })
  .strict();

const page = ok({
  messages: z.array(chatMessage).describe("Oldest first"),
  hasMore: z.boolean().describe("The page was cut short: more lie beyond it"),
});
const oneMessage = ok({ message: chatMessage });
/** An answer this table does not describe field by field (a web-UI route): see the service it names. */
const anyAnswer = z.object({ ok: z.literal(true) }).loose();
const anyBody = z.object({}).loose();

/** An instant in a body: ISO 8601 with an offset (the UI sends the user's local time with its zone's offset). */
const instant = z.iso
  .datetime({ offset: true })
  .max(40)
  .transform((s) => Date.parse(s));
export const studySessionBody = z
  .object({ subject: studySubject, startedAt: instant, endedAt: instant, note: studyNote.nullable().optional() })
  .strict();
export const studySessionPatch = studySessionBody.partial().strict();
export const studySessionsQuery = z
  .object({
    before: z
      .string()
      .max(15, { abort: true })
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .optional()
      .describe("Sessions that started before this (ms): the previous page's `next`"),
    limit: limitParam(LIMITS.studySessionsPageSize),
  })
  .strict();
const studySessions = ok({ sessions: z.array(studySession).describe("The rows written: one per study day the session touches") });

/** Keeps each entry's own type (its schemas), so route files get typed inputs. */
const route = <const R extends ApiRoute>(r: R): R => r;

/** The routes an app client needs beside the socket: history, sending, edits, reactions, read marks, session tokens. */
export const APP_ROUTES = {
  listMessages: route({
    method: "GET",
    path: "/api/channels/{channelId}/messages",
    tag: "messages",
    summary: "A page of a channel's history, by seq",
    description:
      "Any channel kind the user may read: a space's text or video channel, private channel, dm or group chat (their id is the channel id). Without `before`/`after`: the newest page. Same access rule and store as the socket's `message:list`.",
    auth: "session",
    query: historyQuery,
    response: page,
    errors: ["forbidden"],
  }),
  sendMessage: route({
    method: "POST",
    path: "/api/channels/{channelId}/messages",
    tag: "messages",
    summary: "Send a message (idempotent on clientId)",
    description:
      "Stored with the channel's next seq and broadcast to the channel's sockets once, in seq order, like the socket's `message:send`. A retry with the same `clientId` answers the stored original (`created: false`) and broadcasts nothing. Counts against the same per-user send limit as the socket.",
    auth: "session",
    body: sendBody,
    response: ok({
      message: chatMessage,
      created: z.boolean().describe("false: this clientId was already stored; the original is answered"),
    }),
    errors: ["forbidden", "blocked", "not_found"],
  }),
  editMessage: route({
    method: "PATCH",
    path: "/api/channels/{channelId}/messages/{messageId}",
    tag: "messages",
    summary: "Edit one's own message",
    auth: "session",
    body: editBody,
    response: oneMessage,
    errors: ["forbidden", "not_found"],
  }),
  deleteMessage: route({
    method: "DELETE",
    path: "/api/channels/{channelId}/messages/{messageId}",
    tag: "messages",
    summary: "Delete one's own message (a placeholder stays)",
    auth: "session",
    response: oneMessage,
    errors: ["forbidden", "not_found"],
  }),
  toggleReaction: route({
    method: "POST",
    path: "/api/channels/{channelId}/messages/{messageId}/reactions",
    tag: "messages",
    summary: "Toggle one's emoji reaction on a message",
    auth: "session",
    body: reactionBody,
    response: oneMessage,
    errors: ["forbidden", "not_found"],
  }),
  markRead: route({
    method: "POST",
    path: "/api/channels/{channelId}/read",
    tag: "messages",
    summary: "Mark the channel read up to a seq",
    description:
      "Cursors only move forward and stop at the channel's last seq. The user's sockets (every tab and device) hear `read:update`; so does the channel where it shows read receipts.",
    auth: "session",
    body: readBody,
    response: ok({ lastReadSeq: z.number().int() }),
    errors: ["forbidden"],
  }),

  listDrawer: route({
    method: "GET",
    path: "/api/channels/{channelId}/drawer",
    tag: "files",
    summary: "A channel's drawer: its photos and videos, files or links, newest first, a page at a time",
    description:
      "Any channel kind the user may read. Only what standing messages carry: a deleted message's files and links are gone, and so are those of people the user blocked. A message's files are never split between pages, so a page may hold a few more than `limit`; links are those of `limit` messages, each URL once per page.",
    auth: "session",
    query: drawerQuery,
    response: ok({
      items: z.array(drawerItem).describe("Newest message first; a message's files in their order"),
      nextBefore: z.number().int().nullable().describe("The `before` of the next page; null when this was the last"),
    }),
    errors: ["forbidden"],
  }),

  createSessionToken: route({
    method: "POST",
    path: "/api/sessions",
    tag: "sessions",
    summary: "Sign in with email and password for a session token (app clients)",
    description:
      "Starts a session as the sign-in form does (same brute-force limits) and answers its token: send it as `Authorization: Bearer <token>` on HTTP and as `auth: { token }` in the Socket.IO handshake. It lasts 30 days, and ends with the session (DELETE /api/sessions/current, or sign out everywhere else).",
    auth: "none",
    body: tokenBody,
    response: ok({ token: z.string(), sessionId: z.string(), expiresAt: z.string().describe("ISO 8601"), user: userSummary }),
    errors: ["invalid_credentials", "sign_in_limited"],
  }),
  endSession: route({
    method: "DELETE",
    path: "/api/sessions/current",
    tag: "sessions",
    summary: "Sign out: end the session asking (its token or cookie stops working, its sockets are disconnected)",
    auth: "session",
    response: ok({}),
  }),

  getStudyTimer: route({
    method: "GET",
    path: "/api/study/timer",
    tag: "study",
    summary: "The user's study timer (null: none) and the server's clock",
    auth: "session",
    response: ok(studyTimerSnapshot),
  }),
  commandStudyTimer: route({
    method: "POST",
    path: "/api/study/timer",
    tag: "study",
    summary: "Start, pause, resume, stop (records the session) or discard the study timer",
    description:
      "The same commands as the socket's `study:timer`. Every command but `start` carries the `version` it was based on; an older one is refused with `timer_stale` (GET the timer and redraw). One timer per user: `start` while one exists is `timer_running`. `stop` records what the timer counted (split at the study day's start) in the same transaction as it removes the timer; `recorded` is the number of rows (0: it counted no time). Every socket of the user hears `study:timer:state`.",
    auth: "session",
    body: studyTimerCommand,
    response: ok({ ...studyTimerSnapshot, recorded: z.number().int().optional().describe("After a stop: session rows written") }),
    errors: ["timer_running", "timer_stale", "study_time", "study_overlap"],
  }),
  listStudySessions: route({
    method: "GET",
    path: "/api/study/sessions",
    tag: "study",
    summary: "The user's recorded sessions, newest first, a page at a time; and today's recorded total",
    auth: "session",
    query: studySessionsQuery,
    response: ok({
      sessions: z.array(studySession),
      next: z.number().int().nullable().describe("Give as `before` for the next page; null: no more"),
      today: z.object({ day: z.string(), recordedMs: z.number().int() }).describe("The user's study day now, and what is recorded in it (the running timer not included)"),
    }),
  }),
  addStudySession: route({
    method: "POST",
    path: "/api/study/sessions",
    tag: "study",
    summary: "Add a session by hand (marked edited)",
    description:
      "Refused with `study_time` when it ends before it starts, lasts over 24 hours or ends in the future, and with `study_overlap` when it overlaps a recorded session or the span of the running or paused timer (from its start to now). Split at the study day's start.",
    auth: "session",
    body: studySessionBody,
    response: studySessions,
    errors: ["study_time", "study_overlap"],
  }),
  editStudySession: route({
    method: "PATCH",
    path: "/api/study/sessions/{sessionId}",
    tag: "study",
    summary: "Fix one of the user's sessions by hand (marked edited)",
    description:
      "Only the subject or note: changed in place. New times: the session becomes one stretch from start to end, replacing the old row, under the same rules as adding one (its own old time does not count as an overlap).",
    auth: "session",
    body: studySessionPatch,
    response: studySessions,
    errors: ["study_time", "study_overlap", "not_found"],
  }),
  deleteStudySession: route({
    method: "DELETE",
    path: "/api/study/sessions/{sessionId}",
    tag: "study",
    summary: "Delete one of the user's sessions",
    auth: "session",
    response: ok({ deleted: z.literal(true) }),
    errors: ["not_found"],
  }),
  getStudySettings: route({
    method: "GET",
    path: "/api/study/settings",
    tag: "study",
    summary: "The user's study settings (the defaults until changed)",
    auth: "session",
    response: ok({ settings: studySettings }),
  }),
  updateStudySettings: route({
    method: "PATCH",
    path: "/api/study/settings",
    tag: "study",
    summary: "Change some study settings: time zone, the hour the study day starts, the daily goal, leaving rankings",
    auth: "session",
    body: studySettingsBody,
    response: ok({ settings: studySettings }),
  }),

  endOtherSessions: route({
    method: "POST",
    path: "/api/sessions/revoke-others",
    tag: "sessions",
    summary: "Sign out everywhere else: end every other session of the user, app tokens included",
    auth: "session",
    response: ok({ ended: z.number().int() }),
  }),
};

/** A materials page cursor: the last item's `markedAt` in ms and its attachment id, as `next` answers it. */
export const materialsCursor = z
  .string()
  .max(60, { abort: true })
  .regex(/^\d{1,15}_[0-9a-f-]{36}$/, "is not a cursor from this list");

/** A space's study materials (server/services/materials.ts): files pinned from its channels. */
export const MATERIAL_ROUTES = {
  markMaterial: route({
    method: "POST",
    path: "/api/attachments/{id}/material",
    tag: "files",
    summary: "Pin a file of a space channel into the space's materials (its uploader, or the space's owner or admins)",
    description: "Idempotent: a file already pinned stays as it was (`created: false`).",
    auth: "session",
    response: ok({ material, created: z.boolean() }),
    errors: ["forbidden", "not_found"],
  }),
  unmarkMaterial: route({
    method: "DELETE",
    path: "/api/attachments/{id}/material",
    tag: "files",
    summary: "Take a file out of the space's materials (its uploader, whoever pinned it, or the space's owner or admins)",
    auth: "session",
    response: ok({ removed: z.boolean() }),
    errors: ["forbidden", "not_found"],
  }),
  materialStatus: route({
    method: "GET",
    path: "/api/attachments/{id}/material",
    tag: "files",
    summary: "Whether a file is pinned into its space's materials, and whether the asker may change that",
    auth: "session",
    response: ok({ material: material.nullable(), canChange: z.boolean() }),
    errors: ["forbidden", "not_found"],
  }),
  listMaterials: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/materials",
    tag: "spaces",
    summary: "A page of a space's materials, the latest pinned first; only files of channels the asker may read",
    auth: "session",
    query: z
      .object({
        before: materialsCursor.optional().describe("The `next` of the page before"),
        limit: limitParam(LIMITS.materialsPageSize),
      })
      .strict(),
    response: ok({ materials: z.array(listedMaterial), next: z.string().nullable().describe("Give as `before` for the next page; null: no more") }),
    errors: ["forbidden"],
  }),
};

const studyCard = z
  .object({
    spaceId: z.string(),
    name: z.string(),
    me: z.enum(["member", "pending", "declined", "none"]),
    studyingNow: z.number().int().describe("Members studying right now (a count, no names)"),
  })
  .loose()
  .describe("StudyGroupCard (lib/study-group-types.ts)");
const studyInfo = z
  .object({ status: z.enum(STUDY_STATUSES), tags: z.array(z.string()) })
  .loose()
  .describe("StudyGroupInfo (lib/study-group-types.ts)");
const oneCard = ok({ card: studyCard });

/** Study groups (server/services/study-*.ts): settings, the public directory, joining, join requests, 문의하기. */
export const STUDY_ROUTES = {
  directory: route({
    method: "GET",
    path: "/api/study/groups",
    tag: "study",
    summary: "The directory of listed study groups, newest first, a page at a time",
    description: "Cards only: a stranger learns a listed group's card and nothing else of the space. Unlisted groups never appear.",
    auth: "session",
    query: directoryQuery,
    response: ok({ groups: z.array(studyCard), hasMore: z.boolean() }),
  }),
  group: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/study",
    tag: "study",
    summary: "The space's study group for its members (null: not one); owners and admins also get the pending request count",
    auth: "session",
    response: ok({ group: studyInfo.nullable() }),
    errors: ["forbidden"],
  }),
  updateGroup: route({
    method: "PATCH",
    path: "/api/spaces/{spaceId}/study",
    tag: "study",
    summary: "Make the space a study group, change its card and rules, or stop (`enabled: false`); owner and admins",
    description: "Its members hear `study:changed`. Tags are normalized (NFKC, no leading #, lower case) and deduplicated.",
    auth: "session",
    body: studySettingsInput,
    response: ok({ group: studyInfo.nullable() }),
    errors: ["forbidden"],
  }),
  join: route({
    method: "POST",
    path: "/api/spaces/{spaceId}/study/join",
    tag: "study",
    summary: "Join a listed study group that admits directly",
    auth: "session",
    response: oneCard,
    errors: ["forbidden", "banned", "study_full", "study_closed", "study_join_mode"],
  }),
  requestToJoin: route({
    method: "POST",
    path: "/api/spaces/{spaceId}/study/requests",
    tag: "study",
    summary: "Ask to join a listed study group that admits by request (one pending request per person)",
    auth: "session",
    body: joinRequestInput,
    response: oneCard,
    errors: ["forbidden", "banned", "study_full", "study_closed", "study_join_mode", "study_request_pending"],
  }),
  cancelRequest: route({
    method: "DELETE",
    path: "/api/spaces/{spaceId}/study/requests",
    tag: "study",
    summary: "Take back one's pending join request",
    auth: "session",
    response: oneCard,
    errors: ["forbidden"],
  }),
  listRequests: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/study/requests",
    tag: "study",
    summary: "Pending join requests, oldest first (owner and admins)",
    auth: "session",
    response: ok({ requests: z.array(z.object({ user: userSummary, message: z.string(), createdAt: z.string() })) }),
    errors: ["forbidden"],
  }),
  decideRequest: route({
    method: "POST",
    path: "/api/spaces/{spaceId}/study/requests/{userId}",
    tag: "study",
    summary: "Approve (the asker joins) or decline a pending join request (owner and admins)",
    description:
      "The asker hears `study:requestDecided`. Approving runs the space's one join: a ban or a full group refuses and the request stays pending.",
    auth: "session",
    body: decideRequestInput,
    response: ok({ approved: z.boolean() }),
    errors: ["forbidden", "not_found", "banned", "study_full"],
  }),
  inquiry: route({
    method: "POST",
    path: "/api/spaces/{spaceId}/study/inquiry",
    tag: "study",
    summary: "문의하기: open (or find) one's 1:1 chat with the group's organizer about this group",
    description:
      "One chat per (asker, group), apart from the pair's dm; idempotent, also under concurrent calls. Refused across a block, and for the organizer.",
    auth: "session",
    response: ok({ channelId: z.string(), created: z.boolean() }),
    errors: ["forbidden", "blocked", "study_own_group"],
  }),
};

/** The shared calendar (server/services/calendar.ts, calendar-feed.ts): occurrences, edits, RSVPs, the private feed. */
const occurrences = ok({ occurrences: z.array(z.object({}).loose()).describe("CalendarOccurrence (lib/calendar.ts), by start") });
const calendarErrors: ErrorCode[] = ["forbidden", "not_found", "calendar_time", "calendar_repeat", "time_zone"];
export const CALENDAR_ROUTES = {
  listSpaceCalendar: route({
    method: "GET",
    path: "/api/spaces/{spaceId}/calendar",
    tag: "calendar",
    summary: "The occurrences of a space's events meeting [from, to) (at most 100 days), repetitions expanded in each event's zone",
    auth: "session",
    query: rangeQuery,
    response: occurrences,
    errors: ["forbidden"],
  }),
  createEvent: route({
    method: "POST",
    path: "/api/spaces/{spaceId}/calendar",
    tag: "calendar",
    summary: "Add an event to a space's calendar (any member); times are the wall clock of `timeZone`",
    auth: "session",
    body: eventFields,
    response: ok({ eventId: z.string() }),
    errors: calendarErrors,
  }),
  listMyCalendar: route({
    method: "GET",
    path: "/api/calendar",
    tag: "calendar",
    summary: "The occurrences of every space the user is in, meeting [from, to)",
    auth: "session",
    query: rangeQuery,
    response: occurrences,
  }),
  updateEvent: route({
    method: "PATCH",
    path: "/api/calendar/events/{eventId}",
    tag: "calendar",
    summary: "Change an event (its creator, or the space's owner or admins): all of it, one occurrence, or this and following",
    description: "`one`: moves or edits the occurrence named by `occurrence` (its original start, ms). `following`: the series ends before it and a new event (its id answered) carries on.",
    auth: "session",
    body: updateEventBody,
    response: ok({ eventId: z.string() }),
    errors: calendarErrors,
  }),
  cancelEvent: route({
    method: "DELETE",
    path: "/api/calendar/events/{eventId}",
    tag: "calendar",
    summary: "Cancel an event, one occurrence of it, or this and following (its creator, or the space's owner or admins)",
    auth: "session",
    query: cancelQuery,
    response: ok({}),
    errors: ["forbidden", "not_found"],
  }),
  setRsvp: route({
    method: "POST",
    path: "/api/calendar/events/{eventId}/rsvp",
    tag: "calendar",
    summary: "Answer going, maybe or no for one occurrence (null takes the answer back)",
    auth: "session",
    body: rsvpBody,
    response: ok({ rsvp: z.object({ going: z.number(), maybe: z.number(), no: z.number(), mine: z.string().nullable() }) }),
    errors: ["not_found"],
  }),
  listRsvps: route({
    method: "GET",
    path: "/api/calendar/events/{eventId}/rsvp",
    tag: "calendar",
    summary: "Who answered for one occurrence",
    auth: "session",
    query: occurrenceQuery,
    response: ok({ people: z.array(z.object({ id: z.string(), name: z.string(), image: z.string().nullable(), answer: z.string() })) }),
    errors: ["not_found"],
  }),
  feedStatus: route({
    method: "GET",
    path: "/api/calendar/feed",
    tag: "calendar",
    summary: "Whether the user has a private iCalendar feed",
    auth: "session",
    response: ok({ active: z.boolean(), createdAt: z.string().nullable() }),
  }),
  regenerateFeed: route({
    method: "POST",
    path: "/api/calendar/feed",
    tag: "calendar",
    summary: "Make a new private feed URL (the old one stops working); the token is answered once",
    auth: "session",
    response: ok({ token: z.string(), path: z.string() }),
  }),
  revokeFeed: route({
    method: "DELETE",
    path: "/api/calendar/feed",
    tag: "calendar",
    summary: "Turn the private feed off (its URL answers 404)",
    auth: "session",
    response: ok({ revoked: z.boolean() }),
  }),
  feed: route({
    method: "GET",
    path: "/api/calendar/feed/{token}",
    tag: "calendar",
    summary: "The private iCalendar feed: every event of the token owner's spaces (RRULE, EXDATE, RECURRENCE-ID, VTIMEZONE)",
    description: "No session: the token is the key. Rate-limited per address; a malformed, unknown or revoked token answers 404.",
    auth: "none",
    produces: "text/calendar",
    errors: ["not_found", "rate_limited"],
  }),
};

/** Routes the web UI uses; app clients may too (same session rules). Bodies: see the service each calls. */
const web = (method: HttpMethod, path: string, tag: string, summary: string, extra: Partial<ApiRoute> = {}): ApiRoute => ({
  method,
  path,
  tag,
  summary,
  auth: "session",
  ...(method === "GET" || method === "DELETE" ? {} : { body: anyBody }),
  response: anyAnswer,
  ...extra,
});

const WEB_ROUTES: ApiRoute[] = [
  ...Object.values(MATERIAL_ROUTES),
  ...Object.values(STUDY_ROUTES),
  ...Object.values(CALENDAR_ROUTES),
  ...Object.values(STUDY_STATS_ROUTES),
  {
    method: "GET",
    path: "/api/auth/{nextauth}",
    tag: "auth",
    summary: "next-auth (browser sign-in, sign-out, session, csrf)",
    auth: "next-auth",
  },
  { method: "POST", path: "/api/auth/{nextauth}", tag: "auth", summary: "next-auth (browser sign-in, sign-out)", auth: "next-auth" },
  web("POST", "/api/signup", "auth", "Create an account (then sign in)", {
    auth: "none",
    body: z.object({ email: z.string(), password: z.string(), name: z.string() }),
    errors: ["email_taken", "weak_password", "sign_up_limited"],
  }),
  web("GET", "/api/conversations", "conversations", "The chat list (dms and group chats, newest first, with unread counts)"),
  web("POST", "/api/conversations", "conversations", "Create a group chat"),
  web("GET", "/api/conversations/{channelId}", "conversations", "One chat list row"),
  web("PATCH", "/api/conversations/{channelId}", "conversations", "Rename a group chat or set its picture"),
  web("POST", "/api/conversations/{channelId}/leave", "conversations", "Leave a group chat"),
  web("POST", "/api/conversations/{channelId}/members", "conversations", "Invite people to a group chat"),
  web("POST", "/api/conversations/{channelId}/mute", "conversations", "Mute or unmute a chat"),
  web("GET", "/api/conversations/contacts", "conversations", "People one can start a chat with"),
  web("POST", "/api/conversations/dm", "conversations", "Open (or find) the dm with someone"),
  web("GET", "/api/spaces", "spaces", "The user's spaces"),
  web("POST", "/api/spaces", "spaces", "Create a space"),
  web("PATCH", "/api/spaces/{spaceId}", "spaces", "Rename a space or set its icon"),
  web("DELETE", "/api/spaces/{spaceId}", "spaces", "Delete a space (owner)", { body: anyBody }),
  web("POST", "/api/spaces/{spaceId}/leave", "spaces", "Leave a space"),
  web("GET", "/api/spaces/{spaceId}/bans", "spaces", "Banned people (admins)"),
  web("DELETE", "/api/spaces/{spaceId}/bans/{userId}", "spaces", "Lift a ban"),
  web("POST", "/api/spaces/{spaceId}/categories", "spaces", "Create a category"),
  web("PATCH", "/api/spaces/{spaceId}/categories/{categoryId}", "spaces", "Rename a category"),
  web("DELETE", "/api/spaces/{spaceId}/categories/{categoryId}", "spaces", "Delete a category"),
  web("POST", "/api/spaces/{spaceId}/categories/{categoryId}/move", "spaces", "Reorder a category"),
  web("POST", "/api/spaces/{spaceId}/channels", "spaces", "Create a channel"),
  web("PATCH", "/api/spaces/{spaceId}/channels/{channelId}", "spaces", "Rename a channel, make it private or public"),
  web("DELETE", "/api/spaces/{spaceId}/channels/{channelId}", "spaces", "Delete a channel"),
  web("GET", "/api/spaces/{spaceId}/channels/{channelId}/members", "spaces", "A private channel's members"),
  web("POST", "/api/spaces/{spaceId}/channels/{channelId}/members", "spaces", "Add someone to a private channel"),
  web("DELETE", "/api/spaces/{spaceId}/channels/{channelId}/members/{userId}", "spaces", "Remove someone from a private channel"),
  web("POST", "/api/spaces/{spaceId}/channels/{channelId}/move", "spaces", "Reorder or move a channel"),
  web("GET", "/api/spaces/{spaceId}/channels/{channelId}/study-room", "study", "A channel's study room settings and pomodoro (null: not a study room)"),
  web("PATCH", "/api/spaces/{spaceId}/channels/{channelId}/study-room", "study", "Make a channel a study room, change its settings, or turn it off (owner, admins)"),
  web("GET", "/api/spaces/{spaceId}/invites", "spaces", "A space's invites"),
  web("POST", "/api/spaces/{spaceId}/invites", "spaces", "Create an invite"),
  web("DELETE", "/api/spaces/{spaceId}/invites/{code}", "spaces", "Revoke an invite"),
  web("PATCH", "/api/spaces/{spaceId}/members/{userId}", "spaces", "Promote or demote a member (owner)"),
  web("POST", "/api/spaces/{spaceId}/members/{userId}/ban", "spaces", "Ban a member"),
  web("POST", "/api/spaces/{spaceId}/members/{userId}/kick", "spaces", "Kick a member"),
  web("POST", "/api/spaces/{spaceId}/members/{userId}/transfer", "spaces", "Transfer ownership"),
  web("POST", "/api/invites/{code}", "spaces", "Accept an invite", { body: undefined }),
  web("GET", "/api/invites/{code}/icon", "spaces", "The icon of the space behind a usable invite", {
    auth: "none",
    response: undefined,
    produces: "image/*",
  }),
  web("GET", "/api/switcher", "navigation", "Everything the quick switcher can jump to"),
  web("GET", "/api/friends", "people", "Friends, requests both ways and blocked people"),
  web("DELETE", "/api/friends/{userId}", "people", "End a friendship"),
  web("POST", "/api/friends/requests", "people", "Send a friend request"),
  web("DELETE", "/api/friends/requests/{userId}", "people", "Take back a friend request"),
  web("POST", "/api/friends/requests/{userId}/accept", "people", "Accept a friend request", { body: undefined }),
  web("POST", "/api/friends/requests/{userId}/decline", "people", "Decline a friend request", { body: undefined }),
  web("POST", "/api/friends/undo", "people", "Undo an unfriend or a block (within 30 s, once)"),
  web("POST", "/api/blocks", "people", "Block someone"),
  web("DELETE", "/api/blocks/{userId}", "people", "Unblock someone"),
  web("PATCH", "/api/profile", "people", "Edit one's profile"),
  web("GET", "/api/users/{userId}/profile", "people", "Someone's profile card"),
  web("GET", "/api/users/active", "people", "People online now"),
  web("GET", "/api/users/search", "people", "Search people by name or exact email", { query: z.object({ q: z.string().max(320) }) }),
  web("POST", "/api/uploads", "uploads", "Upload an image (its bytes, typed image/png, jpeg, gif or webp)", {
    body: undefined,
    errors: ["upload_type", "upload_too_large", "upload_quota", "upload_dimensions"],
  }),
  web("GET", "/api/files/{id}", "uploads", "An uploaded image", { response: undefined, produces: "image/*" }),
  web(
    "POST",
    "/api/channels/{channelId}/attachments",
    "files",
    "Upload a file into a channel for a message to carry: its bytes typed application/octet-stream, its name percent-encoded in x-file-name; the type is read from the content",
    {
      body: undefined,
      errors: ["attachment_type", "attachment_too_large", "upload_quota", "upload_dimensions", "forbidden", "rate_limited"],
    },
  ),
  web(
    "GET",
    "/api/attachments/{id}",
    "files",
    "A chat file, for those who may read its channel (?variant=original|display|thumb, ?download=1; Range requests)",
    { response: undefined, produces: "*/*", errors: ["not_found", "forbidden", "unauthorized"] },
  ),
  web(
    "GET",
    "/api/channels/{channelId}/link-previews/{urlHash}/image",
    "files",
    "A link preview's picture, fetched by the server through the same guards as the page (so readers never contact the linked site), for readers of a channel where a message shows that card",
    { response: undefined, produces: "image/*", errors: ["not_found", "forbidden", "unauthorized", "rate_limited"] },
  ),
];

export const API_ROUTES: readonly ApiRoute[] = [...Object.values(APP_ROUTES), ...WEB_ROUTES];
