import "server-only";
import { AppError, isExpected } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { rooms, type StudyRoomMember, type StudyRoomView } from "@/lib/realtime/contract";
import { spanMs, studyDayOf, type DayRule, type Span } from "@/lib/study-day";
import { breaksWithin, currentPomodoro, subtractSpans } from "@/lib/study-room";
import { openChannel } from "../events/subscriptions";
import { areaLog } from "../ops/logger";
import { controlStudyRoom, lengthsOf, mayControl, pomodoroOf, readStudyRoom, studyRoomRow, studyRoomRows, viewOf } from "../study/rooms";
import { recordRoomTime } from "../study/room-time";
import { getStudySettings, studySettingsOf } from "../study/settings";
import { studiedTodayMs, studyStatuses } from "../study/status";
import { drainOf } from "./draining";
import { on, type AppSocket } from "./handler";
import type { RealtimeServer, SocketData } from "./socket-sink";

/**
 * Study rooms on the socket (issue 13). Three jobs, all per node and bounded:
 * - **Phase boundaries.** The pomodoro is derived from its stored instants on every read; a
 *   node sets one timeout per study room its sockets watch, and at the boundary tells its own
 *   sockets (`io.local`) the state it reads from the database then. Two nodes each tell their
 *   own; a timer that fires late or not at all changes nothing but when a client hears it (the
 *   browser derives the phase itself).
 * - **Who is in a room**: sockets present in it join `rooms.studyRoom`; the member list is read
 *   across nodes with fetchSockets, with each one's personal timer (studyStatuses).
 * - **Room time** (a room's `countTime`): each present socket's counted stretches are kept in
 *   this node's memory, folded in every LIMITS.studyRoomTickMs (and before each command), and
 *   recorded (server/study/room-time.ts) when the socket stops counting — a break, away, leaving,
 *   a disconnect — at the study day's start, and at least every `flushEveryMs`. A node that
 *   crashes loses what its sockets counted since their last record (at most one focus phase, or
 *   `flushEveryMs`); what was recorded stays.
 * Counting rule: time in the room counts unless the shared pomodoro is in a break (running or
 * paused there) — with no pomodoro started, or one paused in focus, it counts — and stops once
 * the socket reported no input for LIMITS.studyRoomAwayMs (an empty desk counts that long, then
 * nothing; it counts again from the next input).
 */

export interface StudyRoomTiming {
  /** Away after this long without input (LIMITS.studyRoomAwayMs; tests shorten it). */
  awayMs: number;
  tickMs: number;
  flushEveryMs: number;
}

interface Presence {
  socket: AppSocket;
  userId: string;
  channelId: string;
  kind: "text" | "video";
  subject: string;
  rule: DayRule;
  lastActiveAt: number;
  /** Counted up to here. */
  lastTick: number;
  away: boolean;
  spans: Span[];
}

const log = areaLog("study");
const runtimes = new WeakMap<object, ReturnType<typeof createRuntime>>();

/** The node's study room runtime of a realtime server (tests fold and read it). */
export function studyRoomRuntime(io: RealtimeServer) {
  return runtimes.get(io);
}

export function startStudyRooms(io: RealtimeServer, timing: Partial<StudyRoomTiming> = {}) {
  const runtime = createRuntime(io, {
    awayMs: timing.awayMs ?? LIMITS.studyRoomAwayMs,
    tickMs: timing.tickMs ?? LIMITS.studyRoomTickMs,
    flushEveryMs: timing.flushEveryMs ?? 30 * 60 * 1000,
  });
  runtimes.set(io, runtime);
  return runtime;
}

function createRuntime(io: RealtimeServer, timing: StudyRoomTiming) {
  const present = new Map<string, Presence>(); // by socket id
  const boundaries = new Map<string, ReturnType<typeof setTimeout>>();
  const membersDue = new Map<string, ReturnType<typeof setTimeout>>();

  const inRoomsOf = (channelId: string) => [...present.values()].filter((p) => p.channelId === channelId);

  /** Folds a presence's counted time up to `now` under the room as stored; records it when it stops counting. */
  async function fold(p: Presence, row: Awaited<ReturnType<typeof studyRoomRow>>, now: number): Promise<boolean> {
    let awayChanged = false;
    if (row?.countTime) {
      const until = p.away ? p.lastTick : Math.min(now, p.lastActiveAt + timing.awayMs);
      if (until > p.lastTick) {
        const pieces = subtractSpans([p.lastTick, until], breaksWithin(pomodoroOf(row), lengthsOf(row), p.lastTick, until));
        for (const piece of pieces) {
          const last = p.spans[p.spans.length - 1];
          if (last && last[1] === piece[0]) p.spans[p.spans.length - 1] = [last[0], piece[1]];
          else p.spans.push([piece[0], piece[1]]);
        }
      }
    }
    if (!p.away && now - p.lastActiveAt >= timing.awayMs) {
      p.away = true;
      (p.socket.data as SocketData).studyAway = true;
      awayChanged = true;
    }
    p.lastTick = now;
    const counting = Boolean(row?.countTime) && !p.away && currentPomodoro(pomodoroOf(row!), lengthsOf(row!), now).phase !== "break";
    const first = p.spans[0];
    const due =
      first !== undefined &&
      (!counting || studyDayOf(first[0], p.rule) !== studyDayOf(now, p.rule) || now - first[0] >= timing.flushEveryMs || p.spans.length >= 100);
    if (due) await flush(p, now);
    (p.socket.data as SocketData).studyUnrecordedMs = spanMs(p.spans);
    return awayChanged;
  }

  async function flush(p: Presence, now: number): Promise<void> {
    const spans = p.spans;
    p.spans = [];
    (p.socket.data as SocketData).studyUnrecordedMs = 0;
    await recordRoomTime(p.userId, p.channelId, p.subject, spans, now);
  }

  /** Folds every present socket of these rooms (all when omitted) up to now; tells rooms whose people went away. */
  async function tick(channelIds?: readonly string[], now = Date.now()): Promise<void> {
    const ids = channelIds ?? [...new Set([...[...present.values()].map((p) => p.channelId), ...boundaries.keys()])];
    const rows = await studyRoomRows(ids);
    for (const channelId of ids) {
      const row = rows.get(channelId) ?? null;
      let changed = false;
      for (const p of inRoomsOf(channelId)) {
        // Access went (a kick, a private channel left, the call evicted it): the socket was taken
        // out of the channel's or the call's room, so it is out of the study room too.
        if (!p.socket.rooms.has(p.kind === "video" ? rooms.rtc(channelId) : rooms.channel(channelId))) {
          await leave(p.socket, channelId);
          continue;
        }
        if (await fold(p, row, now)) changed = true;
      }
      if (changed) membersChanged(channelId);
      if (row) schedule(viewOf(row, now));
    }
  }

  /** One timeout per watched room on this node, at its next phase boundary. */
  function schedule(room: StudyRoomView): void {
    const channelId = room.channelId;
    clearTimeout(boundaries.get(channelId));
    boundaries.delete(channelId);
    const { pomodoro } = room;
    if (!pomodoro.running || pomodoro.phaseEndsAt === null || !watchedHere(channelId)) return;
    const delay = Math.max(0, pomodoro.phaseEndsAt - room.serverNow) + 5;
    const timer = setTimeout(() => void boundary(channelId).catch(logError), delay);
    timer.unref?.();
    boundaries.set(channelId, timer);
  }

  const watchedHere = (channelId: string) => (io.of("/").adapter.rooms.get(rooms.channel(channelId))?.size ?? 0) > 0;

  async function boundary(channelId: string): Promise<void> {
    boundaries.delete(channelId);
    const row = await studyRoomRow(channelId);
    const now = Date.now();
    for (const p of inRoomsOf(channelId)) await fold(p, row, now);
    const room = row ? viewOf(row, now) : null;
    io.local.to(rooms.channel(channelId)).emit("studyRoom:state", { channelId, room });
    if (room) schedule(room);
    membersChanged(channelId);
  }

  /** Tells the room's audience who is in it (debounced: a burst of joins is one read). */
  function membersChanged(channelId: string): void {
    if (membersDue.has(channelId)) return;
    const timer = setTimeout(() => {
      membersDue.delete(channelId);
      void roomMembers(channelId)
        .then((members) => io.local.to(rooms.channel(channelId)).emit("studyRoom:members", { channelId, members, at: Date.now() }))
        .catch(logError);
    }, 150);
    timer.unref?.();
    membersDue.set(channelId, timer);
  }

  /** Everyone present in the room, on every node, one entry per user, with what they do. */
  async function roomMembers(channelId: string): Promise<StudyRoomMember[]> {
    const sockets = await io.in(rooms.studyRoom(channelId)).fetchSockets();
    const byUser = new Map<string, { user: StudyRoomMember["user"]; away: boolean; unrecordedMs: number }>();
    for (const s of sockets) {
      const d = s.data as SocketData;
      const seen = byUser.get(d.userId);
      const away = Boolean(d.studyAway) && (seen?.away ?? true);
      const unrecordedMs = Math.max(seen?.unrecordedMs ?? 0, d.studyUnrecordedMs ?? 0);
      byUser.set(d.userId, { user: { id: d.userId, name: d.name, image: d.image }, away, unrecordedMs });
    }
    if (byUser.size === 0) return [];
    const userIds = [...byUser.keys()];
    const now = Date.now();
    const [statuses, row, settings] = await Promise.all([studyStatuses(userIds, now), studyRoomRow(channelId), studySettingsOf(userIds)]);
    const today = await studiedTodayMs(userIds, settings, now);
    const roomBreak = row ? currentPomodoro(pomodoroOf(row), lengthsOf(row), now).phase === "break" : false;
    return [...byUser.values()].map(({ user, away, unrecordedMs }): StudyRoomMember => {
      const own = statuses.get(user.id);
      if (own && own.state !== "paused")
        return { user, status: own.state === "break" ? "break" : "studying", subject: own.subject, todayMs: own.todayMs, since: own.state === "studying" ? own.since : null };
      const todayMs = (own?.todayMs ?? today.get(user.id) ?? 0) + unrecordedMs;
      return { user, status: away ? "away" : roomBreak ? "break" : "studying", subject: null, todayMs, since: null };
    });
  }

  async function leave(socket: AppSocket, channelId?: string): Promise<void> {
    const p = present.get(socket.id);
    if (!p || (channelId && p.channelId !== channelId)) return;
    present.delete(socket.id);
    await socket.leave(rooms.studyRoom(p.channelId));
    const row = await studyRoomRow(p.channelId);
    await fold(p, row, Date.now());
    if (p.spans.length > 0) await flush(p, Date.now());
    (socket.data as SocketData).studyAway = undefined;
    membersChanged(p.channelId);
  }

  function register(socket: AppSocket): void {
    const me = socket.data as SocketData;
    // One socket's study room events run one at a time: a leave does not pass the watch it follows.
    let queue: Promise<unknown> = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    };
    const isIn = (channelId: string) => {
      const p = present.get(socket.id);
      return p?.channelId === channelId && (p.kind === "text" || me.videoRoom?.id === channelId);
    };

    on(socket, "studyRoom:watch", ({ channelId, present: wants }) =>
      serially(async () => {
        const { channel, room } = await readStudyRoom(me.userId, channelId);
        if (!room) {
          await leave(socket, channelId);
          return { room: null, members: [], canControl: false };
        }
        await openChannel(socket, channel.id);
        const kind = channel.kind === "video" ? "video" : "text";
        // A video room's people are those in its call; a text room's, those viewing it.
        const inRoom = wants && (kind === "text" || me.videoRoom?.id === channel.id);
        if (inRoom && present.get(socket.id)?.channelId !== channel.id) {
          await leave(socket);
          const now = Date.now();
          present.set(socket.id, {
            socket,
            userId: me.userId,
            channelId: channel.id,
            kind,
            subject: channel.name.slice(0, LIMITS.studySubjectMax),
            rule: await getStudySettings(me.userId),
            lastActiveAt: now,
            lastTick: now,
            away: false,
            spans: [],
          });
          me.studyAway = false;
          await socket.join(rooms.studyRoom(channel.id));
          membersChanged(channel.id);
        } else if (!wants) await leave(socket, channel.id);
        schedule(room);
        const canControl = inRoom && (await mayControl(me.userId, channel.spaceId, room.control));
        return { room, members: await roomMembers(channel.id), canControl };
      }),
    );

    on(socket, "studyRoom:leave", ({ channelId }) =>
      serially(async () => {
        await leave(socket, channelId);
        return {};
      }),
    );

    on(socket, "studyRoom:control", ({ channelId, action, version }) =>
      serially(async () => {
        // Time so far is counted under the pomodoro as it was.
        if (isIn(channelId)) await tick([channelId]);
        const { room, changed } = await controlStudyRoom(me.userId, channelId, action, version, isIn(channelId));
        if (changed) {
          schedule(room);
          membersChanged(channelId);
        }
        return { room };
      }),
    );

    on(socket, "studyRoom:activity", async ({ channelId }) => {
      const p = present.get(socket.id);
      if (!p || !isIn(channelId)) throw new AppError("room_not_joined", "Join the room first");
      const now = Date.now();
      if (p.away) {
        // Back: counting starts again from now, not from when they left.
        p.away = false;
        p.lastTick = now;
        me.studyAway = false;
        membersChanged(channelId);
      }
      p.lastActiveAt = now;
      return {};
    });

    // Server side, so a closed tab still records what it counted. Tracked: a graceful stop waits for it.
    socket.on(
      "disconnect",
      () =>
        void drainOf(io)
          .track(() => serially(() => leave(socket)))
          .catch(logError),
    );
  }

  const timer = setInterval(() => void tick().catch(logError), timing.tickMs);
  timer.unref?.();

  return {
    /** Mutable for tests (short away times); the node's interval keeps its first tickMs. */
    timing,
    register,
    tick,
    /** The socket left its video room: it is no longer in that study room. */
    leftVideoRoom: (socket: AppSocket, channelId: string) => leave(socket, channelId),
    roomMembers,
    stop(): void {
      clearInterval(timer);
      for (const t of boundaries.values()) clearTimeout(t);
      for (const t of membersDue.values()) clearTimeout(t);
      boundaries.clear();
      membersDue.clear();
    },
  };
}

function logError(err: unknown) {
  if (!isExpected(err)) log.error({ err }, "study room upkeep failed");
}
