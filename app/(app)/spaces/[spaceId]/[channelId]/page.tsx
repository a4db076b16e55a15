import { notFound, redirect } from "next/navigation";
import { MarkdownSeeds } from "@/components/chat/useMarkdown";
import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { messageSeeds } from "@/server/page-markdown";
import { spacePageData } from "@/server/page-space";
import { requirePageUser } from "@/server/page-user";
import { openChannel } from "@/server/services/opening";

export default async function ChannelPage({ params }: { params: Promise<{ spaceId: string; channelId: string }> }) {
  const { spaceId, channelId } = await params;
  const me = await requirePageUser();
  // The newest page (or the first unread) comes with the page, so the first message shows
  // without waiting for the socket; the socket's join then catches up from it.
  const { screen, page: opening } = await spacePageData(me, spaceId, async (view) => {
    const channel = view.channels.find((c) => c.id === channelId);
    return channel?.kind === "text" ? openChannel(me.id, channel.id) : undefined;
  });
  const channel = screen.view.channels.find((c) => c.id === channelId);
  if (!channel) {
    // Deleted, or no longer visible (taken out of a private channel): land on the first channel.
    const first = screen.view.channels.find((c) => c.kind === "text");
    if (first) redirect(`/spaces/${spaceId}/${first.id}`);
    notFound();
  }
  return (
    <MarkdownSeeds seeds={messageSeeds(opening?.messages)}>
      <SpaceScreen {...screen} channel={channel} opening={opening} />
    </MarkdownSeeds>
  );
}
