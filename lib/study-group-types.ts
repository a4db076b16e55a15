// Study groups' shapes and bounds without zod (the directory and the settings form import them
// in the browser); lib/study-groups.ts has the zod inputs the server parses with.
import type { UserSummary } from "./realtime/contract";

export const STUDY_STATUSES = ["recruiting", "in_progress", "finished"] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];
export const JOIN_MODES = ["direct", "request"] as const;
export type JoinMode = (typeof JOIN_MODES)[number];

export const STUDY_LIMITS = {
  tagsMax: 8,
  tagMaxChars: 24,
  descriptionMaxChars: 500,
  targetMaxChars: 80,
  capacityMin: 2,
  capacityMax: 1000,
  requestMessageMaxChars: 300,
  searchMaxChars: 64,
  directoryPageSize: 12,
  directoryPagesMax: 100,
} as const;

/**
 * A tag as stored and searched: NFKC (full-width letters fold), no leading '#', inner spaces
 * collapsed, lower case. "  #정보처리기사 " and "정보처리기사" are one tag.
 */
export function normalizeTag(raw: string): string {
  return raw.normalize("NFKC").trim().replace(/^#+/, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** A space's study-group settings, as its owner and admins edit them and its members see them. */
export interface StudyGroupSettings {
  description: string;
  target: string;
  capacity: number | null;
  status: StudyStatus;
  listed: boolean;
  joinMode: JoinMode;
  tags: string[];
}

/** Where the viewer stands with a group on its card: a member, asked and waiting, asked and declined (may ask again), neither. */
export type StudyViewerState = "member" | "pending" | "declined" | "none";

/** A study group's directory card: what a signed-in stranger may know of the space, and nothing more. */
export interface StudyGroupCard extends StudyGroupSettings {
  spaceId: string;
  name: string;
  icon: string | null;
  organizer: UserSummary;
  memberCount: number;
  me: StudyViewerState;
  /** The viewer's own inquiry chat with the organizer, once opened. */
  inquiryChannelId: string | null;
  /** Members studying right now (a running timer, not on a break): a count, no names. */
  studyingNow: number;
}

/** What a member's space screen shows of its group (null: the space is not a study group). */
export interface StudyGroupInfo extends StudyGroupSettings {
  memberCount: number;
  /** Pending join requests: for the owner and admins (0 for members). */
  pendingRequests: number;
}

export interface StudyJoinRequest {
  user: UserSummary;
  message: string;
  createdAt: string;
}
