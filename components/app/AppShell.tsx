"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { BarChart3, LayoutGrid, LogOut, MessageCircle, Plus, Users } from "lucide-react";
import { useParams, usePathname } from "next/navigation";
import { useCallback, useState } from "react";
import { ChatsRailBadge } from "@/components/conversations/ChatsRailBadge";
import { useTranslations } from "next-intl";
import { AccountMenu } from "@/components/app/AccountMenu";
import { MessageAlerts } from "@/components/feedback/MessageAlerts";
import { UnreadProvider, useUnread } from "@/components/feedback/UnreadProvider";
import { UnreadSignals } from "@/components/feedback/UnreadSignals";
import { SkipLink } from "@/components/keyboard/SkipLink";
import { useShortcuts } from "@/components/keyboard/useShortcuts";
import { Avatar } from "@/components/ui/Avatar";
import { useProfileCard } from "@/components/people/ProfileProvider";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import { SpaceIcon } from "@/components/spaces/SpaceIcon";
import { useOtherSpacesLive } from "@/components/spaces/useSpaceLive";
import type { UserSummary } from "@/lib/realtime/contract";

export interface RailSpace {
  id: string;
  name: string;
  defaultChannelId: string | null;
  /** Unread messages when the page was rendered (the rail counts on live from there). */
  unread?: number;
  icon?: string | null;
}

/** The quick switcher's code (cmdk) loads the first time it is opened, not with every page. */
const QuickSwitcher = dynamic(() => import("@/components/keyboard/QuickSwitcher").then((m) => m.QuickSwitcher), { ssr: false });

/** The signed-in frame: a rail of spaces on the left (desktop), the screen beside it. */
export function AppShell({
  me,
  spaces,
  banner,
  children,
}: {
  me: UserSummary;
  spaces: RailSpace[];
  /** Bars above the screen that push it down (incoming calls). */
  banner?: React.ReactNode;
  children: React.ReactNode;
}) {
  const tf = useTranslations("feedback");
  const openSpaceId = useParams<{ spaceId?: string }>().spaceId;
  const pathname = usePathname();
  useOtherSpacesLive(openSpaceId);
  const [switcher, setSwitcher] = useState<"never" | "open" | "closed">("never");
  useShortcuts(useCallback(() => setSwitcher("open"), []));
  return (
    <UnreadProvider myId={me.id} openSpaceId={openSpaceId} initialBySpace={Object.fromEntries(spaces.map((s) => [s.id, s.unread ?? 0]))}>
      <SkipLink />
      <div className="flex h-dvh overflow-hidden">
        <nav className="dark-surface hidden w-[72px] shrink-0 flex-col items-center gap-2 bg-stone-900 py-3 md:flex dark:bg-stone-950" aria-label={tf("rail")}>
          <SpaceRail spaces={spaces} myId={me.id} />
          {/* One user panel per screen: a space's channels and the chat list have it at their
              bottom (Discord's place); the screens without a sidebar keep this compact one. */}
          {!openSpaceId && !pathname.startsWith("/chats") && (
            <div className="mt-auto" data-testid="rail-user-menu">
              <UserMenu me={me} compact />
            </div>
          )}
        </nav>
        <div className="flex min-w-0 flex-1 flex-col">
          {banner}
          <MessageAlerts myId={me.id} spaceNames={Object.fromEntries(spaces.map((s) => [s.id, s.name]))} />
          <div className="flex min-h-0 min-w-0 flex-1">{children}</div>
          <PhoneTabs />
        </div>
      </div>
      <UnreadSignals />
      {switcher !== "never" && <QuickSwitcher open={switcher === "open"} onOpenChange={(o) => setSwitcher(o ? "open" : "closed")} />}
    </UnreadProvider>
  );
}

/**
 * On a phone (no rail), the top-level screens get a tab bar, as in KakaoTalk: friends, chats,
 * spaces. Inside a conversation or a channel it steps aside for the composer.
 */
function PhoneTabs() {
  const pathname = usePathname();
  const t = useTranslations("spaces");
  const tc = useTranslations("conversations");
  const tp = useTranslations("people");
  const ts = useTranslations("studyStats");
  const spacesUnread = Object.values(useUnread().bySpace).reduce((sum, n) => sum + n, 0);
  if (!["/spaces", "/chats", "/friends", "/study/stats"].includes(pathname)) return null;
  const tabs = [
    { href: "/friends", label: tp("title"), icon: <Users size={24} aria-hidden="true" />, badge: null },
    { href: "/chats", label: tc("title"), icon: <MessageCircle size={24} aria-hidden="true" />, badge: "chats" },
    { href: "/spaces", label: t("yourSpaces"), icon: <LayoutGrid size={24} aria-hidden="true" />, badge: "spaces" },
    { href: "/study/stats", label: ts("link"), icon: <BarChart3 size={24} aria-hidden="true" />, badge: null },
  ] as const;
  const badgeClass = "pointer-events-none absolute -top-1.5 left-4 min-w-4 px-1 text-[10px] ring-2 ring-white";
  return (
    <nav className="flex shrink-0 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden" aria-label={t("home")}>
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`relative flex flex-1 flex-col items-center gap-0.5 py-2 text-[11px] font-medium ${active ? "text-brand-600" : "text-stone-500"}`}
          >
            <span className="relative">
              {tab.icon}
              {tab.badge === "chats" ? (
                <ChatsRailBadge testId="chats-unread-tab" className={badgeClass} />
              ) : tab.badge === "spaces" ? (
                // What the rail shows space by space on a desktop, added up.
                <UnreadBadge count={spacesUnread} testId="spaces-unread-tab" className={badgeClass} />
              ) : null}
            </span>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function SpaceRail({ spaces, myId }: { spaces: RailSpace[]; myId: string }) {
  const t = useTranslations("spaces");
  const tc = useTranslations("conversations");
  const tp = useTranslations("people");
  const ts = useTranslations("studyStats");
  const pathname = usePathname();
  const params = useParams<{ spaceId?: string }>();
  const unread = useUnread().bySpace;
  return (
    <>
      {/* Home looks selected only when it is where one is, like every other rail button. */}
      <RailLink
        href="/spaces"
        label={t("home")}
        active={pathname === "/spaces"}
        icon={
          <span aria-hidden className="text-2xl font-extrabold">
            모
          </span>
        }
      />
      <RailLink
        href="/chats"
        label={tc("title")}
        active={pathname.startsWith("/chats")}
        icon={<MessageCircle size={24} aria-hidden="true" />}
        badge={<ChatsRailBadge />}
      />
      <RailLink
        href="/friends"
        label={tp("title")}
        active={pathname.startsWith("/friends")}
        icon={<Users size={24} aria-hidden="true" />}
      />
      <RailLink
        href="/study/stats"
        label={ts("link")}
        active={pathname.startsWith("/study")}
        icon={<BarChart3 size={24} aria-hidden="true" />}
      />
      <span className="h-px w-8 bg-stone-700" />
      <ul className="flex flex-col items-center gap-2" aria-label={t("yourSpaces")}>
        {spaces.map((space) => {
          const active = params.spaceId === space.id;
          return (
            <li key={space.id} className="relative">
              {active && <span className="absolute top-2 -left-3 h-8 w-1 rounded-r bg-white" />}
              <Link
                href={space.defaultChannelId ? `/spaces/${space.id}/${space.defaultChannelId}` : `/spaces`}
                title={space.name}
                aria-label={space.name}
                aria-current={active ? "page" : undefined}
                className={`flex h-12 w-12 items-center justify-center overflow-hidden text-lg font-bold transition-all ${
                  active
                    ? "rounded-2xl bg-brand-500 text-white"
                    : "rounded-3xl bg-stone-700 text-stone-100 hover:rounded-2xl hover:bg-brand-500"
                }`}
              >
                {space.icon ? <SpaceIcon name={space.name} icon={space.icon} size={48} className="" /> : [...space.name][0]}
              </Link>
              {!active && (
                <UnreadBadge
                  count={unread[space.id] ?? 0}
                  testId="space-unread"
                  className="pointer-events-none absolute -right-1 -bottom-1 min-w-5 px-1 ring-4 ring-stone-900"
                />
              )}
            </li>
          );
        })}
      </ul>
      <Link
        href="/spaces#create"
        aria-label={t("create")}
        title={t("create")}
        className="flex h-12 w-12 items-center justify-center rounded-3xl bg-stone-800 text-2xl text-emerald-400 transition-all hover:rounded-2xl hover:bg-emerald-500 hover:text-white"
      >
        <Plus size={26} aria-hidden="true" />
      </Link>
    </>
  );
}

/** A rail button for a top-level screen (chats, friends). */
function RailLink({
  href,
  label,
  active,
  icon,
  badge,
}: {
  href: string;
  label: string;
  active: boolean;
  icon: React.ReactNode;
  badge?: React.ReactNode;
}) {
  return (
    <div className="relative">
      {active && <span className="absolute top-2 -left-3 h-8 w-1 rounded-r bg-white" />}
      <Link
        href={href}
        title={label}
        aria-label={label}
        aria-current={active ? "page" : undefined}
        className={`flex h-12 w-12 items-center justify-center transition-all ${
          active
            ? "rounded-2xl bg-brand-500 text-white"
            : "rounded-3xl bg-stone-700 text-stone-200 hover:rounded-2xl hover:bg-brand-500 hover:text-white"
        }`}
      >
        {icon}
      </Link>
      {badge}
    </div>
  );
}

/** The signed-in user: their picture and name open "Edit profile"; signing out, and the account menu, stay beside them. */
export function UserMenu({ me, compact = false }: { me: UserSummary; compact?: boolean }) {
  const t = useTranslations("people");
  const { editMine } = useProfileCard();
  // next-auth's client (about 10 KB gzipped with its helpers) is fetched on the click, not with every page.
  const signOutNow = () => void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: "/signin" }));
  if (compact) {
    return (
      <div className="flex flex-col items-center gap-2">
        <button
          type="button"
          onClick={editMine}
          title={`${me.name} · ${t("editProfile")}`}
          aria-label={t("editProfile")}
          className="rounded-full ring-2 ring-transparent transition hover:ring-brand-500"
        >
          <Avatar name={me.name} image={me.image} size={40} />
        </button>
        <button
          type="button"
          onClick={signOutNow}
          title={t("signOut")}
          aria-label={t("signOut")}
          className="flex h-8 w-8 items-center justify-center rounded-full text-stone-400 transition hover:bg-stone-700 hover:text-white"
        >
          <LogOut size={18} aria-hidden="true" />
        </button>
        <AccountMenu triggerClassName="flex h-8 w-8 items-center justify-center rounded-full text-stone-400 transition hover:bg-stone-700 hover:text-white" />
      </div>
    );
  }
  return (
    // The name takes what the buttons leave and ends in "…"; the whole name is its tooltip. The
    // language is in the account menu: a select here left a long Korean name two letters.
    <div className="flex items-center gap-1 border-t border-stone-200 bg-stone-100 px-2 py-2" data-testid="user-footer">
      <button
        type="button"
        onClick={editMine}
        title={`${me.name} · ${t("editProfile")}`}
        aria-label={`${me.name} · ${t("editProfile")}`}
        className="flex min-w-0 flex-1 items-center gap-2 rounded-lg p-0.5 text-left hover:bg-stone-200"
      >
        <Avatar name={me.name} image={me.image} size={32} />
        <span className="min-w-0 flex-1 truncate text-sm font-semibold" data-testid="me-name">
          {me.name}
        </span>
      </button>
      <button
        type="button"
        onClick={signOutNow}
        title={t("signOut")}
        aria-label={t("signOut")}
        className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-stone-600 hover:bg-stone-200"
      >
        <LogOut size={18} aria-hidden="true" />
      </button>
      <AccountMenu triggerClassName="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-stone-600 hover:bg-stone-200" />
    </div>
  );
}

