"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import type { ServerToClientEvents } from "@/lib/realtime/contract";

export type RemovalReason = Parameters<ServerToClientEvents["space:removed"]>[0]["reason"];

/** Leaves a space's screen for the list of spaces, which says why (and re-reads the rail). */
export function useLeaveSpace() {
  const router = useRouter();
  return (spaceName: string, reason: RemovalReason) => {
    router.push(`/spaces?${new URLSearchParams({ removed: spaceName, reason })}`);
    router.refresh();
  };
}

/**
 * Keeps the open space live: any change (name, icon, channels, members, roles) re-reads the
 * page; being removed (kicked, banned, left elsewhere, space deleted) leaves it with a notice.
 */
export function useSpaceLive(spaceId: string, spaceName: string) {
  const { socket } = useRealtime();
  const router = useRouter();
  const leave = useLeaveSpace();
  const name = useRef(spaceName);
  name.current = spaceName;
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = (e: { spaceId: string }) => {
      if (e.spaceId !== spaceId) return;
      // A burst of changes (an admin reordering) becomes one re-read.
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 100);
    };
    const onRemoved = (e: { spaceId: string; reason: RemovalReason }) => {
      if (e.spaceId === spaceId) leave(name.current, e.reason);
    };
    socket.on("space:changed", onChanged);
    socket.on("space:removed", onRemoved);
    return () => {
      clearTimeout(timer);
      socket.off("space:changed", onChanged);
      socket.off("space:removed", onRemoved);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- leave only wraps the router
  }, [socket, spaceId, router]);
}

/**
 * Outside the open space: a space that changed or that the user was removed from re-reads
 * the page, so the rail shows its new name and icon, or drops it.
 */
export function useOtherSpacesLive(openSpaceId: string | undefined) {
  const { socket } = useRealtime();
  const router = useRouter();
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reread = (e: { spaceId: string }) => {
      if (e.spaceId === openSpaceId) return; // the space screen handles its own
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 100);
    };
    socket.on("space:changed", reread);
    socket.on("space:removed", reread);
    return () => {
      clearTimeout(timer);
      socket.off("space:changed", reread);
      socket.off("space:removed", reread);
    };
  }, [socket, openSpaceId, router]);
}
