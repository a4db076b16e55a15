"use client";
import { useTranslations } from "next-intl";
import { MenuIcon, PeopleIcon } from "@/components/chat/ChatView";
import { Avatar } from "@/components/ui/Avatar";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { VideoIcon } from "./ChannelDialogs";

/** A video channel, for now: who is in it, and an honest word that calls come later. */
export function VideoChannelView({
  channel,
  occupants,
  onOpenChannels,
  onOpenMembers,
}: {
  channel: ChannelSummary;
  occupants: UserSummary[];
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
      <div
        className="flex flex-1 flex-col items-center justify-center gap-4 bg-stone-900 px-6 text-center text-stone-200"
        data-testid="video-placeholder"
      >
        <span className="flex h-16 w-16 items-center justify-center rounded-2xl bg-stone-800 text-brand-500">
          <VideoIcon size={32} />
        </span>
        <h3 className="text-xl font-bold text-white">{channel.name}</h3>
        <p className="max-w-sm text-sm text-stone-400">{t("videoComingLater")}</p>
        {occupants.length > 0 && (
          <ul className="flex flex-wrap justify-center gap-3">
            {occupants.map((u) => (
              <li key={u.id} className="flex items-center gap-2 rounded-full bg-stone-800 py-1 pr-3 pl-1 text-sm">
                <Avatar name={u.name} image={u.image} size={24} />
                {u.name}
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
