"use client";
import { Menu, Users } from "lucide-react";
import { useTranslations } from "next-intl";

/** A space channel's header (text or video): the channel-list and member-list buttons on narrow screens, the name between. */
export function ChannelHeader({
  onOpenChannels,
  onOpenMembers,
  children,
}: {
  onOpenChannels?: () => void;
  onOpenMembers?: () => void;
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
      <button
        type="button"
        onClick={onOpenMembers}
        aria-label={t("showMembers")}
        className="rounded-md p-2 text-stone-600 hover:bg-stone-100 lg:hidden"
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
