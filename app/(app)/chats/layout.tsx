import { MarkdownSeeds } from "@/components/chat/useMarkdown";
import { ChatsScreen } from "@/components/conversations/ChatsScreen";
import { previewSeeds } from "@/server/page-markdown";
import { requirePageUser } from "@/server/page-user";
import { listConversations } from "@/server/services/chat-list";

/** The chat list stays on screen (desktop) while conversations open beside it. */
export default async function ChatsLayout({ children }: { children: React.ReactNode }) {
  const me = await requirePageUser();
  const conversations = await listConversations(me.id);
  return (
    <MarkdownSeeds seeds={previewSeeds(conversations)}>
      <ChatsScreen me={me} initial={conversations}>
        {children}
      </ChatsScreen>
    </MarkdownSeeds>
  );
}
