import { notFound } from "next/navigation";
import { MarkdownSeeds } from "@/components/chat/useMarkdown";
import { ConversationScreen } from "@/components/conversations/ConversationScreen";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/server/config";
import { messageSeeds } from "@/server/page-markdown";
import { requirePageUser } from "@/server/page-user";
import { listBlockedIds } from "@/server/services/access";
import { getConversation } from "@/server/services/conversations";
import { openChannel } from "@/server/services/opening";

export default async function ConversationPage({ params }: { params: Promise<{ channelId: string }> }) {
  const { channelId } = await params;
  const me = await requirePageUser();
  const [view, blockedIds] = await Promise.all([
    getConversation(me.id, channelId).catch((err: unknown) => {
      // Not a member (or no such chat): the same 404, so nothing is learnt.
      if (err instanceof AppError && err.code === "forbidden") notFound();
      throw err;
    }),
    listBlockedIds(me.id),
  ]);
  // Membership was checked by getConversation (a stranger got the 404 above); openChannel checks again.
  const opening = await openChannel(me.id, view.channel.id);
  return (
    <MarkdownSeeds seeds={messageSeeds(opening.messages)}>
      <ConversationScreen me={me} view={view} blockedIds={blockedIds} opening={opening} videoRoomCap={getConfig().videoRoomCap} />
    </MarkdownSeeds>
  );
}
