"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { SpaceRail, UserMenu, type RailSpace } from "@/components/app/AppShell";
import { ChatView } from "@/components/chat/ChatView";
import { UnreadBadge } from "@/components/ui/UnreadBadge";
import type { ChannelSummary, SpaceMember, SpaceView, UserSummary } from "@/lib/realtime/contract";
import { InviteButton } from "./InviteButton";
import { MemberList } from "./MemberList";

/** A space: channels on the left, the open channel's chat, members on the right. */
export function SpaceScreen({
  me,
  view,
  channel,
  spaces,
  unread: initialUnread,
  blockedIds = [],
}: {
  me: UserSummary;
  view: SpaceView;
  channel: ChannelSummary;
  spaces: RailSpace[];
  unread: Record<string, number>;
  /** The viewer blocked these people: their messages show collapsed. */
  blockedIds?: string[];
}) {
  const t = useTranslations("spaces");
  const unread = useUnreadCounts(view.space.id, channel.id, me.id, initialUnread);
  const members = useLiveMembers(view.space.id, view.members);
  const [drawer, setDrawer] = useState<"none" | "channels" | "members">("none");
  const close = () => setDrawer("none");

  const channelPanel = (
    <aside className="flex h-full w-64 shrink-0 flex-col bg-stone-100">
      <header className="flex h-14 items-center gap-2 border-b border-stone-200 px-4">
        <h1 className="min-w-0 flex-1 truncate font-bold" data-testid="space-name">
          {view.space.name}
        </h1>
        <InviteButton spaceId={view.space.id} spaceName={view.space.name} />
      </header>
      <nav className="flex-1 overflow-y-auto px-2 py-3" aria-label={t("textChannels")}>
        <p className="px-2 pb-1 text-xs font-semibold tracking-wide text-stone-500 uppercase">{t("textChannels")}</p>
        <ul>
          {view.channels
            .filter((c) => c.kind === "text")
            .map((c) => (
              <li key={c.id}>
                <Link
                  href={`/spaces/${view.space.id}/${c.id}`}
                  onClick={close}
                  aria-current={c.id === channel.id ? "page" : undefined}
                  className={`flex items-center gap-1.5 rounded-md px-2 py-1.5 text-[15px] ${
                    c.id === channel.id ? "bg-stone-300/70 font-semibold text-stone-900" : "text-stone-600 hover:bg-stone-200"
                  }`}
                >
                  <span className="text-stone-400">#</span>
                  <span className="min-w-0 flex-1 truncate">{c.name}</span>
                  {c.id !== channel.id && <UnreadBadge count={unread[c.id] ?? 0} testId="unread-badge" />}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <UserMenu me={me} />
    </aside>
  );

  return (
    <div className="relative flex min-w-0 flex-1">
      <div className="hidden md:flex">{channelPanel}</div>
      <ChatView
        key={channel.id}
        me={me}
        channel={channel}
        members={members}
        blockedIds={blockedIds}
        onOpenChannels={() => setDrawer("channels")}
        onOpenMembers={() => setDrawer("members")}
      />
      <div className="hidden w-60 shrink-0 border-l border-stone-200 bg-stone-50 lg:block">
        <MemberList members={members} />
      </div>

      {drawer !== "none" && (
        <div className="fixed inset-0 z-30 flex lg:hidden" role="dialog" aria-modal="true">
          <button type="button" aria-label={t("close")} className="absolute inset-0 bg-black/40" onClick={close} />
          {drawer === "channels" ? (
            <div className="relative flex h-full shadow-xl">
              <nav className="flex w-[72px] flex-col items-center gap-2 bg-stone-900 py-3">
                <SpaceRail spaces={spaces} myId={me.id} />
              </nav>
              {channelPanel}
            </div>
          ) : (
            <div className="relative ml-auto h-full w-64 bg-stone-50 shadow-xl">
              <MemberList members={members} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** Unread counts per channel, from the page, moved on live as other channels get messages. */
function useUnreadCounts(spaceId: string, openChannelId: string, myId: string, initial: Record<string, number>) {
  const { socket } = useRealtime();
  const [counts, setCounts] = useState(initial);
  useEffect(() => setCounts(initial), [initial]);
  useEffect(() => {
    if (!socket) return;
    const onActivity = (e: { spaceId: string | null; channelId: string; authorId: string }) => {
      if (e.spaceId !== spaceId || e.channelId === openChannelId || e.authorId === myId) return;
      setCounts((c) => ({ ...c, [e.channelId]: (c[e.channelId] ?? 0) + 1 }));
    };
    socket.on("channel:activity", onActivity);
    return () => {
      socket.off("channel:activity", onActivity);
    };
  }, [socket, spaceId, openChannelId, myId]);
  return counts;
}

/** The space's members, from the page, joined live by whoever accepts an invite. */
function useLiveMembers(spaceId: string, initial: SpaceMember[]) {
  const { socket } = useRealtime();
  const [members, setMembers] = useState(initial);
  useEffect(() => setMembers(initial), [initial]);
  useEffect(() => {
    if (!socket) return;
    const onJoined = (event: { spaceId: string; member: SpaceMember }) => {
      if (event.spaceId !== spaceId) return;
      setMembers((list) => (list.some((m) => m.id === event.member.id) ? list : [...list, event.member]));
    };
    socket.on("space:memberJoined", onJoined);
    return () => {
      socket.off("space:memberJoined", onJoined);
    };
  }, [socket, spaceId]);
  return members;
}
