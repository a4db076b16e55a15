import { boolean, datetime, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";

// Keep in step with ./sqlite.ts: tests/schema-parity.test.ts compares the two.

const createdAt = () => datetime("created_at", { mode: "date", fsp: 3 }).notNull();

export const users = mysqlTable(
  "users",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    email: varchar("email", { length: 254 }).unique(),
    name: varchar("name", { length: 64 }).notNull(),
    image: varchar("image", { length: 512 }),
    passwordHash: varchar("password_hash", { length: 256 }),
    statusMessage: varchar("status_message", { length: 140 }),
    /** Profile background image (an upload URL). */
    backgroundImage: varchar("background_image", { length: 512 }),
    createdAt: createdAt(),
  },
  // The upload sweep asks which of a batch of upload URLs a profile still shows.
  (t) => [index("users_image").on(t.image), index("users_background_image").on(t.backgroundImage)],
);

export const accounts = mysqlTable(
  "accounts",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    provider: varchar("provider", { length: 32 }).notNull(),
    providerAccountId: varchar("provider_account_id", { length: 128 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("accounts_provider_account").on(t.provider, t.providerAccountId), index("accounts_user").on(t.userId)],
);

export const spaces = mysqlTable(
  "spaces",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    name: varchar("name", { length: 64 }).notNull(),
    ownerId: varchar("owner_id", { length: 36 }).notNull(),
    icon: varchar("icon", { length: 512 }),
    createdAt: createdAt(),
  },
  (t) => [index("spaces_icon").on(t.icon)],
);

export const spaceMembers = mysqlTable(
  "space_members",
  {
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    role: varchar("role", { length: 16, enum: ["owner", "admin", "member"] }).notNull(),
    joinedAt: datetime("joined_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("space_members_user").on(t.userId)],
);

export const invites = mysqlTable(
  "invites",
  {
    code: varchar("code", { length: 32 }).primaryKey(),
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    createdBy: varchar("created_by", { length: 36 }).notNull(),
    expiresAt: datetime("expires_at", { mode: "date", fsp: 3 }),
    maxUses: int("max_uses"),
    uses: int("uses").notNull().default(0),
    revokedAt: datetime("revoked_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index("invites_space").on(t.spaceId)],
);

export const channels = mysqlTable(
  "channels",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    spaceId: varchar("space_id", { length: 36 }),
    name: varchar("name", { length: 64 }).notNull(),
    /** text/video belong to a space; dm (exactly two members) and group (≤ LIMITS.groupChatMaxMembers) do not. */
    kind: varchar("kind", { length: 16, enum: ["text", "video", "dm", "group"] }).notNull(),
    categoryId: varchar("category_id", { length: 36 }),
    /** A private space channel is visible only to its channel_members (and the space's admins). */
    isPrivate: boolean("is_private").notNull().default(false),
    /** A group chat's photo (an upload URL). */
    image: varchar("image", { length: 512 }),
    /** For a dm, "<smaller user id>:<larger user id>": unique, so a pair has one conversation. */
    dmKey: varchar("dm_key", { length: 80 }),
    createdBy: varchar("created_by", { length: 36 }),
    position: int("position").notNull().default(0),
    lastSeq: int("last_seq").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("channels_space").on(t.spaceId), uniqueIndex("channels_dm_key").on(t.dmKey), index("channels_image").on(t.image)],
);

export const messages = mysqlTable(
  "messages",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    seq: int("seq").notNull(),
    authorId: varchar("author_id", { length: 36 }).notNull(),
    clientId: varchar("client_id", { length: 64 }).notNull(),
    body: varchar("body", { length: 4000 }).notNull(),
    /** "system" messages ("Alice invited Bob") carry a JSON SystemEvent in body (lib/realtime/contract.ts). */
    kind: varchar("kind", { length: 16, enum: ["user", "system"] })
      .notNull()
      .default("user"),
    replyToId: varchar("reply_to_id", { length: 36 }),
    createdAt: createdAt(),
    editedAt: datetime("edited_at", { mode: "date", fsp: 3 }),
    deletedAt: datetime("deleted_at", { mode: "date", fsp: 3 }),
    updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }),
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

export const channelReads = mysqlTable(
  "channel_reads",
  {
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    lastReadSeq: int("last_read_seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_reads_user").on(t.userId)],
);

export const reactions = mysqlTable(
  "reactions",
  {
    messageId: varchar("message_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    emoji: varchar("emoji", { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

export const categories = mysqlTable(
  "categories",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    name: varchar("name", { length: 64 }).notNull(),
    position: int("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("categories_space").on(t.spaceId)],
);

/** Who is in a dm, a group chat or a private space channel (public space channels have no rows). */
export const channelMembers = mysqlTable(
  "channel_members",
  {
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    muted: boolean("muted").notNull().default(false),
    joinedAt: datetime("joined_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("channel_members_user").on(t.userId)],
);

export const spaceBans = mysqlTable(
  "space_bans",
  {
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    bannedBy: varchar("banned_by", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] })],
);

/** One row per pair of users, userA < userB; the requester is one of the two. */
export const friendships = mysqlTable(
  "friendships",
  {
    userA: varchar("user_a", { length: 36 }).notNull(),
    userB: varchar("user_b", { length: 36 }).notNull(),
    status: varchar("status", { length: 16, enum: ["pending", "accepted"] }).notNull(),
    requesterId: varchar("requester_id", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userA, t.userB] }), index("friendships_user_b").on(t.userB)],
);

export const blocks = mysqlTable(
  "blocks",
  {
    blockerId: varchar("blocker_id", { length: 36 }).notNull(),
    blockedId: varchar("blocked_id", { length: 36 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("blocks_blocked").on(t.blockedId)],
);

/** Uploaded images: the bytes live in DATA_DIR/uploads/<id>, served by /api/files/<id>. */
export const uploads = mysqlTable(
  "uploads",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    ownerId: varchar("owner_id", { length: 36 }).notNull(),
    mime: varchar("mime", { length: 64 }).notNull(),
    bytes: int("bytes").notNull(),
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
export const attachments = mysqlTable(
  "attachments",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    ownerId: varchar("owner_id", { length: 36 }).notNull(),
    clientId: varchar("client_id", { length: 64 }),
    position: int("position").notNull().default(0),
    messageId: varchar("message_id", { length: 36 }),
    seq: int("seq"),
    kind: varchar("kind", { length: 8, enum: ["image", "video", "file"] }).notNull(),
    name: varchar("name", { length: 255 }).notNull(),
    mime: varchar("mime", { length: 100 }).notNull(),
    /** The original's size; `storedBytes` adds the display and thumbnail copies (the quota counts those). */
    bytes: int("bytes").notNull(),
    storedBytes: int("stored_bytes").notNull(),
    width: int("width"),
    height: int("height"),
    createdAt: createdAt(),
    deletedAt: datetime("deleted_at", { mode: "date", fsp: 3 }),
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
export const spaceMaterials = mysqlTable(
  "space_materials",
  {
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    attachmentId: varchar("attachment_id", { length: 36 }).notNull(),
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    messageId: varchar("message_id", { length: 36 }).notNull(),
    seq: int("seq").notNull(),
    markedBy: varchar("marked_by", { length: 36 }).notNull(),
    markedAt: datetime("marked_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.attachmentId] }), index("space_materials_list").on(t.spaceId, t.markedAt, t.attachmentId)],
);

/**
 * Signed-in sessions: the JWT cookie carries the id (`sid`), and only a row that is not
 * revoked lets it in, so signing out ends the session everywhere.
 */
export const sessions = mysqlTable(
  "sessions",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    /** A short label from the User-Agent ("Chrome on Windows"), for a future device list. */
    device: varchar("device", { length: 64 }).notNull(),
    createdAt: createdAt(),
    /** Refreshed at most every LIMITS.sessionSeenRefreshMs, not on every request. */
    lastSeenAt: datetime("last_seen_at", { mode: "date", fsp: 3 }).notNull(),
    revokedAt: datetime("revoked_at", { mode: "date", fsp: 3 }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Link previews, one row per URL (`urlHash`: SHA-256 of the URL as linked), shared by every
 * message that links it and fetched again once older than its TTL (server/links/previews.ts).
 * `status` "failed": the page could not be previewed (refused, too slow, nothing to show).
 */
export const linkPreviews = mysqlTable("link_previews", {
  urlHash: varchar("url_hash", { length: 64 }).primaryKey(),
  url: varchar("url", { length: 2048 }).notNull(),
  status: varchar("status", { length: 8, enum: ["ok", "failed"] }).notNull(),
  title: varchar("title", { length: 200 }),
  description: varchar("description", { length: 400 }),
  imageUrl: varchar("image_url", { length: 2048 }),
  siteName: varchar("site_name", { length: 80 }),
  fetchedAt: datetime("fetched_at", { mode: "date", fsp: 3 }).notNull(),
});

/**
 * Which previews a message shows, in the order its links appear. Keyed by the message id
 * whatever the message store (ids are strings in MongoDB too), like attachments. `removed`:
 * the author took the card away; it stays away.
 */
export const messageLinkPreviews = mysqlTable(
  "message_link_previews",
  {
    messageId: varchar("message_id", { length: 36 }).notNull(),
    urlHash: varchar("url_hash", { length: 64 }).notNull(),
    channelId: varchar("channel_id", { length: 36 }).notNull(),
    position: int("position").notNull(),
    removed: boolean("removed").notNull().default(false),
    createdAt: createdAt(),
    /** When its card arrived or was removed: a reconnecting client's catch-up asks for those since it left. */
    updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.urlHash] }), index("message_link_previews_updated").on(t.channelId, t.updatedAt)],
);

/** Study settings of a user (see ./sqlite.ts). */
export const studySettings = mysqlTable("study_settings", {
  userId: varchar("user_id", { length: 36 }).primaryKey(),
  timeZone: varchar("time_zone", { length: 64 }).notNull(),
  dayStartHour: int("day_start_hour").notNull(),
  dailyGoalMinutes: int("daily_goal_minutes").notNull(),
  hideFromRankings: boolean("hide_from_rankings").notNull().default(false),
  updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
});

/** The one study timer of a user (see ./sqlite.ts). */
export const studyTimers = mysqlTable("study_timers", {
  userId: varchar("user_id", { length: 36 }).primaryKey(),
  mode: varchar("mode", { length: 16, enum: ["stopwatch", "pomodoro"] }).notNull(),
  subject: varchar("subject", { length: 40 }).notNull(),
  startedAt: datetime("started_at", { mode: "date", fsp: 3 }).notNull(),
  runningSince: datetime("running_since", { mode: "date", fsp: 3 }),
  segments: text("segments").notNull(),
  focusMinutes: int("focus_minutes"),
  breakMinutes: int("break_minutes"),
  version: int("version").notNull(),
  updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
});

/** Recorded study, one row per study day (see ./sqlite.ts). */
export const studySessions = mysqlTable(
  "study_sessions",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    subject: varchar("subject", { length: 40 }).notNull(),
    startedAt: datetime("started_at", { mode: "date", fsp: 3 }).notNull(),
    endedAt: datetime("ended_at", { mode: "date", fsp: 3 }).notNull(),
    studiedMs: int("studied_ms").notNull(),
    pauseCount: int("pause_count").notNull(),
    studyDay: varchar("study_day", { length: 10 }).notNull(),
    source: varchar("source", { length: 8, enum: ["timer", "manual", "room"] }).notNull(),
    channelId: varchar("channel_id", { length: 36 }),
    note: varchar("note", { length: 500 }),
    edited: boolean("edited").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("study_sessions_user_time").on(t.userId, t.startedAt), index("study_sessions_user_day").on(t.userId, t.studyDay)],
);

/**
 * A space that is also a study group (server/services/study-groups.ts): what its directory card
 * says, whether it is listed, and how people get in. No row: an ordinary space.
 */
export const studyGroups = mysqlTable(
  "study_groups",
  {
    spaceId: varchar("space_id", { length: 36 }).primaryKey(),
    description: varchar("description", { length: 500 }).notNull(),
    target: varchar("target", { length: 80 }).notNull(),
    /** Most members it takes (joins and invites past it are refused); null: no limit. */
    capacity: int("capacity"),
    status: varchar("status", { length: 16, enum: ["recruiting", "in_progress", "finished"] }).notNull(),
    /** Shown in the directory to people outside it. */
    listed: boolean("listed").notNull().default(false),
    joinMode: varchar("join_mode", { length: 16, enum: ["direct", "request"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [index("study_groups_listed").on(t.listed, t.createdAt)],
);

/** A study group's topic tags, normalized (lib/study-groups.ts), for the directory's tag search. */
export const studyGroupTags = mysqlTable(
  "study_group_tags",
  {
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    tag: varchar("tag", { length: 24 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.tag] }), index("study_group_tags_tag").on(t.tag)],
);

/** Asking to join a study group that admits by request: one row per (group, person), its latest ask. */
export const studyJoinRequests = mysqlTable(
  "study_join_requests",
  {
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    message: varchar("message", { length: 300 }).notNull(),
    status: varchar("status", { length: 16, enum: ["pending", "approved", "declined", "cancelled"] }).notNull(),
    createdAt: createdAt(),
    decidedAt: datetime("decided_at", { mode: "date", fsp: 3 }),
    decidedBy: varchar("decided_by", { length: 36 }),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("study_join_requests_pending").on(t.spaceId, t.status, t.createdAt)],
);

/**
 * "문의하기": the one dm-kind channel between someone asking about a study group and its
 * organizer. Unique per (group, asker), so a second open (or a racing double click) finds it.
 */
export const studyInquiries = mysqlTable(
  "study_inquiries",
  {
    channelId: varchar("channel_id", { length: 36 }).primaryKey(),
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    askerId: varchar("asker_id", { length: 36 }).notNull(),
    organizerId: varchar("organizer_id", { length: 36 }).notNull(),
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
export const calendarEvents = mysqlTable(
  "calendar_events",
  {
    id: varchar("id", { length: 36 }).primaryKey(),
    spaceId: varchar("space_id", { length: 36 }).notNull(),
    creatorId: varchar("creator_id", { length: 36 }).notNull(),
    kind: varchar("kind", { length: 8, enum: ["event", "deadline", "exam"] }).notNull(),
    title: varchar("title", { length: 200 }).notNull(),
    description: varchar("description", { length: 2000 }).notNull(),
    location: varchar("location", { length: 200 }).notNull(),
    videoChannelId: varchar("video_channel_id", { length: 36 }),
    allDay: boolean("all_day").notNull().default(false),
    startAt: datetime("start_at", { mode: "date", fsp: 3 }).notNull(),
    endAt: datetime("end_at", { mode: "date", fsp: 3 }).notNull(),
    timeZone: varchar("time_zone", { length: 64 }).notNull(),
    rrule: varchar("rrule", { length: 200 }),
    lastEndAt: datetime("last_end_at", { mode: "date", fsp: 3 }),
    /** Minutes before each occurrence that members get an in-app reminder; null: none. */
    reminderMinutes: int("reminder_minutes"),
    createdAt: createdAt(),
    updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [index("calendar_events_space").on(t.spaceId, t.startAt), index("calendar_events_reminders").on(t.reminderMinutes, t.lastEndAt)],
);

/**
 * One occurrence of a repeating event changed: cancelled, or moved or edited (its own start,
 * end, title, description, location). Keyed by the occurrence's original start, as the RRULE
 * makes it (iCalendar's RECURRENCE-ID).
 */
export const calendarExceptions = mysqlTable(
  "calendar_exceptions",
  {
    eventId: varchar("event_id", { length: 36 }).notNull(),
    occurrenceAt: datetime("occurrence_at", { mode: "date", fsp: 3 }).notNull(),
    cancelled: boolean("cancelled").notNull().default(false),
    startAt: datetime("start_at", { mode: "date", fsp: 3 }),
    endAt: datetime("end_at", { mode: "date", fsp: 3 }),
    title: varchar("title", { length: 200 }),
    description: varchar("description", { length: 2000 }),
    location: varchar("location", { length: 200 }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt] })],
);

/** Who goes to which occurrence (by its original start; a one-off event has one). */
export const calendarRsvps = mysqlTable(
  "calendar_rsvps",
  {
    eventId: varchar("event_id", { length: 36 }).notNull(),
    occurrenceAt: datetime("occurrence_at", { mode: "date", fsp: 3 }).notNull(),
    userId: varchar("user_id", { length: 36 }).notNull(),
    answer: varchar("answer", { length: 8, enum: ["going", "maybe", "no"] }).notNull(),
    answeredAt: datetime("answered_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt, t.userId] })],
);

/** An occurrence whose reminder went out: written before it is sent, so it goes once, across restarts and nodes. */
export const calendarRemindersSent = mysqlTable(
  "calendar_reminders_sent",
  {
    eventId: varchar("event_id", { length: 36 }).notNull(),
    occurrenceAt: datetime("occurrence_at", { mode: "date", fsp: 3 }).notNull(),
    sentAt: datetime("sent_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceAt] })],
);

/** A user's private iCalendar feed: the SHA-256 of its token (the URL holds the token itself). */
export const calendarFeeds = mysqlTable(
  "calendar_feeds",
  {
    userId: varchar("user_id", { length: 36 }).primaryKey(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash)],
);

/** A study room and its shared pomodoro (see ./sqlite.ts). */
export const studyRooms = mysqlTable("study_rooms", {
  channelId: varchar("channel_id", { length: 36 }).primaryKey(),
  focusMinutes: int("focus_minutes").notNull(),
  breakMinutes: int("break_minutes").notNull(),
  chime: varchar("chime", { length: 16, enum: ["bell", "wood", "digital", "none"] }).notNull(),
  control: varchar("control", { length: 16, enum: ["everyone", "admins"] }).notNull(),
  countTime: boolean("count_time").notNull(),
  phase: varchar("phase", { length: 8, enum: ["idle", "focus", "break"] }).notNull(),
  running: boolean("running").notNull(),
  phaseEndsAt: datetime("phase_ends_at", { mode: "date", fsp: 3 }),
  remainingMs: int("remaining_ms"),
  round: int("round").notNull(),
  version: int("version").notNull(),
  updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull(),
});
