"use client";
import { useParams } from "next/navigation";
import { UserMenu } from "@/components/app/AppShell";
import type { ConversationSummary, UserSummary } from "@/lib/realtime/contract";
import { ChatList } from "./ChatList";

/**
 * The chats frame: the list on the left and the open conversation beside it on a desktop; on a
 * phone one at a time (the list, or the conversation with a way back). On a desktop the user
 * panel sits under the list, as under a space's channels; a phone has the tab bar there.
 */
export function ChatsScreen({ me, initial, children }: { me: UserSummary; initial: ConversationSummary[]; children: React.ReactNode }) {
  const open = Boolean(useParams<{ channelId?: string }>().channelId);
  return (
    <div className="flex min-w-0 flex-1 bg-white">
      <aside className={`${open ? "hidden md:flex" : "flex"} w-full shrink-0 flex-col border-r border-stone-200 md:w-80`}>
        <div className="flex min-h-0 flex-1">
          <ChatList me={me} initial={initial} />
        </div>
        <div className="hidden md:block">
          <UserMenu me={me} />
        </div>
      </aside>
      <div className={`${open ? "flex" : "hidden md:flex"} min-w-0 flex-1`}>{children}</div>
    </div>
  );
}
