"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { useErrorText } from "@/components/ui/useErrorText";
import { newClientId } from "@/lib/client-id";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { ChannelSummary, ChatMessage, UserSummary } from "@/lib/realtime/contract";
import { Composer } from "./Composer";
import { request, useRealtime } from "./RealtimeProvider";

interface Pending {
  clientId: string;
  body: string;
  state: "sending" | "failed";
  error?: ErrorCode;
}

/** Keeps messages unique by seq and in seq order. */
function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const GROUP_WINDOW_MS = 5 * 60 * 1000;

export function ChatView({
  me,
  channel,
  onOpenChannels,
  onOpenMembers,
}: {
  me: UserSummary;
  channel: ChannelSummary;
  onOpenChannels: () => void;
  onOpenMembers: () => void;
}) {
  const t = useTranslations("chat");
  const ts = useTranslations("spaces");
  const errorText = useErrorText();
  const { socket, state } = useRealtime();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  const deliver = useCallback(
    async (item: Pending) => {
      if (!socket) return;
      const ack = await request(socket, "message:send", { channelId: channel.id, clientId: item.clientId, body: item.body });
      if (ack.ok) {
        setMessages((list) => mergeMessages(list, [ack.message]));
        setPending((list) => list.filter((p) => p.clientId !== item.clientId));
      } else {
        setPending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: "failed", error: ack.error.code } : p)));
      }
    },
    [socket, channel.id],
  );

  // Join the channel on every (re)connect: fetch the latest page and resend what was not acked.
  useEffect(() => {
    if (!socket) return;
    const join = async () => {
      const ack = await request(socket, "channel:join", { channelId: channel.id });
      if (!ack.ok) {
        console.error("[chat] join failed", ack.error);
        setLoadError(true);
        return;
      }
      setLoadError(false);
      setMessages((list) => mergeMessages(list, ack.messages));
      setLoaded(true);
      for (const item of pendingRef.current) if (item.state === "sending") void deliver(item);
    };
    const onNew = (message: ChatMessage) => {
      if (message.channelId !== channel.id) return;
      setMessages((list) => mergeMessages(list, [message]));
      if (message.author.id === me.id) setPending((list) => list.filter((p) => p.clientId !== message.clientId));
    };
    socket.on("connect", join);
    socket.on("message:new", onNew);
    if (socket.connected) void join();
    return () => {
      socket.off("connect", join);
      socket.off("message:new", onNew);
      if (socket.connected) void request(socket, "channel:leave", { channelId: channel.id });
    };
  }, [socket, channel.id, me.id, deliver]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending]);

  function send(body: string) {
    const item: Pending = { clientId: newClientId(), body, state: "sending" };
    stickToBottom.current = true;
    setPending((list) => [...list, item]);
    if (socket?.connected) void deliver(item);
  }

  function retry(item: Pending) {
    const again = { ...item, state: "sending" as const, error: undefined };
    setPending((list) => list.map((p) => (p.clientId === item.clientId ? again : p)));
    if (socket?.connected) void deliver(again);
  }

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" aria-label={`#${channel.name}`}>
      <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-3 sm:px-4">
        <button
          type="button"
          onClick={onOpenChannels}
          aria-label={ts("menu")}
          className="rounded-md p-2 text-stone-600 hover:bg-stone-100 md:hidden"
        >
          <MenuIcon />
        </button>
        <h2 className="min-w-0 flex-1 truncate font-bold">
          <span className="mr-1 text-stone-400">#</span>
          {channel.name}
        </h2>
        <button
          type="button"
          onClick={onOpenMembers}
          aria-label={ts("showMembers")}
          className="rounded-md p-2 text-stone-600 hover:bg-stone-100 lg:hidden"
        >
          <PeopleIcon />
        </button>
      </header>

      {state !== "connected" && (
        <p role="status" className="bg-amber-50 px-4 py-1.5 text-center text-xs font-medium text-amber-800">
          {state === "connecting" ? t("connecting") : t("reconnecting")}
        </p>
      )}

      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        className="flex-1 overflow-y-auto px-3 py-4 sm:px-4"
        data-testid="message-list"
        aria-live="polite"
      >
        {loadError && <p className="text-center text-sm text-red-600">{t("loadFailed")}</p>}
        {loaded && messages.length === 0 && pending.length === 0 && (
          <div className="flex h-full flex-col items-center justify-center gap-2 text-center text-stone-500">
            <span className="text-4xl">👋</span>
            <p>{t("empty", { channel: channel.name })}</p>
          </div>
        )}
        <ol className="flex flex-col">
          {messages.map((m, i) => {
            const prev = messages[i - 1];
            const grouped =
              prev !== undefined &&
              prev.author.id === m.author.id &&
              Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
            return <MessageRow key={m.id} message={m} grouped={grouped} />;
          })}
          {pending.map((p) => (
            <li key={p.clientId} className="group flex gap-3 py-0.5 pl-[52px]" data-testid="pending-message">
              <div className="min-w-0 flex-1">
                <p className={`break-words whitespace-pre-wrap ${p.state === "failed" ? "text-red-700" : "text-stone-400"}`}>{p.body}</p>
                <p className="text-xs text-stone-400">
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
        </ol>
      </div>

      <Composer channelName={channel.name} onSend={send} maxChars={LIMITS.messageMaxChars} />
    </main>
  );
}

function MessageRow({ message, grouped }: { message: ChatMessage; grouped: boolean }) {
  const format = useFormatter();
  const created = new Date(message.createdAt);
  const time = format.dateTime(created, { hour: "numeric", minute: "2-digit" });
  return (
    <li
      className={`group flex gap-3 rounded-md px-1 hover:bg-stone-50 ${grouped ? "py-0.5" : "mt-3 py-0.5"}`}
      data-testid="message"
      data-seq={message.seq}
    >
      <div className="w-10 shrink-0">
        {grouped ? (
          <time dateTime={message.createdAt} className="hidden pt-1 text-[10px] text-stone-400 group-hover:block">
            {time}
          </time>
        ) : (
          <Avatar name={message.author.name} image={message.author.image} size={40} />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {!grouped && (
          <p className="flex items-baseline gap-2">
            <span className="font-semibold text-stone-900" data-testid="message-author">
              {message.author.name}
            </span>
            <time
              dateTime={message.createdAt}
              className="text-xs text-stone-400"
              title={format.dateTime(created, { dateStyle: "long", timeStyle: "short" })}
            >
              {time}
            </time>
          </p>
        )}
        <p className="break-words whitespace-pre-wrap text-[15px] leading-relaxed text-stone-800" data-testid="message-body">
          {message.body}
        </p>
      </div>
    </li>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

function PeopleIcon() {
  return (
    <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5M16 4.5a3.5 3.5 0 0 1 0 7M18 14.7c2 .8 3.1 2.6 3.5 5.3" />
    </svg>
  );
}
