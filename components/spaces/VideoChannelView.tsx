"use client";
import { ChannelHeader } from "@/components/chat/ChannelHeader";
import { VideoRoom } from "@/components/video/LazyVideoRoom";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { VideoIcon } from "./ChannelDialogs";

/** A space's video channel: its header, then the room (pre-join, then the call). */
export function VideoChannelView({
  me,
  cap,
  channel,
  onOpenChannels,
  onOpenMembers,
}: {
  me: UserSummary;
  cap: number;
  channel: ChannelSummary;
  onOpenChannels: () => void;
  onOpenMembers: () => void;
}) {
  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" aria-label={channel.name}>
      <ChannelHeader onOpenChannels={onOpenChannels} onOpenMembers={onOpenMembers}>
        <span className="mr-2 text-stone-400">
          <VideoIcon size={18} />
        </span>
        {channel.name}
      </ChannelHeader>
      <VideoRoom key={channel.id} channelId={channel.id} me={me} cap={cap} />
    </main>
  );
}
