/** Every product limit in one place; the server enforces them and the UI shows them. */
export const LIMITS = {
  messageMaxChars: 1000,
  historyPageSize: 50,
  nameMaxChars: 32,
  spaceNameMaxChars: 48,
  passwordMinChars: 8,
  passwordMaxChars: 128,
  groupChatMaxMembers: 100,
  videoRoomCap: 8,
  /** Socket.IO refuses any single packet larger than this (bytes). */
  socketMaxPayloadBytes: 64 * 1024,
} as const;
