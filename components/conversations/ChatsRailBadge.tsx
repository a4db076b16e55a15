"use client";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import { useConversations } from "./useConversations";

/** The Chats rail button's count: unread messages in every conversation that is not muted. */
export function ChatsRailBadge({
  myId,
  testId = "chats-unread",
  className = "pointer-events-none absolute -right-1 -bottom-1 min-w-5 px-1 ring-4 ring-stone-900",
}: {
  myId: string;
  testId?: string;
  className?: string;
}) {
  const { conversations } = useConversations(myId);
  const total = (conversations ?? []).reduce((sum, c) => sum + (c.muted ? 0 : c.unread), 0);
  return <UnreadBadge count={total} testId={testId} className={className} />;
}
