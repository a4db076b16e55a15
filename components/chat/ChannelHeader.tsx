"use client";
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
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

export function PeopleIcon() {
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.7c2 .8 3.1 2.6 3.5 5.3" />
    </svg>
  );
}
