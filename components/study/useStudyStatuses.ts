"use client";
import { useEffect, useState } from "react";
import { request, usePresence, useRealtime } from "@/components/chat/RealtimeProvider";
import { onCatchUp } from "@/lib/realtime/catch-up";
import type { StudyStatusView } from "@/lib/realtime/contract";

export interface SeenStatus extends StudyStatusView {
  /** This device's clock when `todayMs` was true: a studying person's total grows from there. */
  seenAt: number;
}

/**
 * "Who is studying now" among these users, live: read with `study:statuses` (the server shows
 * only people whose presence the viewer may see), then kept by `study:status`, which reaches
 * the sockets following their presence, so the users are followed while this is mounted.
 */
export function useStudyStatuses(userIds: string[]): Record<string, SeenStatus> {
  const { socket } = useRealtime();
  usePresence(userIds);
  const [statuses, setStatuses] = useState<Record<string, SeenStatus>>({});
  const key = userIds.join(",");

  useEffect(() => {
    if (!socket || !key) return;
    const ids = key.split(",");
    const read = () =>
      void request(socket, "study:statuses", { userIds: ids.slice(0, 200) }).then((ack) => {
        if (!ack.ok) return;
        const seenAt = Date.now();
        setStatuses(Object.fromEntries(Object.entries(ack.statuses).map(([id, s]) => [id, { ...s, seenAt }])));
      });
    const onStatus = ({ userId, status }: { userId: string; status: StudyStatusView | null }) => {
      if (!ids.includes(userId)) return;
      setStatuses((prev) => {
        const next = { ...prev };
        if (status) next[userId] = { ...status, seenAt: Date.now() };
        else delete next[userId];
        return next;
      });
    };
    socket.on("study:status", onStatus);
    const off = onCatchUp(socket, read);
    if (socket.connected) read();
    return () => {
      socket.off("study:status", onStatus);
      off();
    };
  }, [socket, key]);
  return statuses;
}

/** Their study today as of now: it grows while they study (not on a break or paused). */
export const todayNow = (s: SeenStatus, now = Date.now()) => s.todayMs + (s.state === "studying" ? Math.max(0, now - s.seenAt) : 0);
