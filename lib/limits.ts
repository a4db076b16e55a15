/** Every product limit in one place; the server enforces them and the UI shows them. */
export const LIMITS = {
  messageMaxChars: 1000,
  historyPageSize: 50,
  /** A client holds at most this many messages of a channel; reading at the bottom trims it back to a page's worth. */
  heldMessagesMax: 600,
  /** A reply quotes this much of its original. */
  replyExcerptChars: 120,
  /** A reconnecting client gets at most this many missed messages; past it, it reloads. */
  catchUpMax: 500,
  /** "Unread by N" is shown in channels with at most this many members. */
  readReceiptsMaxMembers: 100,
  /** Typing notices per socket and channel: at most one relayed per this many ms. */
  typingThrottleMs: 2000,
  /** Clients drop a typing notice this long after the last one. */
  typingExpiryMs: 6000,
  /** A socket follows the presence of at most this many users at once. */
  presenceWatchMax: 200,
  /** A tab with no input for this long reports itself idle. */
  idleAfterMs: 5 * 60 * 1000,
  /** Every other client event, per socket: a burst of this many, then eventsPerSecond. */
  eventBurst: 60,
  eventsPerSecond: 20,
  /** WebRTC signals (offers, answers, ICE candidates) per socket: joining a full room sends many at once. */
  signalBurst: 400,
  signalsPerSecond: 50,
  /** Distinct emoji reactions on one message. */
  reactionsPerMessageMax: 20,
  /** Largest JSON body a route handler reads (bytes). */
  httpBodyMaxBytes: 64 * 1024,
  /** Per-user sends: a burst of this many, then refilled at sendPerSecond. */
  sendBurst: 10,
  sendPerSecond: 3,
  nameMaxChars: 32,
  spaceNameMaxChars: 48,
  passwordMinChars: 8,
  passwordMaxChars: 128,
  groupChatMaxMembers: 100,
  /** The default; VIDEO_ROOM_CAP overrides it (server/config.ts). */
  videoRoomCap: 8,
  statusMessageMaxChars: 60,
  channelNameMaxChars: 32,
  categoryNameMaxChars: 32,
  /** Images (avatars, backgrounds, space icons, group photos). */
  uploadMaxBytes: 5 * 1024 * 1024,
  uploadImageTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"],
  /** User search returns at most this many. */
  searchResultsMax: 20,
  // ---- abuse limits (defaults; server/config.ts lets an operator change them) ----
  /** Open sockets (tabs, devices) one user may have at once. */
  socketsPerUser: 20,
  /** Socket connection attempts from one IP address per minute. */
  connectionsPerIpPerMinute: 60,
  /** Failed sign-ins per account (email) per 15 minutes, and per IP address per 15 minutes. */
  signInAttemptsPerAccount: 10,
  signInAttemptsPerIp: 50,
  signInWindowSeconds: 15 * 60,
  /** New accounts from one IP address per hour. */
  signUpsPerIpPerHour: 10,
  /** What one user may keep uploaded, in MiB. */
  uploadQuotaMb: 200,
  /** A sign-in's callbackUrl longer than this is not followed (the app's own paths are short). */
  callbackUrlMaxChars: 2048,
  /** Socket.IO refuses any single packet larger than this (bytes). */
  socketMaxPayloadBytes: 64 * 1024,
} as const;
