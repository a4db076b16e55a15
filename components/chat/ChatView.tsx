"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/ui/useErrorText";
import { LIMITS } from "@/lib/limits";
import type { ChannelSummary, ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { ChannelHeader } from "./ChannelHeader";
import { DaySeparator, useStartsNewDay } from "./DaySeparator";
import { MessageRow, type MessageActions, type MessageLayout } from "./MessageRow";
import { MessageFocusScope } from "./MessageFocusScope";
import { Composer } from "./Composer";
import { useRealtime } from "./RealtimeProvider";
import { TypingIndicator } from "./TypingIndicator";
import { requestEditLast } from "@/components/keyboard/editRequest";
import { unreadBy, useChannel } from "./useChannel";

const GROUP_WINDOW_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 80;

export function ChatView({
  me,
  channel,
  members,
  onOpenChannels,
  onOpenMembers,
  header,
  title,
  blockedIds = [],
  layout = "list",
  embedded = false,
  label,
}: {
  me: UserSummary;
  channel: ChannelSummary;
  /** The people who can be mentioned here (and whose names mentions show). */
  members: UserSummary[];
  onOpenChannels?: () => void;
  onOpenMembers?: () => void;
  /** Replaces the channel header (a dm or group chat brings its own). */
  header?: React.ReactNode;
  /** A dm's or group's name: the composer then says "Message Bob", not "Message #general". */
  title?: string;
  /** The viewer blocked these people: their messages show collapsed. */
  blockedIds?: string[];
  /** "bubbles" for dms and groups (KakaoTalk's), "list" for space channels (Discord's). */
  layout?: MessageLayout;
  /** Inside another screen (a video channel's chat pane): a section of it, with no header of its own. */
  embedded?: boolean;
  /** The accessible name, when not the channel's. */
  label?: string;
}) {
  const t = useTranslations("chat");
  const errorText = useErrorText();
  const startsNewDay = useStartsNewDay();
  const { socket, state } = useRealtime();
  const router = useRouter();
  const blocked = new Set(blockedIds);
  const {
    messages,
    pending,
    reads,
    receipts,
    typing,
    status,
    hasOlder,
    hasNewer,
    unreadAtOpen,
    loadOlder,
    loadNewer,
    showLatest,
    trim,
    markRead,
    notifyTyping,
    send,
    retry,
    edit,
    remove,
    react,
  } = useChannel(channel.id, me);
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const nameOf = (userId: string) => names.get(userId);
  const memberIds = members.map((m) => m.id);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  /** A message on screen and its offset from the top, kept in place while pages come and go. */
  const anchor = useRef<{ seq: number; offset: number } | null>(null);
  const paging = useRef(false);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  // Stay pinned to the bottom as messages arrive; keep the view still when pages load or go.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const kept = anchor.current && el.querySelector<HTMLElement>(`[data-seq="${anchor.current.seq}"]`);
    if (anchor.current && kept) {
      el.scrollTop += kept.getBoundingClientRect().top - el.getBoundingClientRect().top - anchor.current.offset;
      anchor.current = null;
    } else if (atBottom.current && !hasNewer) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, pending, hasNewer]);

  /** Loads a page above or below while keeping the first visible message where it is. */
  function page(load: () => Promise<void>) {
    const el = scroller.current;
    if (!el || paging.current) return;
    const top = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>("[data-seq]")].find((m) => m.getBoundingClientRect().bottom > top);
    anchor.current = first ? { seq: Number(first.dataset.seq), offset: first.getBoundingClientRect().top - top } : null;
    paging.current = true;
    void load().finally(() => {
      paging.current = false;
    });
  }

  // What is on screen at the bottom, in a visible tab, has been read.
  useEffect(() => {
    const mark = () => {
      if (atBottom.current && document.visibilityState === "visible" && lastSeq > 0) markRead(lastSeq);
      if (atBottom.current) trim();
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [lastSeq, markRead, trim]);

  function onScroll(el: HTMLDivElement) {
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = fromBottom < NEAR_BOTTOM_PX;
    setShowJump(!atBottom.current);
    if (atBottom.current && lastSeq > 0 && document.visibilityState === "visible") markRead(lastSeq);
    if (el.scrollTop < 200 && hasOlder) page(loadOlder);
    else if (fromBottom < 200 && hasNewer) page(loadNewer);
  }

  async function jumpToLatest() {
    await showLatest();
    const el = scroller.current;
    if (!el) return;
    atBottom.current = true;
    el.scrollTop = el.scrollHeight;
    setShowJump(false);
  }

  /** Scrolls to a message (a reply's original), loading older pages until it is there. */
  async function jumpTo(seq: number) {
    for (let page = 0; page < 20; page++) {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
      if (el) {
        el.scrollIntoView({ block: "center", behavior: "smooth" });
        el.animate([{ backgroundColor: "#fed7aa" }, { backgroundColor: "transparent" }], { duration: 1600 });
        return;
      }
      if ((messages[0]?.seq ?? 1) <= seq) return;
      await loadOlder();
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  // Blocking or unblocking someone (any tab) changes whose messages are hidden: re-read the page.
  useEffect(() => {
    if (!socket) return;
    const refresh = () => router.refresh();
    socket.on("friends:changed", refresh);
    return () => {
      socket.off("friends:changed", refresh);
    };
  }, [socket, router]);

  const actions: MessageActions = {
    onReply: (m) => setReplyingTo(m),
    onEdit: edit,
    onDelete: (id) => void remove(id),
    onReact: (id, emoji) => void react(id, emoji),
    onJumpTo: (seq) => void jumpTo(seq),
  };

  const dividerAfter =
    unreadAtOpen && messages.some((m) => m.seq > unreadAtOpen.after && m.seq <= unreadAtOpen.upto && m.author.id !== me.id)
      ? unreadAtOpen.after
      : null;

  const dividerBefore = (i: number) => {
    const m = messages[i];
    const prev = messages[i - 1];
    return dividerAfter !== null && m !== undefined && m.seq > dividerAfter && (prev === undefined || prev.seq <= dividerAfter);
  };
  /** The message at i continues its author's run from the one before (no avatar or name again). */
  const groupedAt = (i: number) => {
    const m = messages[i];
    const prev = messages[i - 1];
    return (
      m !== undefined &&
      prev !== undefined &&
      !dividerBefore(i) &&
      !startsNewDay(prev.createdAt, m.createdAt) &&
      !prev.system &&
      !m.system &&
      prev.author.id === m.author.id &&
      Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS
    );
  };
  const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
  const bubbles = layout === "bubbles";
  const Root = embedded ? "section" : "main";

  return (
    <Root className="flex min-h-0 min-w-0 flex-1 flex-col bg-white" aria-label={label ?? title ?? `#${channel.name}`}>
      {embedded ? null : header ?? (
        <ChannelHeader onOpenChannels={onOpenChannels} onOpenMembers={onOpenMembers}>
          <span className="mr-1 text-stone-400">#</span>
          {channel.name}
        </ChannelHeader>
      )}

      {state !== "connected" && (
        <p role="status" className="bg-amber-50 px-4 py-1.5 text-center text-xs font-medium text-amber-800">
          {t(state)}
        </p>
      )}

      <div
        ref={scroller}
        onScroll={(e) => onScroll(e.currentTarget)}
        className="flex-1 overflow-y-auto px-3 py-4 sm:px-4"
        data-testid="message-list"
        data-state={status}
        aria-live="polite"
      >
        {status === "error" && <p className="text-center text-sm text-red-600">{t("loadFailed")}</p>}
        {status === "ready" && messages.length === 0 && pending.length === 0 && (
          <div className="flex h-full flex-col items-center justify-center gap-2 text-center text-stone-500">
            <span className="text-4xl">👋</span>
            <p>{title !== undefined ? t("emptyConversation") : t("empty", { channel: channel.name })}</p>
          </div>
        )}
        {hasOlder && <p className="py-2 text-center text-xs text-stone-400">…</p>}
        <MessageFocusScope messages={messages} className="flex flex-col">
          {messages.map((m, i) => {
            const prev = messages[i - 1];
            const divider = dividerBefore(i);
            const grouped = groupedAt(i);
            const next = messages[i + 1];
            // Bubbles show the time once per run and minute, beside its last message.
            const showTime = !(next && groupedAt(i + 1) && minuteOf(next.createdAt) === minuteOf(m.createdAt));
            const newDay = startsNewDay(prev?.createdAt, m.createdAt);
            return (
              <li key={m.id} className="[contain-intrinsic-size:auto_56px] [content-visibility:auto]">
                {newDay && <DaySeparator date={m.createdAt} />}
                {divider && (
                  <div
                    role="separator"
                    className="my-2 flex items-center gap-2 text-xs font-semibold text-red-500"
                    data-testid="new-divider"
                  >
                    <span className="h-px flex-1 bg-red-300" />
                    {t("newMessages")}
                    <span className="h-px flex-1 bg-red-300" />
                  </div>
                )}
                <MessageRow
                  message={m}
                  grouped={grouped}
                  unread={receipts ? unreadBy(m, memberIds, reads) : 0}
                  myId={me.id}
                  blocked={blocked.has(m.author.id)}
                  quoteBlocked={m.replyTo !== null && blocked.has(m.replyTo.authorId)}
                  nameOf={nameOf}
                  actions={actions}
                  layout={layout}
                  showTime={showTime}
                />
              </li>
            );
          })}
          {pending.map((p) => (
            <li
              key={p.clientId}
              className={bubbles ? "group mt-1 flex justify-end px-1" : "group flex gap-3 py-0.5 pl-[52px]"}
              data-testid="pending-message"
            >
              <div className={bubbles ? "flex max-w-[min(78%,40rem)] min-w-0 flex-col items-end" : "min-w-0 flex-1"}>
                <p
                  className={`break-words whitespace-pre-wrap [overflow-wrap:anywhere] ${p.state === "failed" ? "text-red-700" : "text-stone-500"} ${
                    bubbles ? "rounded-2xl bg-amber-100 px-3 py-1.5 text-[15px]" : ""
                  }`}
                >
                  {p.body}
                </p>
                <p className="text-xs text-stone-500">
                  {p.state === "sending" ? (
                    t("sending")
                  ) : (
                    <span className="text-red-600">
                      {t("failed")}
                      {p.error ? ` — ${errorText(p.error)}` : ""}{" "}
                      <button type="button" onClick={() => retry(p)} className="font-semibold underline">
                        {t("retry")}
                      </button>
                    </span>
                  )}
                </p>
              </div>
            </li>
          ))}
        </MessageFocusScope>
      </div>

      <div className="relative">
        {(showJump || hasNewer) && (
          <button
            type="button"
            onClick={() => void jumpToLatest()}
            className="absolute -top-12 left-1/2 -translate-x-1/2 rounded-full bg-stone-800 px-4 py-1.5 text-xs font-semibold text-white shadow-lg hover:bg-stone-700"
          >
            {t("jumpToLatest")} ↓
          </button>
        )}
        <TypingIndicator users={typing.filter((u) => !blocked.has(u.id))} />
      </div>
      <Composer
        channelName={channel.name}
        placeholder={title !== undefined ? t("placeholderTo", { name: title }) : undefined}
        onSend={(body) => {
          atBottom.current = true;
          send(body, replyingTo?.id);
          setReplyingTo(null);
        }}
        onTyping={notifyTyping}
        maxChars={LIMITS.messageMaxChars}
        members={members.filter((m) => m.id !== me.id)}
        nameOf={nameOf}
        replyingTo={replyingTo}
        onCancelReply={() => setReplyingTo(null)}
        onEditLast={() => requestEditLast(messages, me.id)}
      />
    </Root>
  );
}
