"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/Avatar";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { Logo } from "@/components/ui/Logo";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import type { UserSummary } from "@/lib/realtime/contract";

export interface RailSpace {
  id: string;
  name: string;
  defaultChannelId: string | null;
  /** Unread messages when the page was rendered (the rail counts on live from there). */
  unread?: number;
}

/** The signed-in frame: a rail of spaces on the left (desktop), the screen beside it. */
export function AppShell({ me, spaces, children }: { me: UserSummary; spaces: RailSpace[]; children: React.ReactNode }) {
  return (
    <div className="flex h-dvh overflow-hidden">
      <nav className="hidden w-[72px] shrink-0 flex-col items-center gap-2 bg-stone-900 py-3 md:flex">
        <SpaceRail spaces={spaces} myId={me.id} />
        <div className="mt-auto">
          <UserMenu me={me} compact />
        </div>
      </nav>
      <div className="flex min-w-0 flex-1">{children}</div>
    </div>
  );
}

export function SpaceRail({ spaces, myId }: { spaces: RailSpace[]; myId: string }) {
  const t = useTranslations("spaces");
  const params = useParams<{ spaceId?: string }>();
  const unread = useSpaceUnread(spaces, params.spaceId, myId);
  return (
    <>
      <Link href="/spaces" aria-label={t("home")} title={t("home")} className="rounded-2xl transition hover:scale-105">
        <Logo size={48} />
      </Link>
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
                className={`flex h-12 w-12 items-center justify-center text-lg font-bold transition-all ${
                  active
                    ? "rounded-2xl bg-brand-500 text-white"
                    : "rounded-3xl bg-stone-700 text-stone-100 hover:rounded-2xl hover:bg-brand-500"
                }`}
              >
                {[...space.name][0]}
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
        +
      </Link>
    </>
  );
}

export function UserMenu({ me, compact = false }: { me: UserSummary; compact?: boolean }) {
  const t = useTranslations("auth");
  if (compact) {
    return (
      <button
        type="button"
        title={`${me.name} · ${t("signOut")}`}
        aria-label={t("signOut")}
        onClick={() => void signOut({ callbackUrl: "/signin" })}
        className="rounded-full ring-2 ring-transparent transition hover:ring-brand-500"
      >
        <Avatar name={me.name} image={me.image} size={40} />
      </button>
    );
  }
  return (
    <div className="flex items-center gap-2 border-t border-stone-200 bg-stone-100 px-3 py-2">
      <Avatar name={me.name} image={me.image} size={32} />
      <span className="min-w-0 flex-1 truncate text-sm font-semibold" data-testid="me-name">
        {me.name}
      </span>
      <LocaleSwitcher />
      <button
        type="button"
        onClick={() => void signOut({ callbackUrl: "/signin" })}
        className="rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-200"
      >
        {t("signOut")}
      </button>
    </div>
  );
}

/**
 * Unread counts per space: from the page, then +1 for each message elsewhere; opening a space
 * clears its count (its channel list shows the detail).
 */
function useSpaceUnread(spaces: RailSpace[], openSpaceId: string | undefined, myId: string) {
  const { socket } = useRealtime();
  const [counts, setCounts] = useState<Record<string, number>>(() => Object.fromEntries(spaces.map((s) => [s.id, s.unread ?? 0])));
  useEffect(() => {
    if (openSpaceId) setCounts((c) => (c[openSpaceId] ? { ...c, [openSpaceId]: 0 } : c));
  }, [openSpaceId]);
  useEffect(() => {
    if (!socket) return;
    const onActivity = (e: { spaceId: string; authorId: string }) => {
      if (e.spaceId === openSpaceId || e.authorId === myId) return;
      setCounts((c) => ({ ...c, [e.spaceId]: (c[e.spaceId] ?? 0) + 1 }));
    };
    socket.on("channel:activity", onActivity);
    return () => {
      socket.off("channel:activity", onActivity);
    };
  }, [socket, openSpaceId, myId]);
  return counts;
}
