import { notFound, redirect } from "next/navigation";
import { MarkdownSeeds } from "@/components/chat/useMarkdown";
import { SpaceScreen } from "@/components/spaces/SpaceScreen";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/server/config";
import { messageSeeds } from "@/server/page-markdown";
import { requirePageUser } from "@/server/page-user";
import { listBlockedIds } from "@/server/services/access";
import { openChannel } from "@/server/services/opening";
import { readStates } from "@/server/services/reads";
import { getSpaceView, listMySpaces } from "@/server/services/spaces";

export default async function ChannelPage({ params }: { params: Promise<{ spaceId: string; channelId: string }> }) {
  const { spaceId, channelId } = await params;
  const me = await requirePageUser();
  const view = await getSpaceView(me.id, spaceId).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "forbidden" || err.code === "not_found")) notFound();
    throw err;
  });
  const channel = view.channels.find((c) => c.id === channelId);
  if (!channel) {
    // Deleted, or no longer visible (taken out of a private channel): land on the first channel.
    const first = view.channels.find((c) => c.kind === "text");
    if (first) redirect(`/spaces/${spaceId}/${first.id}`);
    notFound();
  }
  // The newest page (or the first unread) comes with the page, so the first message shows
  // without waiting for the socket; the socket's join then catches up from it.
  const [spaces, reads, blockedIds, opening] = await Promise.all([
    listMySpaces(me.id),
    readStates(me.id, spaceId),
    listBlockedIds(me.id),
    channel.kind === "text" ? openChannel(me.id, channel.id) : Promise.resolve(undefined),
  ]);
  return (
    <MarkdownSeeds seeds={messageSeeds(opening?.messages)}>
      <SpaceScreen
        me={me}
        view={view}
        channel={channel}
        spaces={spaces}
        readStates={reads}
        blockedIds={blockedIds}
        opening={opening}
        videoRoomCap={getConfig().videoRoomCap}
      />
    </MarkdownSeeds>
  );
}
