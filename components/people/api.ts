import { postJson, sendJson } from "@/lib/api-client";
import type { FriendState, FriendsOverview, PersonSummary, Profile } from "@/lib/realtime/contract";
import type { ProfileInput } from "@/lib/schemas";

/** The people routes, as the browser calls them (each resolves to a Result, never throws). */
export const peopleApi = {
  profile: (userId: string) => sendJson<{ profile: Profile }>("GET", `/api/users/${userId}/profile`),
  updateProfile: (patch: ProfileInput) => sendJson<{ profile: Profile }>("PATCH", "/api/profile", patch),
  search: (q: string) => sendJson<{ users: PersonSummary[] }>("GET", `/api/users/search?q=${encodeURIComponent(q)}`),
  active: () => sendJson<{ users: PersonSummary[] }>("GET", "/api/users/active"),
  overview: () => sendJson<{ overview: FriendsOverview }>("GET", "/api/friends"),
  request: (userId: string) => postJson<{ state: FriendState }>("/api/friends/requests", { userId }),
  accept: (userId: string) => postJson<{ state: FriendState }>(`/api/friends/requests/${userId}/accept`),
  decline: (userId: string) => postJson<{ state: FriendState }>(`/api/friends/requests/${userId}/decline`),
  cancel: (userId: string) => sendJson<{ state: FriendState }>("DELETE", `/api/friends/requests/${userId}`),
  /** `undo`: a token for `undo` below, good for 30 s. */
  remove: (userId: string) => sendJson<{ state: FriendState; undo: string }>("DELETE", `/api/friends/${userId}`),
  block: (userId: string) => postJson<{ blocked: true; undo: string }>("/api/blocks", { userId }),
  undo: (token: string) => postJson<{ state: FriendState }>("/api/friends/undo", { token }),
  unblock: (userId: string) => sendJson<{ blocked: false }>("DELETE", `/api/blocks/${userId}`),
  /** Opens (or makes) the dm with this user; built by the conversations area. */
  openDm: (userId: string) => postJson<{ channelId: string }>("/api/conversations/dm", { userId }),
};
