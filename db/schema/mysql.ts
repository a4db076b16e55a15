import { datetime, index, int, mysqlTable, primaryKey, uniqueIndex, varchar } from "drizzle-orm/mysql-core";

// Keep in step with ./sqlite.ts: tests/schema-parity.test.ts compares the two.

const createdAt = () => datetime("created_at", { mode: "date", fsp: 3 }).notNull();

export const users = mysqlTable("users", {
  id: varchar("id", { length: 36 }).primaryKey(),
  email: varchar("email", { length: 254 }).unique(),
  name: varchar("name", { length: 64 }).notNull(),
  image: varchar("image", { length: 512 }),
  passwordHash: varchar("password_hash", { length: 256 }),
  statusMessage: varchar("status_message", { length: 140 }),
  createdAt: createdAt(),
});

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

export const spaces = mysqlTable("spaces", {
  id: varchar("id", { length: 36 }).primaryKey(),
  name: varchar("name", { length: 64 }).notNull(),
  ownerId: varchar("owner_id", { length: 36 }).notNull(),
  createdAt: createdAt(),
});

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
    kind: varchar("kind", { length: 16, enum: ["text", "video"] }).notNull(),
    position: int("position").notNull().default(0),
    lastSeq: int("last_seq").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("channels_space").on(t.spaceId)],
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
