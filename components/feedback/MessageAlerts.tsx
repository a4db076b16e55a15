"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { Button } from "@/components/ui/Button";
import { loadMarkdown } from "@/components/chat/useMarkdown";
import type { ChatMessage } from "@/lib/realtime/contract";
import { notifyPermission, readAlertSettings, updateAlertSettings, useAlertSettings } from "./alertSettings";
import { useUnread } from "./UnreadProvider";

const SOUND_URL = "/sounds/message.wav";
/** A burst of messages chimes once. */
const SOUND_GAP_MS = 1500;

interface Alert {
  channelId: string;
  spaceId: string | null;
  title: string;
  body: string;
  /** Where a click on the notification goes. */
  href: string;
}

/**
 * What a new message does while the app is open: a sound (if chosen), a desktop notification
 * (if chosen and allowed), except for the chat the reader is looking at in a focused tab or a
 * muted one. The permission is asked for only from a click: on the prompt shown after the
 * user's first message here, or in the account menu — never on load.
 */
export function MessageAlerts({ myId, spaceNames }: { myId: string; spaceNames: Record<string, string> }) {
  const t = useTranslations("feedback.alerts");
  const { socket } = useRealtime();
  const router = useRouter();
  const { conversations } = useUnread();
  const settings = useAlertSettings();
  const [prompt, setPrompt] = useState(false);
  const context = useRef({ conversations, spaceNames, router, t });
  context.current = { conversations, spaceNames, router, t };
  const lastSound = useRef(0);

  useEffect(() => {
    if (!socket) return;
    const alert = (a: Alert) => {
      const settings = readAlertSettings();
      if (settings.sound && Date.now() - lastSound.current > SOUND_GAP_MS) {
        lastSound.current = Date.now();
        // Refused before the page's first click (autoplay rules): that message stays silent.
        void new Audio(SOUND_URL).play().catch(() => undefined);
      }
      if (!settings.notify || notifyPermission() !== "granted") return;
      const n = new Notification(a.title, { body: a.body, tag: a.channelId, icon: "/icon.svg" });
      n.onclick = () => {
        window.focus();
        context.current.router.push(a.href);
        n.close();
      };
    };
    const offerPrompt = () => {
      const s = readAlertSettings();
      if (!s.notify && !s.promptDismissed && notifyPermission() === "default") setPrompt(true);
    };
    const conversation = (channelId: string) => context.current.conversations?.find((c) => c.id === channelId);

    // Channels other than the one on screen (its sockets are left out of channel:activity).
    const onActivity = (e: { spaceId: string | null; channelId: string; authorId: string }) => {
      if (e.authorId === myId) return offerPrompt();
      const chat = e.spaceId === null ? conversation(e.channelId) : undefined;
      if (chat?.muted) return;
      const title = chat?.name ?? (e.spaceId ? context.current.spaceNames[e.spaceId] : undefined) ?? context.current.t("newMessage");
      alert({
        channelId: e.channelId,
        spaceId: e.spaceId,
        title,
        body: context.current.t("newMessage"),
        href: e.spaceId ? `/spaces/${e.spaceId}/${e.channelId}` : `/chats/${e.channelId}`,
      });
    };
    // The chat on screen: only when the reader is not looking (another tab or window in front).
    const onMessage = (m: ChatMessage) => {
      if (m.author.id === myId) return offerPrompt();
      if (m.system || (document.visibilityState === "visible" && document.hasFocus())) return;
      const chat = conversation(m.channelId);
      if (chat?.muted) return;
      const names = new Map(chat?.members.map((u) => [u.id, u.name]));
      const href = window.location.pathname;
      // The parser is in by now on any page that shows messages; this only waits for it if not.
      void loadMarkdown().then((markdown) =>
        alert({
          channelId: m.channelId,
          spaceId: null,
          title: chat && chat.kind === "group" ? `${m.author.name} · ${chat.name}` : m.author.name,
          body: markdown.plainText(m.body, (id) => names.get(id)).slice(0, 140),
          href,
        }),
      );
    };
    socket.on("channel:activity", onActivity);
    socket.on("message:new", onMessage);
    return () => {
      socket.off("channel:activity", onActivity);
      socket.off("message:new", onMessage);
    };
  }, [socket, myId]);

  if (!prompt || settings.notify || settings.promptDismissed) return null;
  return (
    // A bar at the top of the screen that pushes it down, like the incoming-call bar: a
    // floating card would cover the header and the first messages. A labelled section, not an
    // <aside>: the space sidebar is the screen's complementary landmark.
    <section
      aria-labelledby="notify-prompt-title"
      className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-brand-200 bg-brand-50 px-3 py-2 sm:px-4"
      data-testid="notify-prompt"
    >
      <div className="min-w-0 flex-1">
        <h2 id="notify-prompt-title" className="text-sm font-bold text-stone-900">
          {t("promptTitle")}
        </h2>
        <p className="text-xs text-stone-600">{t("promptBody")}</p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            updateAlertSettings({ promptDismissed: true });
            setPrompt(false);
          }}
        >
          {t("promptDismiss")}
        </Button>
        <Button
          onClick={() => {
            void Notification.requestPermission().then((p) => {
              updateAlertSettings(p === "granted" ? { notify: true } : { promptDismissed: true });
              setPrompt(false);
            });
          }}
        >
          {t("promptEnable")}
        </Button>
      </div>
    </section>
  );
}
