"use client";
import { useParams } from "next/navigation";
import type { ConversationSummary, UserSummary } from "@/lib/realtime/contract";
import { ChatList } from "./ChatList";

/**
 * The chats frame: the list on the left and the open conversation beside it on a desktop; on a
 * phone one at a time (the list, or the conversation with a way back).
 */
export function ChatsScreen({ me, initial, children }: { me: UserSummary; initial: ConversationSummary[]; children: React.ReactNode }) {
  const open = Boolean(useParams<{ channelId?: string }>().channelId);
  return (
    <div className="flex min-w-0 flex-1 bg-white">
      <aside className={`${open ? "hidden md:flex" : "flex"} w-full shrink-0 border-r border-stone-200 md:w-80`}>
        <ChatList me={me} initial={initial} />
      </aside>
      <div className={`${open ? "flex" : "hidden md:flex"} min-w-0 flex-1`}>{children}</div>
    </div>
  );
}
