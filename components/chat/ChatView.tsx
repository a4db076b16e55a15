"use client";
import { ArrowDown, ArrowUp, FileUp } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/ui/useErrorText";
import { LIMITS } from "@/lib/limits";
import type { ChannelOpening, ChannelSummary, ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { MessageSearch } from "@/components/search/MessageSearch";
import { ChannelHeader } from "./ChannelHeader";
import { StudyRoomBar } from "@/components/study/StudyRoomParts";
import { DaySeparator, useStartsNewDay } from "./DaySeparator";
import { MessageRow, type MessageActions, type MessageLayout } from "./MessageRow";
import { MessageFocusScope } from "./MessageFocusScope";
import { Composer } from "./Composer";
import { useRealtime } from "./RealtimeProvider";
import { TypingIndicator } from "./TypingIndicator";
import { requestEditLast } from "@/components/keyboard/editRequest";
import { unreadBy } from "@/lib/read-receipts";
import { MessageAttachments } from "./MessageAttachments";
import { MessageBody } from "./MessageBody";
import { useAttachmentUploads } from "./useAttachmentUploads";
import { useChannel } from "./useChannel";
import { useFileDrop } from "./useFileDrop";
import { useMarkdown } from "./useMarkdown";

const GROUP_WINDOW_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 80;
/** Where the first unread message's row (with the divider) sits when a channel opens there. */
const UNREAD_TOP_PX = 24;
/** A row has been seen when this much of it was on screen (or it filled half the list). */
const SEEN_RATIO = 0.6;

/**
 * What the list keeps still while rows, images and pages change size: the bottom (following new
 * messages), the first unread row near the top (a channel opened there), or the row at the top
 * of the screen at its offset (the reader scrolled there).
 */
type Pin = { to: "bottom" } | { to: "row"; seq: number; offset: number };

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
  opening,
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
  /** The first messages, read with the page (shown before the socket joins). */
  opening?: ChannelOpening;
}) {
  const t = useTranslations("chat");
  const tr = useTranslations("reading");
  const markdown = useMarkdown();
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
    joined,
    hasOlder,
    hasNewer,
    unreadAtOpen,
    myRead,
    latestSeq,
    arrival,
    markAllRead,
    loadOlder,
    loadNewer,
    showLatest,
    showAround,
    trim,
    markRead,
    notifyTyping,
    send,
    retry,
    edit,
    remove,
    react,
  } = useChannel(channel.id, me, opening);
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  // The composer's files: a drop anywhere on the chat (the list, the header, the box) adds to them.
  const files = useAttachmentUploads(channel.id);
  const root = useRef<HTMLElement>(null);
  const drop = useFileDrop((dropped) => {
    files.add(dropped);
    root.current?.querySelector<HTMLTextAreaElement>("[data-composer]")?.focus();
  });
  const names = new Map(members.map((m) => [m.id, m.name]));
  const nameOf = (userId: string) => names.get(userId);
  const memberIds = members.map((m) => m.id);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [showJump, setShowJump] = useState(false);
  const [paging, setPaging] = useState<"older" | "newer" | null>(null);
  const pagingRef = useRef(false);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const messagesRef = useRef(messages);
  messagesRef.current = messages;

  const dividerAfter =
    unreadAtOpen && messages.some((m) => m.seq > unreadAtOpen.after && m.seq <= unreadAtOpen.upto && m.author.id !== me.id)
      ? unreadAtOpen.after
      : null;

  // ---- keeping the view still -------------------------------------------------------------
  // A channel opens at its first unread row if the divider is in the window, else at the bottom.
  // Then whatever is pinned stays where it is through every later layout: rows leaving their
  // placeholder height (content-visibility), images and fonts loading, pages coming and going,
  // the composer growing. The pin changes only when the reader scrolls (or sends, or jumps).
  const pin = useRef<Pin | null>(null);
  /** Where the list was last put by us: a scroll event elsewhere is the reader's own. */
  const placedAt = useRef<number | null>(null);

  const rowOf = (seq: number) => scroller.current?.querySelector<HTMLElement>(`[data-row-seq="${seq}"]`) ?? null;

  const applyPin = useCallback(() => {
    const el = scroller.current;
    const p = pin.current;
    if (!el || !p) return;
    const max = el.scrollHeight - el.clientHeight;
    let top = max;
    if (p.to === "row") {
      const row = el.querySelector<HTMLElement>(`[data-row-seq="${p.seq}"]`);
      if (!row) return; // let go of (trimmed away): stay put until the reader scrolls
      top = el.scrollTop + row.getBoundingClientRect().top - el.getBoundingClientRect().top - p.offset;
    }
    top = Math.max(0, Math.min(max, top));
    if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
    placedAt.current = el.scrollTop;
  }, []);

  /** The row at the top of the screen and its offset: what the reader is looking at. */
  const topRowPin = useCallback((): Pin | null => {
    const el = scroller.current;
    if (!el) return null;
    const top = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>("[data-row-seq]")].find((r) => r.getBoundingClientRect().bottom > top);
    return first ? { to: "row", seq: Number(first.dataset.rowSeq), offset: first.getBoundingClientRect().top - top } : null;
  }, []);

  // The first time there is something to show: open at the divider, or at the bottom.
  useLayoutEffect(() => {
    if (pin.current || messages.length === 0) {
      if (!pin.current && status === "ready") pin.current = { to: "bottom" };
      return;
    }
    const firstUnread = dividerAfter !== null ? messages.find((m) => m.seq > dividerAfter) : undefined;
    pin.current = firstUnread ? { to: "row", seq: firstUnread.seq, offset: UNREAD_TOP_PX } : hasNewer ? topRowPin() : { to: "bottom" };
  }, [messages, dividerAfter, hasNewer, status, topRowPin]);

  // After every render that changes the rows, and after every resize of the list or of its
  // content (a ResizeObserver, not a one-off scroll), put the pinned thing back in its place.
  useLayoutEffect(applyPin, [messages, pending, hasNewer, applyPin]);
  // At the live end, a long session's list is trimmed back (older pages load again on scrolling up).
  useEffect(() => {
    if (pin.current?.to === "bottom") trim();
  }, [lastSeq, trim]);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !list.current) return;
    const observer = new ResizeObserver(() => applyPin());
    observer.observe(el);
    observer.observe(list.current);
    return () => observer.disconnect();
  }, [applyPin]);

  /** Loads a page above or below; the pinned row keeps what is on screen where it is. */
  function page(direction: "older" | "newer") {
    if (pagingRef.current) return;
    pin.current = topRowPin() ?? pin.current;
    pagingRef.current = true;
    setPaging(direction);
    void (direction === "older" ? loadOlder() : loadNewer()).finally(() => {
      pagingRef.current = false;
      setPaging(null);
    });
  }

  // ---- what has been seen -----------------------------------------------------------------
  // A message is read once its row has been on screen in a visible, focused tab
  // (IntersectionObserver, document.visibilityState, document.hasFocus()). The cursor then
  // moves over every message up to the first one not yet seen: unread rows above the fold stay
  // unread, whatever is seen below them.
  const onScreen = useRef(new Set<number>());
  const seen = useRef(new Set<number>());
  const myReadRef = useRef(myRead);
  myReadRef.current = myRead;

  const advance = useCallback(() => {
    if (document.visibilityState !== "visible" || !document.hasFocus()) return;
    for (const seq of onScreen.current) seen.current.add(seq);
    let upto = myReadRef.current;
    for (const m of messagesRef.current) {
      if (m.seq <= upto) continue;
      if (m.seq !== upto + 1 || !(m.author.id === me.id || seen.current.has(m.seq))) break;
      upto = m.seq;
    }
    if (upto > myReadRef.current) markRead(upto);
    for (const seq of seen.current) if (seq <= upto) seen.current.delete(seq);
  }, [markRead, me.id]);

  const observer = useRef<IntersectionObserver | null>(null);
  const observeRow = useCallback(
    (row: HTMLLIElement | null) => {
      if (!row) return;
      // The implicit root (the viewport) clips to the scrolling list, which may not be mounted
      // yet when its first rows are.
      observer.current ??= new IntersectionObserver(
        (entries) => {
          const height = scroller.current?.clientHeight ?? window.innerHeight;
          for (const e of entries) {
            const seq = Number((e.target as HTMLElement).dataset.rowSeq);
            const shown = e.isIntersecting && (e.intersectionRatio >= SEEN_RATIO || e.intersectionRect.height >= height / 2);
            if (shown) onScreen.current.add(seq);
            else onScreen.current.delete(seq);
          }
          advance();
        },
        { threshold: [0, SEEN_RATIO, 1] },
      );
      const io = observer.current;
      io.observe(row);
      return () => {
        io.unobserve(row);
        onScreen.current.delete(Number(row.dataset.rowSeq));
      };
    },
    [advance],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  // Coming back to the tab (or the window) reads what is on screen.
  useEffect(() => {
    window.addEventListener("focus", advance);
    document.addEventListener("visibilitychange", advance);
    return () => {
      window.removeEventListener("focus", advance);
      document.removeEventListener("visibilitychange", advance);
    };
  }, [advance]);
  // My own sends and the join's cursor may make more of what is on screen count; and what was
  // already on screen before the socket joined (the page brings the first messages) is read
  // once it has, since marking needs the socket.
  useEffect(advance, [myRead, messages, advance, joined]);

  // ---- unread above the fold, the jump bar ------------------------------------------------
  const firstUnread = messages.find((m) => m.seq > myRead && m.author.id !== me.id && !m.system);
  const heldFrom = messages[0]?.seq ?? 1;
  const unreadCount =
    messages.filter((m) => m.seq > myRead && m.author.id !== me.id && !m.system).length +
    (heldFrom > myRead + 1 && hasOlder ? heldFrom - myRead - 1 : 0) +
    (hasNewer ? Math.max(0, latestSeq - lastSeq) : 0);
  const [unreadAbove, setUnreadAbove] = useState(false);
  const measureUnreadAbove = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const held = firstUnread && rowOf(firstUnread.seq);
    const above = (heldFrom > myRead + 1 && hasOlder && unreadCount > 0) || (held ? held.getBoundingClientRect().bottom <= el.getBoundingClientRect().top : false);
    setUnreadAbove(above);
  }, [firstUnread, heldFrom, myRead, hasOlder, unreadCount]);
  useEffect(measureUnreadAbove, [measureUnreadAbove]);

  /** Back to where unread starts: older pages load until the first unread is there. */
  async function jumpToUnread() {
    for (let n = 0; n < LIMITS.heldMessagesMax / LIMITS.historyPageSize; n++) {
      const first = messagesRef.current[0]?.seq ?? 1;
      if (first <= myReadRef.current + 1 || first <= 1) break;
      await loadOlder();
      await new Promise((r) => requestAnimationFrame(r));
    }
    const target = messagesRef.current.find((m) => m.seq > myReadRef.current && m.author.id !== me.id);
    if (target) {
      pin.current = { to: "row", seq: target.seq, offset: UNREAD_TOP_PX };
      applyPin();
    }
    measureUnreadAbove();
  }

  // Esc marks the channel read (as in Discord), wherever focus is on the chat's page (clicking
  // the list leaves it on the body); not when it closes a dialog, a menu or a list of choices.
  // The composer's own Esc (cancelling a reply) happens as well.
  const markAllReadRef = useRef(markAllRead);
  markAllReadRef.current = markAllRead;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"],[role="menu"],[role="listbox"],[role="alertdialog"]')) return;
      markAllReadRef.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // A reader who scrolled to the top before the socket joined (the first page comes with the
  // page, paging needs the socket) gets the older page once it has joined.
  useEffect(() => {
    const el = scroller.current;
    if (joined && el && el.scrollTop < 200 && hasOlder) page("older");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the join lands
  }, [joined]);

  function onScroll(el: HTMLDivElement) {
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const atBottom = fromBottom < NEAR_BOTTOM_PX && !hasNewer;
    if (placedAt.current === null || Math.abs(el.scrollTop - placedAt.current) >= 1) {
      // The reader scrolled: keep what they now look at (the bottom, or the row at the top).
      pin.current = atBottom ? { to: "bottom" } : (topRowPin() ?? pin.current);
      placedAt.current = el.scrollTop;
    }
    setShowJump(!atBottom);
    measureUnreadAbove();
    if (atBottom) trim();
    if (el.scrollTop < 200 && hasOlder) page("older");
    else if (fromBottom < 200 && hasNewer) page("newer");
  }

  async function jumpToLatest() {
    await showLatest();
    pin.current = { to: "bottom" };
    applyPin();
    setShowJump(false);
  }

  /**
   * Scrolls to a message (a reply's original, a search result): older pages load until it is
   * there, and one far back brings the window around it instead.
   */
  async function jumpTo(seq: number) {
    if (!rowOf(seq) && (messagesRef.current[0]?.seq ?? 1) - seq > LIMITS.historyPageSize * 2) {
      await showAround(seq);
      await new Promise((r) => requestAnimationFrame(r));
    }
    for (let n = 0; n < 20; n++) {
      const el = rowOf(seq);
      if (el) {
        // Pinned a third of the way down: it stays there while the rows around it settle
        // (a window just loaded, images); the reader's next scroll pins what they look at.
        pin.current = { to: "row", seq, offset: (scroller.current?.clientHeight ?? 0) / 3 };
        applyPin();
        el.animate([{ backgroundColor: "#fed7aa" }, { backgroundColor: "transparent" }], { duration: 1600 });
        return;
      }
      // Held but not drawn yet (the window just changed): wait a frame.
      if ((messagesRef.current[0]?.seq ?? 1) > seq) await loadOlder();
      else if (!messagesRef.current.some((m) => m.seq === seq)) return;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  // A search result opens its channel at `?at=<seq>`: go there once the socket has joined, then
  // take the parameter off so that choosing the same result again jumps again.
  const searchParams = useSearchParams();
  const at = Number(searchParams.get("at"));
  useEffect(() => {
    if (!joined || !Number.isInteger(at) || at < 1 || embedded) return;
    void jumpTo(at).then(() => {
      const url = new URL(window.location.href);
      url.searchParams.delete("at");
      window.history.replaceState(window.history.state, "", url);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per requested seq
  }, [joined, at]);

  // ---- what a screen reader hears ---------------------------------------------------------
  // Only messages that arrive while the channel is open, from others: never the pages loaded
  // on open or on scrolling (the log itself is aria-live="off"; see docs/architecture.md).
  const announcement =
    arrival && !blocked.has(arrival.author.id) && !arrival.system && arrival.deletedAt === null
      ? tr("arrived", { name: arrival.author.name, text: markdown.plain(arrival.body, nameOf) })
      : "";

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
    <Root
      ref={root}
      className="relative flex min-h-0 min-w-0 flex-1 flex-col bg-white"
      aria-label={label ?? title ?? `#${channel.name}`}
      {...drop.handlers}
    >
      {drop.dragging && (
        <div
          className="pointer-events-none absolute inset-2 z-40 flex flex-col items-center justify-center gap-3 rounded-2xl border-2 border-dashed border-brand-400 bg-brand-50/95 p-6 backdrop-blur-sm text-center"
          data-testid="drop-overlay"
        >
          <FileUp size={36} aria-hidden className="text-brand-600" />
          <p className="text-base font-semibold text-brand-700">
            {title !== undefined ? t("dropToChat", { name: title }) : t("dropToChannel", { channel: channel.name })}
          </p>
        </div>
      )}
      {embedded ? null : header ?? (
        <ChannelHeader
          onOpenChannels={onOpenChannels}
          onOpenMembers={onOpenMembers}
          actions={<MessageSearch channel={channel} members={members} />}
          drawer={{ channel, members }}
        >
          <span className="mr-1 text-stone-400">#</span>
          {channel.name}
        </ChannelHeader>
      )}
      {/* A text study room's pomodoro and people (nothing for other channels). */}
      {!embedded && header === undefined && channel.kind === "text" && channel.spaceId && <StudyRoomBar channelId={channel.id} />}

      {state !== "connected" && (
        <p role="status" className="bg-amber-50 px-4 py-1.5 text-center text-xs font-medium text-amber-800">
          {t(state)}
        </p>
      )}

      <div className="relative flex min-h-0 flex-1 flex-col">
        {unreadAbove && unreadCount > 0 && (
          <div
            className="dark-surface absolute inset-x-3 top-2 z-10 flex items-center gap-2 rounded-md bg-stone-800 py-1 pr-1 pl-3 text-xs font-semibold text-white shadow-lg sm:inset-x-4"
            data-testid="unread-bar"
          >
            <button type="button" onClick={() => void jumpToUnread()} className="flex-1 py-1 text-left hover:underline">
              {tr("newCount", { count: unreadCount })} · {tr("jump")} <ArrowUp aria-hidden size={12} className="inline align-[-1px]" />
            </button>
            <button
              type="button"
              onClick={markAllRead}
              title={tr("markReadHint")}
              className="rounded px-2 py-1 hover:bg-stone-700"
              data-testid="mark-read"
            >
              {tr("markRead")}
            </button>
          </div>
        )}
      <div
        ref={scroller}
        onScroll={(e) => onScroll(e.currentTarget)}
        className="flex-1 overflow-y-auto px-3 py-4 [overflow-anchor:none] sm:px-4"
        data-testid="message-list"
        data-state={status}
        data-joined={joined}
        // A log, but silent: pages loaded on open or on scrolling are not read out. New arrivals
        // are, through the live region below.
        role="log"
        aria-live="off"
        aria-label={tr("log")}
        aria-busy={status === "loading" || paging !== null}
      >
        {status === "error" && <p className="text-center text-sm text-red-600">{t("loadFailed")}</p>}
        {status === "loading" && messages.length === 0 && <MessageSkeleton label={tr("loadingMessages")} />}
        {status === "ready" && messages.length === 0 && pending.length === 0 && (
          <div className="flex h-full flex-col items-center justify-center gap-2 text-center text-stone-500">
            <span className="text-4xl">👋</span>
            <p>{title !== undefined ? t("emptyConversation") : t("empty", { channel: channel.name })}</p>
          </div>
        )}
        {hasOlder && <Loading label={tr("loadingOlder")} testId="loading-older" />}
        <MessageFocusScope messages={messages} className="flex flex-col" listRef={list}>
          {messages.map((m, i) => {
            const prev = messages[i - 1];
            const divider = dividerBefore(i);
            const grouped = groupedAt(i);
            const next = messages[i + 1];
            // Bubbles show the time once per run and minute, beside its last message.
            const showTime = !(next && groupedAt(i + 1) && minuteOf(next.createdAt) === minuteOf(m.createdAt));
            const newDay = startsNewDay(prev?.createdAt, m.createdAt);
            return (
              <li
                key={m.id}
                ref={observeRow}
                data-row-seq={m.seq}
                className="[contain-intrinsic-size:auto_56px] [content-visibility:auto]"
              >
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
                  unread={receipts ? unreadBy(m, memberIds, reads, me.id) : 0}
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
                {/* Rendered as it will be once stored (markdown, mentions), only dimmed. */}
                <div
                  className={`min-w-0 ${p.state === "failed" ? "text-red-700" : "text-stone-500"} ${
                    bubbles ? "rounded-2xl bg-amber-100 px-3 py-1.5 text-[15px]" : ""
                  }`}
                >
                  <MessageBody body={p.body} myId={me.id} nameOf={nameOf} testId="pending-body" />
                  {p.attachments && p.attachments.length > 0 && <MessageAttachments attachments={p.attachments} />}
                </div>
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
        {hasNewer && <Loading label={tr("loadingNewer")} testId="loading-newer" />}
      </div>
      </div>
      <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="arrival-announcer">
        {announcement}
      </div>

      <div className="relative">
        {/* Below the list, not over it: floating over the last rows it hid a phone's last line. */}
        {(showJump || hasNewer) && (
          <div className="flex justify-center pt-1">
            <button
              type="button"
              onClick={() => void jumpToLatest()}
              data-testid="jump-to-latest"
              className="dark-surface rounded-full bg-stone-800 px-4 py-1.5 text-xs font-semibold text-white shadow-lg hover:bg-stone-700"
            >
              {t("jumpToLatest")} <ArrowDown aria-hidden size={12} className="inline align-[-1px]" />
            </button>
          </div>
        )}
        <TypingIndicator users={typing.filter((u) => !blocked.has(u.id))} />
      </div>
      <Composer
        channelName={channel.name}
        placeholder={title !== undefined ? t("placeholderTo", { name: title }) : undefined}
        onSend={(body, attachments) => {
          pin.current = { to: "bottom" };
          send(body, replyingTo?.id, attachments);
          setReplyingTo(null);
        }}
        onTyping={notifyTyping}
        maxChars={LIMITS.messageMaxChars}
        members={members.filter((m) => m.id !== me.id)}
        nameOf={nameOf}
        replyingTo={replyingTo}
        onCancelReply={() => setReplyingTo(null)}
        onEditLast={() => requestEditLast(messages, me.id)}
        files={files}
      />
    </Root>
  );
}

/** A row of the list while something loads: a spinner and what it is doing, in words. */
function Loading({ label, testId }: { label: string; testId: string }) {
  return (
    <p className="flex items-center justify-center gap-2 py-2 text-xs text-stone-500" data-testid={testId}>
      <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-stone-300 border-t-stone-600" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Grey rows in the shape of messages while the first page loads (when the page did not bring it). */
function MessageSkeleton({ label }: { label: string }) {
  const widths = ["w-2/3", "w-1/2", "w-5/6", "w-1/3", "w-3/4"];
  return (
    <div className="flex h-full flex-col justify-end gap-4" data-testid="message-skeleton">
      <span className="sr-only">{label}</span>
      {widths.map((w, i) => (
        <div key={i} className="flex animate-pulse gap-3" aria-hidden="true">
          <div className="h-10 w-10 shrink-0 rounded-full bg-stone-200" />
          <div className="flex flex-1 flex-col gap-2 pt-1">
            <div className="h-3 w-24 rounded bg-stone-200" />
            <div className={`h-3 rounded bg-stone-200 ${w}`} />
          </div>
        </div>
      ))}
    </div>
  );
}
