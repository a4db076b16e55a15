import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { rooms, type StudyRoomView } from "@/lib/realtime/contract";
import { applyPomodoro, currentPomodoro, IDLE, type PomodoroAction, type PomodoroLengths, type PomodoroState } from "@/lib/study-room";
import { getDatabase } from "../database";
import { events } from "../events/sink";
import { requireChannelAccess } from "../services/access";
import { ADMINS, requireSpaceRole } from "../services/spaces";

/**
 * Study rooms (issue 13): a space's text or video channel its owner or admins made one, with
 * a shared pomodoro on the server's clock. The row holds the state as instants; every read
 * derives the phase at its own `now` (lib/study-room.ts), so nothing depends on a timer having
 * fired, on which node, or on a node being up at the boundary. Everyone who may read the
 * channel sees the room; only those in it (./room-presence is the socket layer's word on that)
 * control it, or only the space's admins among them when the room says so.
 */

const minutes = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

/** PATCH /api/spaces/{spaceId}/channels/{channelId}/study-room. */
export const studyRoomSettingsInput = z.strictObject({
  enabled: z.boolean(),
  focusMinutes: minutes(LIMITS.pomodoroFocusMinutes).default(LIMITS.pomodoroFocusMinutes.default),
  breakMinutes: minutes(LIMITS.pomodoroBreakMinutes).default(LIMITS.pomodoroBreakMinutes.default),
  chime: z.enum(["bell", "wood", "digital", "none"]).default("bell"),
  control: z.enum(["everyone", "admins"]).default("everyone"),
  countTime: z.boolean().default(true),
});

/**
 * The length of a pomodoro "minute". Only tests shorten it (a phase boundary within a test's
 * seconds); lengths stay whole minutes in the database and the UI.
 */
let minuteMs = 60_000;
export function setStudyRoomMinuteMs(ms: number): void {
  minuteMs = ms;
}

type Row = typeof import("@/db/schema/sqlite").studyRooms.$inferSelect;

export function lengthsOf(row: Pick<Row, "focusMinutes" | "breakMinutes">): PomodoroLengths {
  return { focusMs: row.focusMinutes * minuteMs, breakMs: row.breakMinutes * minuteMs };
}

export function pomodoroOf(row: Row): PomodoroState {
  return {
    phase: row.phase,
    running: row.running,
    phaseEndsAt: row.phaseEndsAt ? row.phaseEndsAt.getTime() : null,
    remainingMs: row.remainingMs,
    round: row.round,
    version: row.version,
  };
}

export function viewOf(row: Row, now = Date.now()): StudyRoomView {
  const lengths = lengthsOf(row);
  return {
    channelId: row.channelId,
    focusMinutes: row.focusMinutes,
    breakMinutes: row.breakMinutes,
    chime: row.chime,
    control: row.control,
    countTime: row.countTime,
    pomodoro: currentPomodoro(pomodoroOf(row), lengths, now),
    ...lengths,
    serverNow: now,
  };
}

export async function studyRoomRow(channelId: string): Promise<Row | null> {
  const { db, t } = await getDatabase();
  const [row] = await db.select().from(t.studyRooms).where(eq(t.studyRooms.channelId, channelId)).limit(1);
  return row ?? null;
}

export async function studyRoomRows(channelIds: readonly string[]): Promise<Map<string, Row>> {
  if (channelIds.length === 0) return new Map();
  const { db, t } = await getDatabase();
  const rows = await db.select().from(t.studyRooms).where(inArray(t.studyRooms.channelId, [...channelIds]));
  return new Map(rows.map((row) => [row.channelId, row]));
}

function publishState(channelId: string, room: StudyRoomView | null): void {
  events().publish(rooms.channel(channelId), "studyRoom:state", { channelId, room });
}

/** The room of a channel the user may read (null: not a study room). */
export async function readStudyRoom(userId: string, channelId: string) {
  const channel = await requireChannelAccess(userId, channelId);
  const row = await studyRoomRow(channel.id);
  return { channel, room: row ? viewOf(row) : null };
}

/** Whether the user may control the room's pomodoro by its `control` setting (being in the room is the caller's check). */
export async function mayControl(userId: string, spaceId: string | null, control: Row["control"]): Promise<boolean> {
  if (control === "everyone") return true;
  if (!spaceId) return false;
  return requireSpaceRole(userId, spaceId, ADMINS).then(
    () => true,
    () => false,
  );
}

/** Makes a channel a study room, changes its settings, or (enabled: false) makes it a plain channel again. Owner and admins. */
export async function configureStudyRoom(userId: string, channelId: string, input: unknown): Promise<{ room: StudyRoomView | null }> {
  const parsed = studyRoomSettingsInput.parse(input);
  const { db, t } = await getDatabase();
  const [channel] = await db
    .select({ id: t.channels.id, spaceId: t.channels.spaceId, kind: t.channels.kind })
    .from(t.channels)
    .where(eq(t.channels.id, String(channelId)))
    .limit(1);
  if (!channel?.spaceId || (channel.kind !== "text" && channel.kind !== "video")) throw new AppError("forbidden", "You cannot manage this channel");
  await requireSpaceRole(userId, channel.spaceId, ADMINS);
  if (!parsed.enabled) {
    await db.delete(t.studyRooms).where(eq(t.studyRooms.channelId, channel.id));
    publishState(channel.id, null);
    return { room: null };
  }
  const { enabled: _e, ...settings } = parsed;
  const now = new Date();
  const existing = await studyRoomRow(channel.id);
  if (existing) {
    // The running phase keeps its end; the phases after it take the new lengths.
    await db
      .update(t.studyRooms)
      .set({ ...settings, version: existing.version + 1, updatedAt: now })
      .where(eq(t.studyRooms.channelId, channel.id));
  } else {
    await db.insert(t.studyRooms).values({ channelId: channel.id, ...settings, ...IDLE, phaseEndsAt: null, version: 0, updatedAt: now });
  }
  const room = viewOf((await studyRoomRow(channel.id))!);
  publishState(channel.id, room);
  return { room };
}

/**
 * Applies a command to the shared pomodoro, as it is now. `inRoom`: the socket layer found the
 * sender in the room. A command sent for another version than the stored one is refused
 * (`room_stale`): two people pressing "skip" at once skip one phase, not two. The write is
 * conditional on the version, so two nodes cannot both apply theirs.
 */
export async function controlStudyRoom(
  userId: string,
  channelId: string,
  action: PomodoroAction,
  version: number,
  inRoom: boolean,
  now = Date.now(),
): Promise<{ room: StudyRoomView; changed: boolean }> {
  const channel = await requireChannelAccess(userId, channelId);
  const row = await studyRoomRow(channel.id);
  if (!row) throw new AppError("not_found", "This channel is not a study room");
  if (!inRoom) throw new AppError("room_not_joined", "Join the room first");
  if (!(await mayControl(userId, channel.spaceId, row.control))) throw new AppError("room_admins_only", "Only admins control this room's timer");
  if (version !== row.version) throw new AppError("room_stale", "The timer changed meanwhile");
  const next = applyPomodoro(pomodoroOf(row), action, lengthsOf(row), now);
  if (!next) return { room: viewOf(row, now), changed: false };
  const { db, t, dialect } = await getDatabase();
  const result = await db
    .update(t.studyRooms)
    .set({
      phase: next.phase,
      running: next.running,
      phaseEndsAt: next.phaseEndsAt === null ? null : new Date(next.phaseEndsAt),
      remainingMs: next.remainingMs,
      round: next.round,
      version: next.version,
      updatedAt: new Date(now),
    })
    .where(and(eq(t.studyRooms.channelId, channel.id), eq(t.studyRooms.version, row.version)));
  if (dialect.affectedRows(result) === 0) throw new AppError("room_stale", "The timer changed meanwhile");
  const room = viewOf({ ...row, ...next, phaseEndsAt: next.phaseEndsAt === null ? null : new Date(next.phaseEndsAt) }, now);
  publishState(channel.id, room);
  return { room, changed: true };
}
