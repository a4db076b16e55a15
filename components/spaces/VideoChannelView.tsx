"use client";
import { useTranslations } from "next-intl";
import { MenuIcon, PeopleIcon } from "@/components/chat/ChatView";
import { VideoRoom } from "@/components/video/VideoRoom";
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
  const t = useTranslations("spaces");
  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" aria-label={channel.name}>
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-3 sm:px-4">
        <button
          type="button"
          onClick={onOpenChannels}
          aria-label={t("menu")}
          className="rounded-md p-2 text-stone-600 hover:bg-stone-100 md:hidden"
        >
          <MenuIcon />
        </button>
        <h2 className="flex min-w-0 flex-1 items-center gap-2 truncate font-bold">
          <span className="text-stone-400">
            <VideoIcon size={18} />
          </span>
          {channel.name}
        </h2>
        <button
          type="button"
          onClick={onOpenMembers}
          aria-label={t("showMembers")}
          className="rounded-md p-2 text-stone-600 hover:bg-stone-100 lg:hidden"
        >
          <PeopleIcon />
        </button>
      </header>
      <VideoRoom key={channel.id} channelId={channel.id} me={me} cap={cap} />
    </main>
  );
}
