import type { ChannelReadState, SpaceMember, UserSummary } from "@/lib/realtime/contract";

/*
 * The space screen starts from what the page read and then follows live events. A page is read
 * again (router.refresh) after any change to the space, and such a read can start before a live
 * event and land after it: taking the page as it is would put an older state back over a newer
 * one (a channel's unread count back to 0 after a message just counted). So each piece is
 * merged, never replaced: read cursors and last seqs only move forward, and a live change to
 * members or video rooms wins over a page read before it was sent (`readAt`, `at`: server ms).
 */

// ---- unread counts ----------------------------------------------------------------------

export type ReadStates = Record<string, ChannelReadState>;

/** A page's read states over the live ones: per channel the furthest of each; channels the page no longer has go. */
export function mergeReadStates(live: ReadStates, page: ReadStates): ReadStates {
  const merged: ReadStates = {};
  for (const [id, p] of Object.entries(page)) {
    const l = live[id];
    merged[id] = l ? { lastSeq: Math.max(l.lastSeq, p.lastSeq), lastReadSeq: Math.max(l.lastReadSeq, p.lastReadSeq) } : p;
  }
  return merged;
}

/** A channel got a message: its last seq moves; the user's own message is read by them (the server moved their cursor too). */
export function withActivity(states: ReadStates, e: { channelId: string; lastSeq: number; authorId: string }, myId: string): ReadStates {
  const s = states[e.channelId] ?? { lastSeq: 0, lastReadSeq: 0 };
  const lastSeq = Math.max(s.lastSeq, e.lastSeq);
  const lastReadSeq = e.authorId === myId ? Math.max(s.lastReadSeq, e.lastSeq) : s.lastReadSeq;
  return { ...states, [e.channelId]: { lastSeq, lastReadSeq } };
}

/** The user's own read cursor moved (here, in another tab or on another device). */
export function withOwnRead(states: ReadStates, channelId: string, lastReadSeq: number): ReadStates {
  const s = states[channelId];
  if (!s || s.lastReadSeq >= lastReadSeq) return states;
  return { ...states, [channelId]: { lastSeq: Math.max(s.lastSeq, lastReadSeq), lastReadSeq } };
}

export function unreadCounts(states: ReadStates): Record<string, number> {
  return Object.fromEntries(Object.entries(states).map(([id, s]) => [id, Math.max(0, s.lastSeq - s.lastReadSeq)]));
}

// ---- members ----------------------------------------------------------------------------

export interface LiveMembers {
  page: { members: SpaceMember[]; readAt: number };
  /** Joins heard live, with the server time they were told. */
  joins: { member: SpaceMember; at: number }[];
}

/** A newer page replaces an older one; joins it was read too early to hold are kept. */
export function withMembersPage(state: LiveMembers, page: LiveMembers["page"]): LiveMembers {
  if (page.readAt < state.page.readAt) return state; // an older read landing late
  return { page, joins: state.joins.filter((j) => j.at > page.readAt) };
}

export function withJoin(state: LiveMembers, member: SpaceMember, at: number): LiveMembers {
  if (at <= state.page.readAt) return state; // the page is newer and already says
  return { ...state, joins: [...state.joins.filter((j) => j.member.id !== member.id), { member, at }] };
}

export function membersOf(state: LiveMembers): SpaceMember[] {
  const known = new Set(state.page.members.map((m) => m.id));
  return [...state.page.members, ...state.joins.filter((j) => !known.has(j.member.id)).map((j) => j.member)];
}

// ---- video rooms' occupants -------------------------------------------------------------

export interface LiveOccupants {
  page: { occupants: Record<string, UserSummary[]>; readAt: number };
  /** occupancy:update per channel, with the server time it was told. */
  updates: Record<string, { users: UserSummary[]; at: number }>;
}

export function withOccupantsPage(state: LiveOccupants, page: LiveOccupants["page"]): LiveOccupants {
  if (page.readAt < state.page.readAt) return state;
  return { page, updates: Object.fromEntries(Object.entries(state.updates).filter(([, u]) => u.at > page.readAt)) };
}

export function withOccupancy(state: LiveOccupants, channelId: string, users: UserSummary[], at: number): LiveOccupants {
  const known = state.updates[channelId];
  if (at <= state.page.readAt || (known && known.at > at)) return state;
  return { ...state, updates: { ...state.updates, [channelId]: { users, at } } };
}

export function occupantsOf(state: LiveOccupants): Record<string, UserSummary[]> {
  const merged = { ...state.page.occupants };
  for (const [id, u] of Object.entries(state.updates)) merged[id] = u.users;
  return merged;
}
