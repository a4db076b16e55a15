import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Keep in step with ./mysql.ts: tests/schema-parity.test.ts compares the two.
// No foreign-key constraints: SQLite only enforces them per connection, so the services
// keep references whole on both dialects alike.

const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();

export const users = sqliteTable(
  "users",
  {
    id: text("id", { length: 36 }).primaryKey(),
    email: text("email", { length: 254 }).unique(),
    name: text("name", { length: 64 }).notNull(),
    image: text("image", { length: 512 }),
    passwordHash: text("password_hash", { length: 256 }),
    statusMessage: text("status_message", { length: 140 }),
    /** Profile background image (an upload URL). */
    backgroundImage: text("background_image", { length: 512 }),
    createdAt: createdAt(),
  },
  // The upload sweep asks which of a batch of upload URLs a profile still shows.
  (t) => [index("users_image").on(t.image), index("users_background_image").on(t.backgroundImage)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id", { length: 36 }).primaryKey(),
    userId: text("user_id", { length: 36 }).notNull(),
    provider: text("provider", { length: 32 }).notNull(),
    providerAccountId: text("provider_account_id", { length: 128 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("accounts_provider_account").on(t.provider, t.providerAccountId), index("accounts_user").on(t.userId)],
);

export const spaces = sqliteTable(
  "spaces",
  {
    id: text("id", { length: 36 }).primaryKey(),
    name: text("name", { length: 64 }).notNull(),
    ownerId: text("owner_id", { length: 36 }).notNull(),
    icon: text("icon", { length: 512 }),
    createdAt: createdAt(),
  },
  (t) => [index("spaces_icon").on(t.icon)],
);

export const spaceMembers = sqliteTable(
  "space_members",
  {
    spaceId: text("space_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    role: text("role", { length: 16, enum: ["owner", "admin", "member"] }).notNull(),
    joinedAt: integer("joined_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("space_members_user").on(t.userId)],
);

export const invites = sqliteTable(
  "invites",
  {
    code: text("code", { length: 32 }).primaryKey(),
    spaceId: text("space_id", { length: 36 }).notNull(),
    createdBy: text("created_by", { length: 36 }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invites_space").on(t.spaceId)],
);

export const channels = sqliteTable(
  "channels",
  {
    id: text("id", { length: 36 }).primaryKey(),
    spaceId: text("space_id", { length: 36 }),
    name: text("name", { length: 64 }).notNull(),
    /** text/video belong to a space; dm (exactly two members) and group (≤ LIMITS.groupChatMaxMembers) do not. */
    kind: text("kind", { length: 16, enum: ["text", "video", "dm", "group"] }).notNull(),
    categoryId: text("category_id", { length: 36 }),
    /** A private space channel is visible only to its channel_members (and the space's admins). */
    isPrivate: integer("is_private", { mode: "boolean" }).notNull().default(false),
    /** A group chat's photo (an upload URL). */
    image: text("image", { length: 512 }),
    /** For a dm, "<smaller user id>:<larger user id>": unique, so a pair has one conversation. */
    dmKey: text("dm_key", { length: 80 }),
    createdBy: text("created_by", { length: 36 }),
    position: integer("position").notNull().default(0),
    /** The seq of the newest message; each new message takes lastSeq + 1 atomically. */
    lastSeq: integer("last_seq").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("channels_space").on(t.spaceId), uniqueIndex("channels_dm_key").on(t.dmKey), index("channels_image").on(t.image)],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id", { length: 36 }).primaryKey(),
    channelId: text("channel_id", { length: 36 }).notNull(),
    seq: integer("seq").notNull(),
    authorId: text("author_id", { length: 36 }).notNull(),
    clientId: text("client_id", { length: 64 }).notNull(),
    body: text("body", { length: 4000 }).notNull(),
    /** "system" messages ("Alice invited Bob") carry a JSON SystemEvent in body (lib/realtime/contract.ts). */
    kind: text("kind", { length: 16, enum: ["user", "system"] })
      .notNull()
      .default("user"),
    replyToId: text("reply_to_id", { length: 36 }),
    createdAt: createdAt(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Last edit, delete or reaction change: reconnecting clients fetch what changed since they synced. */
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("messages_channel_seq").on(t.channelId, t.seq),
    uniqueIndex("messages_channel_author_client").on(t.channelId, t.authorId, t.clientId),
    index("messages_channel_updated").on(t.channelId, t.updatedAt),
    /** Search results come newest first within the channels a user may read (server/messages/sql-search.ts). */
    index("messages_channel_created").on(t.channelId, t.createdAt),
    index("messages_created").on(t.createdAt),
  ],
);

/** Each member's read cursor per channel: unread = channel.lastSeq − lastReadSeq. No per-message receipts. */
export const channelReads = sqliteTable(
  "channel_reads",
  {
    channelId: text("channel_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    lastReadSeq: integer("last_read_seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_reads_user").on(t.userId)],
);

export const reactions = sqliteTable(
  "reactions",
  {
    messageId: text("message_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    emoji: text("emoji", { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

export const categories = sqliteTable(
  "categories",
  {
    id: text("id", { length: 36 }).primaryKey(),
    spaceId: text("space_id", { length: 36 }).notNull(),
    name: text("name", { length: 64 }).notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("categories_space").on(t.spaceId)],
);

/** Who is in a dm, a group chat or a private space channel (public space channels have no rows). */
export const channelMembers = sqliteTable(
  "channel_members",
  {
    channelId: text("channel_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    muted: integer("muted", { mode: "boolean" }).notNull().default(false),
    joinedAt: integer("joined_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_members_user").on(t.userId)],
);

export const spaceBans = sqliteTable(
  "space_bans",
  {
    spaceId: text("space_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    bannedBy: text("banned_by", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] })],
);

/** One row per pair of users, userA < userB; the requester is one of the two. */
export const friendships = sqliteTable(
  "friendships",
  {
    userA: text("user_a", { length: 36 }).notNull(),
    userB: text("user_b", { length: 36 }).notNull(),
    status: text("status", { length: 16, enum: ["pending", "accepted"] }).notNull(),
    requesterId: text("requester_id", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userA, t.userB] }), index("friendships_user_b").on(t.userB)],
);

export const blocks = sqliteTable(
  "blocks",
  {
    blockerId: text("blocker_id", { length: 36 }).notNull(),
    blockedId: text("blocked_id", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("blocks_blocked").on(t.blockedId)],
);

/** Uploaded images: the bytes live in DATA_DIR/uploads/<id>, served by /api/files/<id>. */
export const uploads = sqliteTable(
  "uploads",
  {
    id: text("id", { length: 36 }).primaryKey(),
    ownerId: text("owner_id", { length: 36 }).notNull(),
    mime: text("mime", { length: 64 }).notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: createdAt(),
  },
  // The quota sums one owner's rows; the sweep walks the oldest first.
  (t) => [index("uploads_owner").on(t.ownerId), index("uploads_created").on(t.createdAt, t.id)],
);

/**
 * Files sent in chat: uploaded into one channel first (nothing else may read them), then claimed
 * by one send, the (channel, owner, clientId) of the message that carries them, in `position`
 * order, and linked to that message (`messageId`, `seq`) once it is stored. A deleted message
 * marks its files deleted; the sweep removes them from storage.
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id", { length: 36 }).primaryKey(),
    channelId: text("channel_id", { length: 36 }).notNull(),
    ownerId: text("owner_id", { length: 36 }).notNull(),
    clientId: text("client_id", { length: 64 }),
    position: integer("position").notNull().default(0),
    messageId: text("message_id", { length: 36 }),
    seq: integer("seq"),
    kind: text("kind", { length: 8, enum: ["image", "video", "file"] }).notNull(),
    name: text("name", { length: 255 }).notNull(),
    mime: text("mime", { length: 100 }).notNull(),
    /** The original's size; `storedBytes` adds the display and thumbnail copies (the quota counts those). */
    bytes: integer("bytes").notNull(),
    storedBytes: integer("stored_bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    createdAt: createdAt(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("attachments_send").on(t.channelId, t.ownerId, t.clientId),
    index("attachments_owner").on(t.ownerId),
    index("attachments_drawer").on(t.channelId, t.kind, t.seq),
    index("attachments_created").on(t.createdAt, t.id),
  ],
);

/**
 * Study materials: chat files a space pins into its materials view (server/services/materials.ts).
 * A file belongs to one channel, so to one space; where it came from is kept for the jump.
 */
export const spaceMaterials = sqliteTable(
  "space_materials",
  {
    spaceId: text("space_id", { length: 36 }).notNull(),
    attachmentId: text("attachment_id", { length: 36 }).notNull(),
    channelId: text("channel_id", { length: 36 }).notNull(),
    messageId: text("message_id", { length: 36 }).notNull(),
    seq: integer("seq").notNull(),
    markedBy: text("marked_by", { length: 36 }).notNull(),
    markedAt: integer("marked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.attachmentId] }), index("space_materials_list").on(t.spaceId, t.markedAt, t.attachmentId)],
);

/**
 * Signed-in sessions: the JWT cookie carries the id (`sid`), and only a row that is not
 * revoked lets it in, so signing out ends the session everywhere.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id", { length: 36 }).primaryKey(),
    userId: text("user_id", { length: 36 }).notNull(),
    /** A short label from the User-Agent ("Chrome on Windows"), for a future device list. */
    device: text("device", { length: 64 }).notNull(),
    createdAt: createdAt(),
    /** Refreshed at most every LIMITS.sessionSeenRefreshMs, not on every request. */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Link previews, one row per URL (`urlHash`: SHA-256 of the URL as linked), shared by every
 * message that links it and fetched again once older than its TTL (server/links/previews.ts).
 * `status` "failed": the page could not be previewed (refused, too slow, nothing to show).
 */
export const linkPreviews = sqliteTable("link_previews", {
  urlHash: text("url_hash", { length: 64 }).primaryKey(),
  url: text("url", { length: 2048 }).notNull(),
  status: text("status", { length: 8, enum: ["ok", "failed"] }).notNull(),
  title: text("title", { length: 200 }),
  description: text("description", { length: 400 }),
  imageUrl: text("image_url", { length: 2048 }),
  siteName: text("site_name", { length: 80 }),
  fetchedAt: integer("fetched_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Which previews a message shows, in the order its links appear. Keyed by the message id
 * whatever the message store (ids are strings in MongoDB too), like attachments. `removed`:
 * the author took the card away; it stays away.
 */
export const messageLinkPreviews = sqliteTable(
  "message_link_previews",
  {
    messageId: text("message_id", { length: 36 }).notNull(),
    urlHash: text("url_hash", { length: 64 }).notNull(),
    channelId: text("channel_id", { length: 36 }).notNull(),
    position: integer("position").notNull(),
    removed: integer("removed", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    /** When its card arrived or was removed: a reconnecting client's catch-up asks for those since it left. */
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.urlHash] }), index("message_link_previews_updated").on(t.channelId, t.updatedAt)],
);

/**
 * Study (issue 13): each user's study settings. The study day starts at `dayStartHour` in
 * `timeZone` (Korean study apps start it at 05:00), and sessions are filed under that day.
 * No row: the defaults of server/study/settings.ts.
 */
export const studySettings = sqliteTable("study_settings", {
  userId: text("user_id", { length: 36 }).primaryKey(),
  timeZone: text("time_zone", { length: 64 }).notNull(),
  dayStartHour: integer("day_start_hour").notNull(),
  dailyGoalMinutes: integer("daily_goal_minutes").notNull(),
  /** Left out of every group leaderboard. */
  hideFromRankings: integer("hide_from_rankings", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The one study timer a user may have running or paused (the key is the user). Its state lives
 * here, not in a browser, so a reload, another tab or another device shows the same timer.
 * `segments`: the stretches it ran, JSON `[[startMs, endMs], ...]`, the open one not included
 * (`runningSince` is it); bounded by LIMITS.studyTimerSegments.
 */
export const studyTimers = sqliteTable("study_timers", {
  userId: text("user_id", { length: 36 }).primaryKey(),
  mode: text("mode", { length: 16, enum: ["stopwatch", "pomodoro"] }).notNull(),
  subject: text("subject", { length: 40 }).notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  /** Null while paused. */
  runningSince: integer("running_since", { mode: "timestamp_ms" }),
  segments: text("segments").notNull(),
  /** Pomodoro lengths (null in stopwatch mode). */
  focusMinutes: integer("focus_minutes"),
  breakMinutes: integer("break_minutes"),
  /** Bumped on every change: a stale tab's command is refused, not applied twice. */
  version: integer("version").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Recorded study: one row per study day a stretch of study fell in (a session across the day's
 * start is split). `studiedMs` is the time counted (breaks and pauses left out), so
 * `endedAt - startedAt - studiedMs` were pauses. `source`: the personal timer, added by hand,
 * or counted in a study room (`channelId`). `edited`: changed or added by hand.
 */
export const studySessions = sqliteTable(
  "study_sessions",
  {
    id: text("id", { length: 36 }).primaryKey(),
    userId: text("user_id", { length: 36 }).notNull(),
    subject: text("subject", { length: 40 }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }).notNull(),
    studiedMs: integer("studied_ms").notNull(),
    pauseCount: integer("pause_count").notNull(),
    /** The study day, `YYYY-MM-DD` in the user's zone at the time it was recorded. */
    studyDay: text("study_day", { length: 10 }).notNull(),
    source: text("source", { length: 8, enum: ["timer", "manual", "room"] }).notNull(),
    channelId: text("channel_id", { length: 36 }),
    note: text("note", { length: 500 }),
    edited: integer("edited", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("study_sessions_user_time").on(t.userId, t.startedAt), index("study_sessions_user_day").on(t.userId, t.studyDay)],
);

/**
 * A space that is also a study group (server/services/study-groups.ts): what its directory card
 * says, whether it is listed, and how people get in. No row: an ordinary space.
 */
export const studyGroups = sqliteTable(
  "study_groups",
  {
    spaceId: text("space_id", { length: 36 }).primaryKey(),
    description: text("description", { length: 500 }).notNull(),
    target: text("target", { length: 80 }).notNull(),
    /** Most members it takes (joins and invites past it are refused); null: no limit. */
    capacity: integer("capacity"),
    status: text("status", { length: 16, enum: ["recruiting", "in_progress", "finished"] }).notNull(),
    /** Shown in the directory to people outside it. */
    listed: integer("listed", { mode: "boolean" }).notNull().default(false),
    joinMode: text("join_mode", { length: 16, enum: ["direct", "request"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("study_groups_listed").on(t.listed, t.createdAt)],
);

/** A study group's topic tags, normalized (lib/study-groups.ts), for the directory's tag search. */
export const studyGroupTags = sqliteTable(
  "study_group_tags",
  {
    spaceId: text("space_id", { length: 36 }).notNull(),
    tag: text("tag", { length: 24 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.tag] }), index("study_group_tags_tag").on(t.tag)],
);

/** Asking to join a study group that admits by request: one row per (group, person), its latest ask. */
export const studyJoinRequests = sqliteTable(
  "study_join_requests",
  {
    spaceId: text("space_id", { length: 36 }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    message: text("message", { length: 300 }).notNull(),
    status: text("status", { length: 16, enum: ["pending", "approved", "declined", "cancelled"] }).notNull(),
    createdAt: createdAt(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedBy: text("decided_by", { length: 36 }),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("study_join_requests_pending").on(t.spaceId, t.status, t.createdAt)],
);

/**
 * "문의하기": the one dm-kind channel between someone asking about a study group and its
 * organizer. Unique per (group, asker), so a second open (or a racing double click) finds it.
 */
export const studyInquiries = sqliteTable(
  "study_inquiries",
  {
    channelId: text("channel_id", { length: 36 }).primaryKey(),
    spaceId: text("space_id", { length: 36 }).notNull(),
    askerId: text("asker_id", { length: 36 }).notNull(),
    organizerId: text("organizer_id", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("study_inquiries_space_asker").on(t.spaceId, t.askerId)],
);

/**
 * A space's calendar (issue 13, server/services/calendar.ts). Times are UTC instants with the
 * IANA zone the event was made in: a repeating event repeats on the wall clock of that zone
 * (19:00 Asia/Seoul stays 19:00 there whatever DST does elsewhere). An all-day event's start and
 * end are UTC midnights of its dates (the end exclusive), read as dates in every zone. `rrule`:
 * the RRULE's parts without DTSTART (FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=…), its UNTIL in
 * floating local time; `lastEndAt`: when the last occurrence ends (null: it never stops), so a
 * range query skips series that are over.
 */
export const calendarEvents = sqliteTable(
  "calendar_events",
  {
    id: text("id", { length: 36 }).primaryKey(),
    spaceId: text("space_id", { length: 36 }).notNull(),
    creatorId: text("creator_id", { length: 36 }).notNull(),
    kind: text("kind", { length: 8, enum: ["event", "deadline", "exam"] }).notNull(),
    title: text("title", { length: 200 }).notNull(),
    description: text("description", { length: 2000 }).notNull(),
    location: text("location", { length: 200 }).notNull(),
    videoChannelId: text("video_channel_id", { length: 36 }),
    allDay: integer("all_day", { mode: "boolean" }).notNull().default(false),
    startAt: integer("start_at", { mode: "timestamp_ms" }).notNull(),
    endAt: integer("end_at", { mode: "timestamp_ms" }).notNull(),
    timeZone: text("time_zone", { length: 64 }).notNull(),
    rrule: text("rrule", { length: 200 }),
    lastEndAt: integer("last_end_at", { mode: "timestamp_ms" }),
    /** Minutes before each occurrence that members get an in-app reminder; null: none. */
    reminderMinutes: integer("reminder_minutes"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("calendar_events_space").on(t.spaceId, t.startAt), index("calendar_events_reminders").on(t.reminderMinutes, t.lastEndAt)],
);

/**
 * One occurrence of a repeating event changed: cancelled, or moved or edited (its own start,
 * end, title, description, location). Keyed by the occurrence's original start, as the RRULE
 * makes it (iCalendar's RECURRENCE-ID).
 */
export const calendarExceptions = sqliteTable(
  "calendar_exceptions",
  {
    eventId: text("event_id", { length: 36 }).notNull(),
    occurrenceAt: integer("occurrence_at", { mode: "timestamp_ms" }).notNull(),
    cancelled: integer("cancelled", { mode: "boolean" }).notNull().default(false),
    startAt: integer("start_at", { mode: "timestamp_ms" }),
    endAt: integer("end_at", { mode: "timestamp_ms" }),
    title: text("title", { length: 200 }),
    description: text("description", { length: 2000 }),
    location: text("location", { length: 200 }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt] })],
);

/** Who goes to which occurrence (by its original start; a one-off event has one). */
export const calendarRsvps = sqliteTable(
  "calendar_rsvps",
  {
    eventId: text("event_id", { length: 36 }).notNull(),
    occurrenceAt: integer("occurrence_at", { mode: "timestamp_ms" }).notNull(),
    userId: text("user_id", { length: 36 }).notNull(),
    answer: text("answer", { length: 8, enum: ["going", "maybe", "no"] }).notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt, t.userId] })],
);

/** An occurrence whose reminder went out: written before it is sent, so it goes once, across restarts and nodes. */
export const calendarRemindersSent = sqliteTable(
  "calendar_reminders_sent",
  {
    eventId: text("event_id", { length: 36 }).notNull(),
    occurrenceAt: integer("occurrence_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt] })],
);

/** A user's private iCalendar feed: the SHA-256 of its token (the URL holds the token itself). */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    userId: text("user_id", { length: 36 }).primaryKey(),
    tokenHash: text("token_hash", { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash)],
);

/**
 * A study room (issue 13): a space's text or video channel made one by its owner or admins
 * (server/study/rooms.ts); no row, no study room. Its settings, and the shared pomodoro's state
 * as absolute instants on the server's clock: running, it ends its phase at `phaseEndsAt` and
 * the next phases follow from the lengths (read derives them); paused, `remainingMs` is left.
 * `version` is bumped on every change: a command for a state the sender no longer sees is refused.
 */
export const studyRooms = sqliteTable("study_rooms", {
  channelId: text("channel_id", { length: 36 }).primaryKey(),
  focusMinutes: integer("focus_minutes").notNull(),
  breakMinutes: integer("break_minutes").notNull(),
  chime: text("chime", { length: 16, enum: ["bell", "wood", "digital", "none"] }).notNull(),
  control: text("control", { length: 16, enum: ["everyone", "admins"] }).notNull(),
  countTime: integer("count_time", { mode: "boolean" }).notNull(),
  phase: text("phase", { length: 8, enum: ["idle", "focus", "break"] }).notNull(),
  running: integer("running", { mode: "boolean" }).notNull(),
  phaseEndsAt: integer("phase_ends_at", { mode: "timestamp_ms" }),
  remainingMs: integer("remaining_ms"),
  round: integer("round").notNull(),
  version: integer("version").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
