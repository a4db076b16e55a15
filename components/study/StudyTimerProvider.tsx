"use client";
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import type { Result } from "@/lib/errors";
import { onCatchUp } from "@/lib/realtime/catch-up";
import type { StudyTimer, StudyTimerCommand, StudyTimerSnapshot } from "@/lib/realtime/contract";

/**
 * The user's study timer in this tab: what the server last said (every tab hears each change as
 * `study:timer:state`), and the offset between the server's clock and this device's, so elapsed
 * time and pomodoro phases are drawn on the server's clock (a phone whose clock is off by a
 * minute still shows what the other tabs show). Commands go over the socket with the version
 * they were based on; a stale one is refused and the server sends the timer as it is.
 */
interface StudyTimerValue {
  timer: StudyTimer | null;
  /** The server's clock now, as best this tab knows it (ms). */
  serverNow: () => number;
  command: (command: StudyTimerCommand) => Promise<Result<StudyTimerSnapshot & { recorded?: number }>>;
}

const StudyTimerContext = createContext<StudyTimerValue>({
  timer: null,
  serverNow: () => Date.now(),
  command: async () => ({ ok: false, error: { code: "unavailable", message: "no socket" } }),
});

export function StudyTimerProvider({ initial, children }: { initial: StudyTimerSnapshot; children: React.ReactNode }) {
  const { socket } = useRealtime();
  const [timer, setTimer] = useState<StudyTimer | null>(initial.timer);
  // Measured when the page was rendered: good to the page's load time until the socket's first answer.
  const [offset, setOffset] = useState(() => initial.serverNow - Date.now());

  const apply = useCallback((snapshot: StudyTimerSnapshot) => {
    setTimer(snapshot.timer);
    setOffset(snapshot.serverNow - Date.now());
  }, []);

  useEffect(() => {
    if (!socket) return;
    const read = () => {
      const sentAt = Date.now();
      void request(socket, "study:timer", { action: "get" }).then((ack) => {
        if (!ack.ok) return;
        setTimer(ack.timer);
        // Half the round trip: the server read its clock about midway.
        setOffset(ack.serverNow - (sentAt + Date.now()) / 2);
      });
    };
    socket.on("study:timer:state", apply);
    const off = onCatchUp(socket, read);
    if (socket.connected) read();
    return () => {
      socket.off("study:timer:state", apply);
      off();
    };
  }, [socket, apply]);

  const serverNow = useCallback(() => Date.now() + offset, [offset]);
  const command = useCallback(
    async (cmd: StudyTimerCommand) => {
      if (!socket) return { ok: false as const, error: { code: "unavailable" as const, message: "no socket" } };
      const ack = await request(socket, "study:timer", cmd);
      if (ack.ok) apply(ack);
      return ack;
    },
    [socket, apply],
  );

  return <StudyTimerContext.Provider value={{ timer, serverNow, command }}>{children}</StudyTimerContext.Provider>;
}

export const useStudyTimer = () => useContext(StudyTimerContext);

/** Re-renders every `everyMs` while `active`: a running clock's tick. */
export function useTick(active: boolean, everyMs = 1000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
