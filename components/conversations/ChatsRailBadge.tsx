"use client";
import { useUnread } from "@/components/feedback/UnreadProvider";
import { UnreadBadge } from "@/components/ui/UnreadBadge";

/** The Chats rail button's count: unread messages in every conversation that is not muted. */
export function ChatsRailBadge({
  testId = "chats-unread",
  className = "pointer-events-none absolute -right-1 -bottom-1 min-w-5 px-1 ring-4 ring-stone-900",
}: {
  testId?: string;
  className?: string;
}) {
  return <UnreadBadge count={useUnread().chats} testId={testId} className={className} />;
}
