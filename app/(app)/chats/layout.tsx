import { ChatsScreen } from "@/components/conversations/ChatsScreen";
import { requirePageUser } from "@/server/page-user";
import { listConversations } from "@/server/services/chat-list";

/** The chat list stays on screen (desktop) while conversations open beside it. */
export default async function ChatsLayout({ children }: { children: React.ReactNode }) {
  const me = await requirePageUser();
  const conversations = await listConversations(me.id);
  return (
    <ChatsScreen me={me} initial={conversations}>
      {children}
    </ChatsScreen>
  );
}
