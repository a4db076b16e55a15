/** Every product limit in one place; the server enforces them and the UI shows them. */
export const LIMITS = {
  messageMaxChars: 1000,
  historyPageSize: 50,
  /** A search is 1 to this many characters (after trimming). */
  searchTextMaxChars: 100,
  /** Results per page of a search. */
  searchPageSize: 20,
  /** The drawer's page: files, or messages with links (a message's files are never split). */
  drawerPageSize: 30,
  /** Searches per user: a burst, then this many a second (each may scan the user's channels). */
  searchBurst: 10,
  searchesPerSecond: 1,
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
  /**
   * The same events, per user across all of their sockets on a node: more tabs do not buy a
   * bigger share of the database. Enough for every tab of a user reconnecting at once.
   */
  userEventBurst: 100,
  userEventsPerSecond: 30,
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
  /** What browsers call the videos server/files/sniff.ts takes as playable (.m4v is its MP4). */
  attachmentVideoTypes: ["video/mp4", "video/quicktime", "video/webm", "video/x-m4v"],
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
  // ---- sessions and sign-in ----
  /** The longest email address (RFC 5321); a longer sign-in is refused before any lookup. */
  emailMaxChars: 254,
  /** A session's lastSeenAt is written at most this often (not on every request). */
  sessionSeenRefreshMs: 5 * 60 * 1000,
  /**
   * Refusals a socket may run into over its event budgets before it is disconnected: a burst,
   * then a refill per second. A client that keeps firing after being refused is a flood, and
   * every refusal still costs decoding and an answer.
   */
  socketRefusalBurst: 100,
  socketRefusalsPerSecond: 10,
  /** Sends per socket (on top of the per-user limit): refused on the spot, before any parse or Redis call. */
  socketSendBurst: 20,
  socketSendsPerSecond: 5,
  /**
   * WebRTC signal sizes. Chrome's offer with microphone, camera and a screen share is about
   * 12 KB (one audio and two video sections of ~4 KB each, every codec listed); stopped
   * transceivers stay as short sections after renegotiations. 32 KB leaves room for more
   * tracks and longer codec lists; an ICE candidate line is ~100-250 characters.
   */
  signalSdpMaxChars: 32 * 1024,
  iceCandidateMaxChars: 1024,
  /** Calls that ring (the first one into an empty dm or group call room), per caller and conversation. */
  callRingsPerMinute: 3,
  /** A sign-in's callbackUrl longer than this is not followed (the app's own paths are short). */
  callbackUrlMaxChars: 2048,
  /** Socket.IO refuses any single packet larger than this (bytes). */
  socketMaxPayloadBytes: 64 * 1024,
  // ---- uploads ----
  /**
   * Width × height × frames an uploaded image may declare. 40 MP is more than any photo that
   * fits in uploadMaxBytes (a 48 MP phone JPEG is 10 MB and more) and bounds what decoding one
   * costs: 160 MB of 8-bit RGBA, the figure issue 12's re-encoding must be able to afford.
   */
  uploadMaxPixels: 40_000_000,
  /** Uploads per user per minute, a burst of that many at once (counted on each node). */
  uploadsPerMinute: 20,
  /** Files sent in chat, by kind, in MiB (issue 12's defaults). */
  attachmentMaxMb: { image: 20, video: 100, file: 25 },
  /** Chat files one user may upload a minute (a burst of this many, refilled over the minute). */
  attachmentsPerMinute: 30,
  /** Files one message may carry (KakaoTalk sends up to 30 photos at once; a grid shows 10 well). */
  attachmentsPerMessage: 10,
  /** A page of a space's study materials (server/services/materials.ts). */
  materialsPageSize: 30,
  // ---- link previews (server/links) ----
  /** Links of one message that get a card (the first ones in the message). */
  linkPreviewsPerMessage: 3,
  /** Messages with links one user may have previewed a minute (a burst of this many). */
  linkPreviewMessagesPerMinute: 20,
  /** Pages fetched at once by one node; more wait their turn. */
  linkPreviewFetchesAtOnce: 4,
  /** How long a fetched preview is kept before a new link to it fetches it again, and a failed one. */
  linkPreviewTtlMs: 24 * 60 * 60 * 1000,
  linkPreviewFailedTtlMs: 60 * 60 * 1000,
  /** An upload nothing refers to is removed once it is this old: a picked picture waits this long for its form to be saved. */
  uploadGraceMs: 24 * 60 * 60 * 1000,
  /** How often each node sweeps for such uploads. */
  uploadSweepEveryMs: 60 * 60 * 1000,
  // ---- study (issue 13: server/study) ----
  /** A subject's name (the timer's and a session's), in characters. */
  studySubjectMax: 40,
  /** A session's note, in characters. */
  studyNoteMax: 500,
  /** The longest one session may be (longer ones are refused: nobody studies 25 hours in one go). */
  studySessionMaxMs: 24 * 60 * 60 * 1000,
  /** Stretches one timer keeps (each pause and resume starts one); past this it refuses to resume until stopped. */
  studyTimerSegments: 200,
  /** How far in the future an end may be (clock skew between a phone and the server). */
  studyClockSkewMs: 60 * 1000,
  /** A daily goal, in minutes (0: none). */
  studyDailyGoalMaxMinutes: 24 * 60,
  /** A page of one's own sessions (GET /api/study/sessions). */
  studySessionsPageSize: 50,
  /** Pomodoro lengths, in minutes. */
  pomodoroFocusMinutes: { min: 1, max: 180, default: 25 },
  pomodoroBreakMinutes: { min: 1, max: 60, default: 5 },
  /** A study room counts a person as away (not studying) this long after their last input (server/study/room-time.ts). */
  studyRoomAwayMs: 5 * 60 * 1000,
  /** A study room's tab reports input at most this often (the activity heartbeat). */
  studyRoomHeartbeatMs: 30 * 1000,
  /** How often each node folds study room time into its counters (and sees people go away). */
  studyRoomTickMs: 15 * 1000,
  // ---- Redis outages (server/scale.ts) ----
  /** Broadcasts a node holds for Redis while it is unreachable; past this they are dropped and clients resync from the database. */
  redisPublishBacklogMax: 5_000,
  /** A send-limit call to Redis slower than this is answered by the node's own bucket instead (ms). */
  redisSendLimitTimeoutMs: 200,
} as const;
