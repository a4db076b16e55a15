import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Keep in step with ./mysql.ts: tests/schema-parity.test.ts compares the two.
// No foreign-key constraints: SQLite only enforces them per connection, so the services
// keep references whole on both dialects alike.

const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();

export const users = sqliteTable("users", {
  id: text("id", { length: 36 }).primaryKey(),
  email: text("email", { length: 254 }).unique(),
  name: text("name", { length: 64 }).notNull(),
  image: text("image", { length: 512 }),
  passwordHash: text("password_hash", { length: 256 }),
  statusMessage: text("status_message", { length: 140 }),
  createdAt: createdAt(),
});

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

export const spaces = sqliteTable("spaces", {
  id: text("id", { length: 36 }).primaryKey(),
  name: text("name", { length: 64 }).notNull(),
  ownerId: text("owner_id", { length: 36 }).notNull(),
  createdAt: createdAt(),
});

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
    kind: text("kind", { length: 16, enum: ["text", "video"] }).notNull(),
    position: integer("position").notNull().default(0),
    /** The seq of the newest message; each new message takes lastSeq + 1 atomically. */
    lastSeq: integer("last_seq").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("channels_space").on(t.spaceId)],
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
