"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { useConversations } from "@/components/conversations/useConversations";
import type { ConversationSummary } from "@/lib/realtime/contract";

interface UnreadValue {
  /** The user's dms and groups, live (null until first read). */
  conversations: ConversationSummary[] | null;
  /** Unread in dms and groups that are not muted. */
  chats: number;
  /** Unread per space, for the rail (the open space's own count is 0 there: its channel list shows it). */
  bySpace: Record<string, number>;
  /** Everything unread: chats that are not muted, and every space's channels. */
  total: number;
  /** The open space's channel list reports its unread (the open channel left out). */
  reportOpenSpace: (spaceId: string, count: number | null) => void;
}

const UnreadContext = createContext<UnreadValue>({
  conversations: null,
  chats: 0,
  bySpace: {},
  total: 0,
  reportOpenSpace: () => undefined,
});

/**
 * The one client store of unread counts: the chat list (useConversations), the rail's per-space
 * counts, and the open space's channel list. The rail badges, the tab title, the favicon and the
 * message alerts all read from here rather than counting again.
 */
export function UnreadProvider({
  myId,
  openSpaceId,
  initialBySpace,
  children,
}: {
  myId: string;
  openSpaceId: string | undefined;
  initialBySpace: Record<string, number>;
  children: React.ReactNode;
}) {
  const { conversations } = useConversations(myId);
  const bySpace = useSpaceUnread(initialBySpace, openSpaceId, myId);
  const [openSpace, setOpenSpace] = useState<{ spaceId: string; count: number } | null>(null);

  const openRef = useRef(openSpace);
  openRef.current = openSpace;
  const { set: setSpace } = bySpace;
  const reportOpenSpace = useCallback(
    (spaceId: string, count: number | null) => {
      const current = openRef.current;
      if (count === null) {
        if (current?.spaceId !== spaceId) return;
        // Leaving the space: the rail keeps what its channels still had unread.
        setSpace(spaceId, current.count);
        openRef.current = null;
        setOpenSpace(null);
      } else if (current?.spaceId !== spaceId || current.count !== count) {
        openRef.current = { spaceId, count };
        setOpenSpace(openRef.current);
      }
    },
    [setSpace],
  );

  const chats = (conversations ?? []).reduce((sum, c) => sum + (c.muted ? 0 : c.unread), 0);
  const spaces = Object.entries(bySpace.counts).reduce((sum, [id, n]) => sum + (id === openSpace?.spaceId ? 0 : n), 0);
  const total = chats + spaces + (openSpace?.count ?? 0);

  const value = useMemo(
    () => ({ conversations, chats, bySpace: bySpace.counts, total, reportOpenSpace }),
    [conversations, chats, bySpace.counts, total, reportOpenSpace],
  );
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread() {
  return useContext(UnreadContext);
}

/** The open space's screen tells the store how much its channel list has unread, while it is open. */
export function useReportOpenSpace(spaceId: string, count: number) {
  const { reportOpenSpace } = useUnread();
  useEffect(() => reportOpenSpace(spaceId, count), [reportOpenSpace, spaceId, count]);
  useEffect(() => () => reportOpenSpace(spaceId, null), [reportOpenSpace, spaceId]);
}

/**
 * Unread counts per space: from the page, then +1 for each message elsewhere; opening a space
 * clears its count (its channel list shows the detail).
 */
function useSpaceUnread(initial: Record<string, number>, openSpaceId: string | undefined, myId: string) {
  const { socket } = useRealtime();
  const [counts, setCounts] = useState<Record<string, number>>(initial);
  const set = useCallback((spaceId: string, n: number) => setCounts((c) => (c[spaceId] === n ? c : { ...c, [spaceId]: n })), []);
  const open = useRef(openSpaceId);
  open.current = openSpaceId;
  useEffect(() => {
    if (openSpaceId) set(openSpaceId, 0);
  }, [openSpaceId, set]);
  useEffect(() => {
    if (!socket) return;
    const onActivity = ({ spaceId, authorId }: { spaceId: string | null; authorId: string }) => {
      if (!spaceId || spaceId === open.current || authorId === myId) return;
      setCounts((c) => ({ ...c, [spaceId]: (c[spaceId] ?? 0) + 1 }));
    };
    socket.on("channel:activity", onActivity);
    return () => {
      socket.off("channel:activity", onActivity);
    };
  }, [socket, myId]);
  return useMemo(() => ({ counts, set }), [counts, set]);
}
