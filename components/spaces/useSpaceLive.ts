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
 * Keeps the open space live: any change (name, icon, channels, members, roles) and a
 * reconnect re-read the page; being removed (kicked, banned, left elsewhere, space deleted) leaves it with a notice.
 */
export function useSpaceLive(spaceId: string, spaceName: string) {
  const { socket } = useRealtime();
  const router = useRouter();
  const leave = useLeaveSpace();
  const name = useRef(spaceName);
  name.current = spaceName;
  useEffect(() => {
    if (!socket) return;
    const reread = debouncedRefresh(router);
    const onChanged = (e: { spaceId: string }) => {
      if (e.spaceId === spaceId) reread.now();
    };
    const onRemoved = (e: { spaceId: string; reason: RemovalReason }) => {
      if (e.spaceId === spaceId) leave(name.current, e.reason);
    };
    // Back from a lost connection (or a server restart): what changed meanwhile, video rooms'
    // occupants included, was never heard, so the page is read again.
    const onReconnect = () => reread.now();
    socket.on("space:changed", onChanged);
    socket.on("space:removed", onRemoved);
    socket.io.on("reconnect", onReconnect);
    return () => {
      reread.cancel();
      socket.off("space:changed", onChanged);
      socket.off("space:removed", onRemoved);
      socket.io.off("reconnect", onReconnect);
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
    const reread = debouncedRefresh(router);
    const onEvent = (e: { spaceId: string }) => {
      if (e.spaceId !== openSpaceId) reread.now(); // the space screen handles its own
    };
    socket.on("space:changed", onEvent);
    socket.on("space:removed", onEvent);
    return () => {
      reread.cancel();
      socket.off("space:changed", onEvent);
      socket.off("space:removed", onEvent);
    };
  }, [socket, openSpaceId, router]);
}

/** A burst of changes (an admin reordering channels) becomes one re-read of the page. */
function debouncedRefresh(router: { refresh: () => void }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    now: () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 100);
    },
    cancel: () => clearTimeout(timer),
  };
}
