"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { SpaceRail, UserMenu, type RailSpace } from "@/components/app/AppShell";
import { ChatView } from "@/components/chat/ChatView";
import { CalendarView } from "@/components/calendar/CalendarView";
import { ChannelHeader } from "@/components/chat/ChannelHeader";
import { MaterialsView, type MaterialsPage } from "@/components/materials/MaterialsView";
import { SpaceMaterialsProvider } from "@/components/materials/SpaceMaterialsContext";
import { LeaderboardView } from "@/components/study-stats/LeaderboardView";
import type { LeaderboardView as Leaderboard } from "@/lib/api/study-stats";
import { useReportOpenSpace } from "@/components/feedback/UnreadProvider";
import {
  membersOf,
  mergeReadStates,
  occupantsOf,
  unreadCounts,
  withActivity,
  withJoin,
  withMembersPage,
  withOccupancy,
  withOccupantsPage,
  withOwnRead,
  type LiveMembers,
  type LiveOccupants,
  type ReadStates,
} from "@/lib/live-merge";
import type { ChannelOpening, ChannelReadState, ChannelSummary, SpaceMember, SpaceView, UserSummary } from "@/lib/realtime/contract";
import { StudyGroupSummary } from "@/components/study/StudyGroupSummary";
import { ChannelList } from "./ChannelList";
import { InviteButton } from "./InviteButton";
import { MemberList } from "./MemberList";
import type { SpaceDialog } from "./SpaceDialogs";
import { SpaceMenu } from "./SpaceMenu";
import { useSpaceLive } from "./useSpaceLive";
import { VideoChannelView } from "./VideoChannelView";

/** The space's dialogs (forms, confirms, Radix's dialog code) load the first time one opens. */
const SpaceDialogs = dynamic(() => import("./SpaceDialogs").then((m) => m.SpaceDialogs), { ssr: false });

/** A space: channels on the left, the open channel (or the materials) in the middle, members on the right. */
export function SpaceScreen({
  me,
  view,
  channel,
  spaces,
  readStates,
  blockedIds = [],
  opening,
  videoRoomCap,
  materials,
  calendar,
  leaderboard,
}: {
  me: UserSummary;
  view: SpaceView;
  /** The open channel; null on the space's materials or leaderboard page. */
  channel: ChannelSummary | null;
  spaces: RailSpace[];
  /** Per channel: its last seq and the viewer's cursor (the page's read; live events move them on). */
  readStates: Record<string, ChannelReadState>;
  /** The viewer blocked these people: their messages show collapsed. */
  blockedIds?: string[];
  /** The open text channel's first messages, read with the page. */
  opening?: ChannelOpening;
  videoRoomCap: number;
  /** The materials' first page, when the materials page is open instead of a channel. */
  materials?: MaterialsPage;
  /** The space's calendar page (components/calendar) instead of a channel: the server's clock for "today". */
  calendar?: { nowMs: number };
  /** The study leaderboard's first tab, when the leaderboard page is open instead of a channel. */
  leaderboard?: Leaderboard;
}) {
  const t = useTranslations("spaces");
  const tc = useTranslations("calendar");
  useSpaceLive(view.space.id, view.space.name);
  const openChannelId = channel?.id ?? null;
  const unread = useUnreadCounts(view.space.id, openChannelId, me.id, readStates);
  useReportOpenSpace(
    view.space.id,
    view.channels.reduce((sum, c) => sum + (c.id === openChannelId ? 0 : (unread[c.id] ?? 0)), 0),
  );
  const members = useLiveMembers(view.space.id, view);
  const occupants = useOccupants(view.space.id, view);
  const [drawer, setDrawer] = useState<"none" | "channels" | "members">("none");
  const [dialog, setDialog] = useState<SpaceDialog | null>(null);
  const close = () => setDrawer("none");
  /** On narrow screens each middle pane's header opens the channel list or the member list. */
  const openDrawer = { onOpenChannels: () => setDrawer("channels"), onOpenMembers: () => setDrawer("members") };
  const video = channel?.kind === "video";

  const channelPanel = (
    <aside className="flex h-full w-64 shrink-0 flex-col bg-stone-100">
      <header className="flex h-14 items-center gap-1 border-b border-stone-200 px-2">
        <SpaceMenu view={view} onDialog={setDialog} />
        <InviteButton spaceId={view.space.id} spaceName={view.space.name} />
      </header>
      <StudyGroupSummary view={view} onDialog={setDialog} />
      <ChannelList
        view={view}
        openChannelId={openChannelId}
        openPage={channel ? null : calendar ? "calendar" : leaderboard ? "leaderboard" : "materials"}
        unread={unread}
        occupants={occupants}
        onNavigate={close}
        onDialog={setDialog}
      />
      <UserMenu me={me} />
    </aside>
  );
  const memberPanel = <MemberList spaceId={view.space.id} members={members} myId={me.id} myRole={view.myRole} onDialog={setDialog} />;

  return (
    <div className="relative flex min-w-0 flex-1">
      <div className="hidden md:flex">{channelPanel}</div>
      {!channel && calendar ? (
        <CalendarView
          scope={{
            kind: "space",
            spaceId: view.space.id,
            spaceName: view.space.name,
            videoChannels: view.channels.filter((c) => c.kind === "video").map((c) => ({ id: c.id, name: c.name })),
          }}
          nowMs={calendar.nowMs}
          header={
            <ChannelHeader {...openDrawer}>
              <span className="truncate">{tc("heading", { space: view.space.name })}</span>
            </ChannelHeader>
          }
        />
      ) : !channel && leaderboard ? (
        <LeaderboardView spaceId={view.space.id} spaceName={view.space.name} myId={me.id} first={leaderboard} {...openDrawer} />
      ) : !channel ? (
        <MaterialsView
          spaceId={view.space.id}
          spaceName={view.space.name}
          first={materials ?? { materials: [], next: null }}
          {...openDrawer}
        />
      ) : channel.kind === "video" ? (
        <VideoChannelView me={me} cap={videoRoomCap} channel={channel} members={members} blockedIds={blockedIds} {...openDrawer} />
      ) : (
        // The message menu pins files as this space's materials (components/materials).
        <SpaceMaterialsProvider value={{ spaceId: view.space.id }}>
          <ChatView
            key={channel.id}
            me={me}
            channel={channel}
            members={members}
            blockedIds={blockedIds}
            opening={opening?.channelId === channel.id ? opening : undefined}
            {...openDrawer}
          />
        </SpaceMaterialsProvider>
      )}
      {/* Beside a video channel only from 2xl: at 1440 px the call needs the room (its header's button opens the list). */}
      <div className={`hidden w-60 shrink-0 border-l border-stone-200 bg-stone-50 ${video ? "2xl:block" : "lg:block"}`}>{memberPanel}</div>

      {drawer !== "none" && (
        <div className={`fixed inset-0 z-30 flex ${video ? "2xl:hidden" : "lg:hidden"}`} role="dialog" aria-modal="true">
          <button type="button" aria-label={t("close")} className="absolute inset-0 bg-black/40" onClick={close} />
          {drawer === "channels" ? (
            <div className="relative flex h-full shadow-xl">
              <nav className="dark-surface flex w-[72px] flex-col items-center gap-2 overflow-y-auto bg-stone-900 py-3 dark:bg-stone-950">
                <SpaceRail spaces={spaces} myId={me.id} />
              </nav>
              {channelPanel}
            </div>
          ) : (
            <div className="relative ml-auto h-full w-64 bg-stone-50 shadow-xl">{memberPanel}</div>
          )}
        </div>
      )}
      {dialog && <SpaceDialogs view={{ ...view, members }} myId={me.id} dialog={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}

/**
 * Unread counts per channel, from the page, moved on live as channels get messages and the
 * user's cursor moves. A page read again is merged by seq (lib/live-merge.ts), never taken whole.
 */
function useUnreadCounts(spaceId: string, openChannelId: string | null, myId: string, page: ReadStates) {
  const { socket } = useRealtime();
  const [states, setStates] = useState(page);
  useEffect(() => setStates((live) => mergeReadStates(live, page)), [page]);
  useEffect(() => {
    if (!socket) return;
    const onActivity = (e: { spaceId: string | null; channelId: string; lastSeq: number; authorId: string }) => {
      if (e.spaceId === spaceId) setStates((s) => withActivity(s, e, myId));
    };
    const onRead = (e: { channelId: string; userId: string; lastReadSeq: number }) => {
      if (e.userId === myId) setStates((s) => withOwnRead(s, e.channelId, e.lastReadSeq));
    };
    socket.on("channel:activity", onActivity);
    socket.on("read:update", onRead);
    return () => {
      socket.off("channel:activity", onActivity);
      socket.off("read:update", onRead);
    };
  }, [socket, spaceId, myId]);
  // The open channel's own count is the chat view's (its divider and jump bar), not the list's.
  return useMemo(() => (openChannelId ? { ...unreadCounts(states), [openChannelId]: 0 } : unreadCounts(states)), [states, openChannelId]);
}

/** The space's members, from the page, joined live by whoever accepts an invite. */
function useLiveMembers(spaceId: string, view: SpaceView) {
  const { socket } = useRealtime();
  const [state, setState] = useState<LiveMembers>({ page: { members: view.members, readAt: view.readAt }, joins: [] });
  useEffect(() => setState((s) => withMembersPage(s, { members: view.members, readAt: view.readAt })), [view.members, view.readAt]);
  useEffect(() => {
    if (!socket) return;
    const onJoined = (event: { spaceId: string; member: SpaceMember; at: number }) => {
      if (event.spaceId === spaceId) setState((s) => withJoin(s, event.member, event.at));
    };
    socket.on("space:memberJoined", onJoined);
    return () => {
      socket.off("space:memberJoined", onJoined);
    };
  }, [socket, spaceId]);
  return useMemo(() => membersOf(state), [state]);
}

/** Who is in each video channel: from the page, then as occupancy:update says. */
function useOccupants(spaceId: string, view: SpaceView) {
  const { socket } = useRealtime();
  const [state, setState] = useState<LiveOccupants>({ page: { occupants: view.occupants, readAt: view.readAt }, updates: {} });
  useEffect(() => setState((s) => withOccupantsPage(s, { occupants: view.occupants, readAt: view.readAt })), [view.occupants, view.readAt]);
  useEffect(() => {
    if (!socket) return;
    const onUpdate = (e: { spaceId: string | null; channelId: string; users: UserSummary[]; at: number }) => {
      if (e.spaceId === spaceId) setState((s) => withOccupancy(s, e.channelId, e.users, e.at));
    };
    socket.on("occupancy:update", onUpdate);
    return () => {
      socket.off("occupancy:update", onUpdate);
    };
  }, [socket, spaceId]);
  return useMemo(() => occupantsOf(state), [state]);
}
