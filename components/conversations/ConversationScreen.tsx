"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ChatView } from "@/components/chat/ChatView";
import { DrawerButton } from "@/components/chat/DrawerButton";
import { MessageSearch } from "@/components/search/MessageSearch";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { postJson } from "@/lib/api-client";
import type { ConversationView } from "@/lib/conversations";
import type { ChannelOpening, UserSummary } from "@/lib/realtime/contract";
import { ConversationAvatar } from "./ConversationAvatar";
import { VideoRoom } from "@/components/video/LazyVideoRoom";
import { BackIcon, BellIcon, BellOffIcon, PeopleIcon, VideoCallIcon } from "./icons";
import { useConversationTitle } from "./useConversationTitle";
import { UserName } from "@/components/people/UserName";

/** A group's panel (a Radix dialog with the invite picker and photo upload) loads when first opened. */
const MembersPanel = dynamic(() => import("./MembersPanel").then((m) => m.MembersPanel), { ssr: false });

/** A dm or group chat: its header (name, members, mute), the chat, and for groups the members panel. */
export function ConversationScreen({
  me,
  view,
  blockedIds,
  opening,
  videoRoomCap,
}: {
  me: UserSummary;
  view: ConversationView;
  blockedIds: string[];
  /** The conversation's first messages, read with the page. */
  opening?: ChannelOpening;
  videoRoomCap: number;
}) {
  const t = useTranslations("conversations");
  const tv = useTranslations("video");
  const router = useRouter();
  // ?call=1: arrived from an incoming-call banner.
  const [inCall, setInCall] = useState(useSearchParams().get("call") === "1");
  const { socket } = useRealtime();
  const [panel, setPanel] = useState<"never" | "open" | "closed">("never");
  const [muted, setMuted] = useState(view.muted);
  useEffect(() => setMuted(view.muted), [view.muted]);
  const channelId = view.channel.id;

  // Renamed, joined, left, muted in another tab: read the conversation again.
  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: { channelId: string }) => {
      if (e.channelId === channelId) router.refresh();
    };
    socket.on("conversation:changed", onChanged);
    return () => {
      socket.off("conversation:changed", onChanged);
    };
  }, [socket, channelId, router]);

  async function toggleMute() {
    const next = !muted;
    setMuted(next);
    const result = await postJson<{ muted: boolean }>(`/api/conversations/${channelId}/mute`, { muted: next });
    if (!result.ok) setMuted(!next);
  }

  const others = view.members.filter((m) => m.id !== me.id);
  const title = useConversationTitle()(view, others);
  const header = (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-2 sm:px-4">
      <Link href="/chats" aria-label={t("back")} title={t("back")} className="rounded-md p-1.5 text-stone-600 hover:bg-stone-100 md:hidden">
        <BackIcon />
      </Link>
      <ConversationAvatar kind={view.kind} name={title} image={view.image} members={others} size={36} />
      <h1 className="flex min-w-0 flex-1 items-baseline gap-1.5">
        <span className="min-w-0 truncate font-bold" data-testid="conversation-title">
          {/* A dm's title is the other person: their profile card is one click away. */}
          {view.kind === "dm" && others[0] && !view.study ? <UserName user={others[0]} /> : title}
        </span>
        {/* A 문의하기 chat is titled after its study group; the asker still sees whom they ask. */}
        {view.study?.asking && others[0] && (
          <span className="min-w-0 shrink truncate text-sm text-stone-500">
            <UserName user={others[0]} />
          </span>
        )}
        {view.kind === "group" && (
          <span className="shrink-0 text-sm text-stone-400" data-testid="conversation-member-count">
            {view.members.length}
          </span>
        )}
      </h1>
      <MessageSearch channel={view.channel} members={view.members} />
      <DrawerButton channel={view.channel} members={view.members} />
      <button
        type="button"
        onClick={() => setInCall(true)}
        disabled={inCall}
        aria-label={tv("call")}
        title={tv("call")}
        className="rounded-md p-2 text-stone-600 hover:bg-stone-100 disabled:text-brand-500"
      >
        <VideoCallIcon />
      </button>
      <button
        type="button"
        onClick={() => void toggleMute()}
        aria-pressed={muted}
        aria-label={muted ? t("unmute") : t("mute")}
        title={muted ? t("unmute") : t("mute")}
        className={`rounded-md p-2 hover:bg-stone-100 ${muted ? "text-stone-400" : "text-stone-600"}`}
      >
        {muted ? <BellOffIcon /> : <BellIcon />}
      </button>
      {view.kind === "group" && (
        <button
          type="button"
          onClick={() => setPanel("open")}
          aria-label={t("showMembers")}
          title={t("showMembers")}
          className="rounded-md p-2 text-stone-600 hover:bg-stone-100"
        >
          <PeopleIcon />
        </button>
      )}
    </header>
  );

  return (
    <>
      <ChatView
        key={channelId}
        me={me}
        channel={view.channel}
        members={view.members}
        header={
          <>
            {header}
            {inCall && (
              <div className="flex h-[55dvh] min-h-72 shrink-0 border-b border-stone-200">
                <VideoRoom channelId={channelId} me={me} cap={videoRoomCap} onClose={() => setInCall(false)} />
              </div>
            )}
          </>
        }
        title={title}
        layout="bubbles"
        blockedIds={blockedIds}
        opening={opening?.channelId === channelId ? opening : undefined}
      />
      {view.kind === "group" && panel !== "never" && (
        <MembersPanel me={me} view={view} open={panel === "open"} onOpenChange={(open) => setPanel(open ? "open" : "closed")} />
      )}
    </>
  );
}
