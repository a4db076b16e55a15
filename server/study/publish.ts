import "server-only";
import { eq, or } from "drizzle-orm";
import { rooms, type StudyStatusView, type StudyTimerSnapshot } from "@/lib/realtime/contract";
import { getDatabase } from "../database";
import { events } from "../events/sink";
import { blockedEitherWay } from "../services/access";
import { usersVisibleTo } from "../services/friends";
import { studyStatuses, type StudyStatus } from "./status";

/**
 * What the study services tell, once their write has committed: the user's own sockets get the
 * timer's new state (every tab redraws the same timer) and a nudge to re-read their sessions;
 * the sockets following the user's presence (the presence rule decided who may join that room,
 * server/realtime/presence.ts) get the new "studying now" status, except people blocked either
 * way, whatever room they share.
 */
export async function studyChanged(userId: string, change: { timer?: StudyTimerSnapshot; sessions?: boolean }): Promise<void> {
  if (change.timer) events().publish(rooms.user(userId), "study:timer:state", change.timer);
  if (change.sessions) events().publish(rooms.user(userId), "study:sessions:changed");
  const now = change.timer?.serverNow ?? Date.now();
  const [statuses, blocked] = await Promise.all([studyStatuses([userId], now), blockedAnyWay(userId)]);
  const status = statuses.get(userId);
  events().publishExcept(rooms.presence(userId), blocked.map(rooms.user), "study:status", {
    userId,
    status: status ? statusView(status) : null,
    serverNow: now,
  });
}

export const statusView = (status: StudyStatus): StudyStatusView => ({
  state: status.state,
  subject: status.subject,
  since: status.since,
  todayMs: status.todayMs,
});

/** Everyone the user blocked or who blocked the user. */
async function blockedAnyWay(userId: string): Promise<string[]> {
  const { db, t } = await getDatabase();
  const rows = await db
    .select({ blocker: t.blocks.blockerId, blocked: t.blocks.blockedId })
    .from(t.blocks)
    .where(or(eq(t.blocks.blockerId, userId), eq(t.blocks.blockedId, userId)));
  return [...new Set(rows.map((r) => (r.blocker === userId ? r.blocked : r.blocker)))];
}

/**
 * "Who is studying now" among `userIds`, as `viewerId` may see it: only people whose presence
 * the viewer may see (usersVisibleTo, the presence rule), leaving out people blocked either way.
 */
export async function studyStatusesFor(
  viewerId: string,
  userIds: readonly string[],
  now = Date.now(),
): Promise<Record<string, StudyStatusView>> {
  const visible = await usersVisibleTo(viewerId, [...userIds]);
  const blocked = new Set(await blockedEitherWay(viewerId, visible));
  const shown = visible.filter((id) => !blocked.has(id));
  const statuses = await studyStatuses(shown, now);
  return Object.fromEntries([...statuses].map(([id, status]) => [id, statusView(status)]));
}
