"use client";
import { Menu, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { DrawerButton } from "./DrawerButton";

/**
 * A space channel's header (text or video): the channel-list and member-list buttons on narrow
 * screens, the name between, and with `drawer` the button of the channel's drawer.
 */
export function ChannelHeader({
  onOpenChannels,
  onOpenMembers,
  membersAsideFrom = "lg",
  actions,
  drawer,
  children,
}: {
  onOpenChannels?: () => void;
  onOpenMembers?: () => void;
  /** From this width the member list sits beside the channel, so its button goes (a video channel gives the call that room up to 2xl). */
  membersAsideFrom?: "lg" | "2xl";
  /** Buttons of the channel's own, before the member-list button. */
  actions?: React.ReactNode;
  /** The channel whose drawer (photos, files, links) the header opens, and who may have shared them. */
  drawer?: { channel: Pick<ChannelSummary, "id" | "spaceId">; members: UserSummary[] };
  children: React.ReactNode;
}) {
  const t = useTranslations("spaces");
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-3 sm:px-4">
      <button
        type="button"
        onClick={onOpenChannels}
        aria-label={t("menu")}
        className="rounded-md p-2 text-stone-600 hover:bg-stone-100 md:hidden"
      >
        <MenuIcon />
      </button>
      <h1 className="flex min-w-0 flex-1 items-center truncate font-bold">{children}</h1>
      {actions}
      {drawer && <DrawerButton channel={drawer.channel} members={drawer.members} />}
      <button
        type="button"
        onClick={onOpenMembers}
        aria-label={t("showMembers")}
        className={`rounded-md p-2 text-stone-600 hover:bg-stone-100 ${membersAsideFrom === "2xl" ? "2xl:hidden" : "lg:hidden"}`}
      >
        <PeopleIcon />
      </button>
    </header>
  );
}

export function MenuIcon() {
  return <Menu aria-hidden size={20} />;
}

export function PeopleIcon() {
  return <Users aria-hidden size={20} />;
}
