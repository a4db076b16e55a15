"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import type { ErrorCode } from "@/lib/error-codes";
import { LIMITS } from "@/lib/limits";
import type { StudyRoomMember, StudyRoomView } from "@/lib/realtime/contract";
import { clockOffset, currentPomodoro, remainingOf, type PomodoroAction, type PomodoroPhase } from "@/lib/study-room";
import { chimeMuted, playChime, setChimeMuted } from "./chime";

export interface ShownPomodoro {
  phase: PomodoroPhase;
  running: boolean;
  remainingMs: number;
  round: number;
  /** The server's clock as this tab estimates it, ms. */
  serverNow: number;
}

/**
 * A study room as one tab sees it: the room (settings and the shared pomodoro) and who is in it,
 * watched over the socket and caught up after every reconnect (the watch's ack is the state).
 * The remaining time is drawn on the server's clock: each payload's `serverNow` gives this
 * tab's offset, and the phase is derived locally at every frame, so a boundary shows on time
 * even before the server's event arrives. `present`: this tab is in the room (a text room's
 * view is open; a video room's call is joined); it then reports input as the heartbeat that
 * keeps it from counting as away.
 */
export function useStudyRoom(channelId: string, present: boolean, enabled = true) {
  const { socket } = useRealtime();
  const [room, setRoom] = useState<StudyRoomView | null>(null);
  const [members, setMembers] = useState<StudyRoomMember[]>([]);
  /** The server's clock when `members` was read (their time today grows from it). */
  const [membersAt, setMembersAt] = useState<number | null>(null);
  const [canControl, setCanControl] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [muted, setMuted] = useState(false);
  const [shown, setShown] = useState<ShownPomodoro | null>(null);
  const offset = useRef(0);
  const roomRef = useRef<StudyRoomView | null>(null);
  const mutedRef = useRef(false);
  const lastPhase = useRef<PomodoroPhase | null>(null);

  useEffect(() => {
    const m = chimeMuted();
    setMuted(m);
    mutedRef.current = m;
  }, []);

  const take = useCallback((next: StudyRoomView | null) => {
    if (next) offset.current = clockOffset(next.serverNow, Date.now());
    roomRef.current = next;
    setRoom(next);
  }, []);

  const watch = useCallback(async () => {
    if (!socket?.connected || !enabled) return;
    const ack = await request(socket, "studyRoom:watch", { channelId, present });
    if (!ack.ok) return;
    take(ack.room);
    setMembers(ack.members);
    setMembersAt(ack.room?.serverNow ?? null);
    setCanControl(ack.canControl);
  }, [socket, channelId, present, enabled, take]);

  useEffect(() => {
    if (!socket || !enabled) return;
    const onState = (e: { channelId: string; room: StudyRoomView | null }) => e.channelId === channelId && take(e.room);
    const onMembers = (e: { channelId: string; members: StudyRoomMember[]; at: number }) => {
      if (e.channelId !== channelId) return;
      setMembers(e.members);
      setMembersAt(e.at);
    };
    const onConnect = () => void watch();
    socket.on("studyRoom:state", onState);
    socket.on("studyRoom:members", onMembers);
    socket.on("connect", onConnect);
    void watch();
    // Members' own timers change without telling the room: read the list again now and then.
    const refresh = setInterval(() => document.visibilityState === "visible" && void watch(), 60_000);
    return () => {
      socket.off("studyRoom:state", onState);
      socket.off("studyRoom:members", onMembers);
      socket.off("connect", onConnect);
      clearInterval(refresh);
      if (present && socket.connected) void request(socket, "studyRoom:leave", { channelId });
    };
  }, [socket, channelId, present, enabled, watch, take]);

  // The clock: a frame four times a second; the chime when the derived phase changes.
  useEffect(() => {
    const draw = () => {
      const r = roomRef.current;
      if (!r) {
        setShown(null);
        lastPhase.current = null;
        return;
      }
      const serverNow = Date.now() + offset.current;
      const p = currentPomodoro(r.pomodoro, r, serverNow);
      const before = lastPhase.current;
      lastPhase.current = p.phase;
      if (before && before !== "idle" && p.phase !== "idle" && before !== p.phase && p.running && !mutedRef.current) playChime(r.chime, p.phase === "break");
      setShown({ phase: p.phase, running: p.running, remainingMs: remainingOf(p, serverNow), round: p.round, serverNow });
    };
    draw();
    const timer = setInterval(draw, 250);
    return () => clearInterval(timer);
  }, [room]);

  // The heartbeat: input while the tab is visible, told at most every LIMITS.studyRoomHeartbeatMs.
  useEffect(() => {
    if (!socket || !present || !room) return;
    let inputAt = Date.now();
    let toldAt = 0;
    const onInput = () => {
      inputAt = Date.now();
      if (Date.now() - toldAt >= LIMITS.studyRoomHeartbeatMs) tell();
    };
    const tell = () => {
      if (document.visibilityState !== "visible" || !socket.connected || inputAt <= toldAt) return;
      toldAt = Date.now();
      void request(socket, "studyRoom:activity", { channelId });
    };
    const events = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel"] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    document.addEventListener("visibilitychange", onInput);
    const timer = setInterval(tell, LIMITS.studyRoomHeartbeatMs);
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
      document.removeEventListener("visibilitychange", onInput);
      clearInterval(timer);
    };
  }, [socket, channelId, present, room]);

  const control = useCallback(
    async (action: PomodoroAction) => {
      const r = roomRef.current;
      if (!socket || !r) return;
      setError(null);
      const ack = await request(socket, "studyRoom:control", { channelId, action, version: r.pomodoro.version });
      if (ack.ok) take(ack.room);
      else {
        setError(ack.error.code);
        if (ack.error.code === "room_stale") void watch();
      }
    },
    [socket, channelId, take, watch],
  );

  const toggleMute = useCallback(() => {
    const next = !mutedRef.current;
    mutedRef.current = next;
    setMuted(next);
    setChimeMuted(next);
    // The click also lets the browser play sound later (autoplay rules want a gesture first).
    if (!next && roomRef.current) playChime(roomRef.current.chime, false);
  }, []);

  return { room, shown, members, membersAt, canControl, error, muted, control, toggleMute };
}

export type StudyRoomState = ReturnType<typeof useStudyRoom>;
