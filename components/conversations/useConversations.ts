"use client";
import { useParams, usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { sendJson } from "@/lib/api-client";
import { onCatchUp } from "@/lib/realtime/catch-up";
import type { ConversationSummary } from "@/lib/realtime/contract";

/** Coalesces a burst of messages into one re-read of the list. */
const REFETCH_AFTER_MS = 400;

/**
 * The user's chat list, kept live: a message in any of their conversations moves it to the top
 * and counts it unread at once (channel:activity), then the list is re-read for its preview;
 * conversation:changed (created, joined, left, renamed, muted) and a reconnect re-read it too.
 * A move of the user's own read cursor (read:update, from any tab or device, or a send) re-reads
 * it as well: the open conversation is read only as far as its messages were seen.
 */
export function useConversations(myId: string, initial?: ConversationSummary[]) {
  const { socket } = useRealtime();
  const pathname = usePathname();
  const params = useParams<{ channelId?: string }>();
  const openId = pathname.startsWith("/chats/") ? params.channelId : undefined;
  const [list, setList] = useState<ConversationSummary[] | null>(initial ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (initial) setList(initial);
  }, [initial]);

  const refetch = useCallback(async () => {
    const result = await sendJson<{ conversations: ConversationSummary[] }>("GET", "/api/conversations");
    if (result.ok) setList(result.conversations);
  }, []);

  const refetchSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void refetch(), REFETCH_AFTER_MS);
  }, [refetch]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // Without a list from the page, fetch one; after moving around, re-read it (what was read
  // while a conversation was open is stored by then).
  const first = useRef(true);
  const hadInitial = useRef(initial !== undefined);
  useEffect(() => {
    if (!first.current) refetchSoon();
    else if (!hadInitial.current) void refetch();
    first.current = false;
  }, [pathname, refetch, refetchSoon]);

  useEffect(() => {
    if (!socket) return;
    const onActivity = (e: { spaceId: string | null; channelId: string; authorId: string }) => {
      if (e.spaceId !== null) return;
      setList((current) => {
        const at = current?.findIndex((c) => c.id === e.channelId) ?? -1;
        if (!current || at === -1) return current;
        const moved = {
          ...current[at]!,
          lastActivityAt: new Date().toISOString(),
          unread: current[at]!.unread + (e.authorId === myId ? 0 : 1),
        };
        return [moved, ...current.slice(0, at), ...current.slice(at + 1)];
      });
      refetchSoon();
    };
    // The open conversation's messages come as message:new (its sockets are left out of
    // channel:activity), the user's own included: they move it to the top too. Those of an
    // open space channel are none of the list's business.
    // Not counted here: whether it was seen decides, and the re-read after the read mark says so.
    const onMessage = (m: { channelId: string; seq: number; author: { id: string } }) => {
      if (m.channelId === openId) onActivity({ spaceId: null, channelId: m.channelId, authorId: myId });
    };
    const onRead = (e: { channelId: string; userId: string }) => {
      if (e.userId === myId) refetchSoon();
    };
    socket.on("channel:activity", onActivity);
    socket.on("message:new", onMessage);
    socket.on("read:update", onRead);
    socket.on("conversation:changed", refetchSoon);
    const offCatchUp = onCatchUp(socket, refetchSoon);
    return () => {
      socket.off("channel:activity", onActivity);
      socket.off("message:new", onMessage);
      socket.off("read:update", onRead);
      socket.off("conversation:changed", refetchSoon);
      offCatchUp();
    };
  }, [socket, myId, openId, refetchSoon]);

  return { conversations: list, openId, refetch };
}
