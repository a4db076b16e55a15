"use client";
import { PanelRightClose, PanelRightOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChannelHeader } from "@/components/chat/ChannelHeader";
import { ChatView } from "@/components/chat/ChatView";
import { VideoRoom } from "@/components/video/LazyVideoRoom";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { VideoIcon } from "./VideoIcon";

/**
 * A space's video channel: its header, then the room (pre-join, then the call) with the
 * channel's own text chat beside it, as Discord has. On a wide screen both show side by side
 * (the chat a fixed 20rem that can be folded away, the member list only from 2xl: the call
 * gets the room);
 * narrower, a Call/Chat switch picks one while the other stays mounted (the call goes on, the
 * chat keeps its place).
 */
export function VideoChannelView({
  me,
  cap,
  channel,
  members,
  blockedIds = [],
  onOpenChannels,
  onOpenMembers,
}: {
  me: UserSummary;
  cap: number;
  channel: ChannelSummary;
  /** The people who can be mentioned in the chat (and whose names mentions show). */
  members: UserSummary[];
  blockedIds?: string[];
  onOpenChannels: () => void;
  onOpenMembers: () => void;
}) {
  const k = useTranslations("kakao");
  const [tab, setTab] = useState<"call" | "chat">("call");
  /** Wide screens: the chat beside the call, which can be folded away to give the call the room. */
  const [chatAside, setChatAside] = useState(true);
  const tabClass = (on: boolean) =>
    `rounded-md px-3 py-1 text-sm font-semibold ${on ? "bg-white text-stone-900 shadow-sm" : "text-stone-600 hover:text-stone-900"}`;
  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" aria-label={channel.name}>
      <ChannelHeader
        onOpenChannels={onOpenChannels}
        onOpenMembers={onOpenMembers}
        membersAsideFrom="2xl"
        actions={
          <button
            type="button"
            onClick={() => setChatAside((open) => !open)}
            aria-pressed={chatAside}
            aria-label={k(chatAside ? "hideChat" : "showChat")}
            title={k(chatAside ? "hideChat" : "showChat")}
            className={`hidden rounded-md p-2 hover:bg-stone-100 xl:block ${chatAside ? "text-brand-700" : "text-stone-600"}`}
            data-testid="video-chat-toggle"
          >
            {chatAside ? <PanelRightClose aria-hidden size={20} /> : <PanelRightOpen aria-hidden size={20} />}
          </button>
        }
      >
        <span className="mr-2 text-stone-400">
          <VideoIcon size={18} />
        </span>
        <span className="min-w-0 truncate">{channel.name}</span>
      </ChannelHeader>
      <div role="group" className="flex shrink-0 justify-center border-b border-stone-200 bg-stone-50 p-1.5 xl:hidden">
        <div className="flex rounded-lg bg-stone-200 p-0.5">
          <button type="button" aria-pressed={tab === "call"} onClick={() => setTab("call")} className={tabClass(tab === "call")}>
            {k("callTab")}
          </button>
          <button
            type="button"
            aria-pressed={tab === "chat"}
            onClick={() => setTab("chat")}
            className={tabClass(tab === "chat")}
            data-testid="video-chat-tab"
          >
            {k("chatTab")}
          </button>
        </div>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className={`min-w-0 flex-1 flex-col ${tab === "call" ? "flex" : "hidden"} xl:flex`} data-testid="video-call">
          <VideoRoom key={channel.id} channelId={channel.id} me={me} cap={cap} study />
        </div>
        <div
          className={`min-w-0 flex-col ${tab === "chat" ? "flex flex-1" : "hidden"} ${
            chatAside ? "xl:flex xl:w-80 xl:flex-none xl:border-l xl:border-stone-200" : "xl:hidden"
          }`}
          data-testid="video-chat"
        >
          <ChatView key={channel.id} me={me} channel={channel} members={members} blockedIds={blockedIds} embedded label={k("chatPane", { channel: channel.name })} />
        </div>
      </div>
    </main>
  );
}
