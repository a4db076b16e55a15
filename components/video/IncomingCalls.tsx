"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import type { UserSummary } from "@/lib/realtime/contract";

interface Ringing {
  channelId: string;
  caller: UserSummary;
  name: string;
}

/**
 * Incoming-call bars for dms and group chats, on every signed-in screen: join or decline.
 * AppShell puts them above the screen, so they push it down rather than cover it.
 */
export function IncomingCalls({ myId }: { myId: string }) {
  const t = useTranslations("video");
  const { socket } = useRealtime();
  const router = useRouter();
  const [ringing, setRinging] = useState<Ringing[]>([]);

  useEffect(() => {
    if (!socket) return;
    const onIncoming = (call: Ringing) => {
      if (call.caller.id === myId) return;
      setRinging((list) => [...list.filter((c) => c.channelId !== call.channelId), call]);
    };
    const onEnded = ({ channelId }: { channelId: string }) => setRinging((list) => list.filter((c) => c.channelId !== channelId));
    // A call that ended while the connection was down never sends its call:ended here.
    const onReconnect = () => setRinging([]);
    socket.on("call:incoming", onIncoming);
    socket.on("call:ended", onEnded);
    socket.io.on("reconnect", onReconnect);
    return () => {
      socket.off("call:incoming", onIncoming);
      socket.off("call:ended", onEnded);
      socket.io.off("reconnect", onReconnect);
    };
  }, [socket, myId]);

  if (ringing.length === 0) return null;
  const dismiss = (channelId: string) => setRinging((list) => list.filter((c) => c.channelId !== channelId));
  return (
    // In the page's flow above the screen, not over it: the chat list, the header and the
    // messages move down and stay usable while it rings (phone and desktop alike).
    <div className="dark-surface flex shrink-0 flex-col divide-y divide-stone-700 bg-stone-900 text-white" data-testid="incoming-calls">
      {ringing.map((call) => {
        // A dm rings with the caller's name; a group with the group's.
        const title = call.name === call.caller.name ? t("incoming", { name: call.caller.name }) : t("incomingGroup", { name: call.name });
        return (
          <section
            key={call.channelId}
            aria-label={title}
            data-testid="incoming-call"
            className="flex items-center gap-3 px-3 py-2 sm:px-4"
          >
            <span className="shrink-0 animate-pulse rounded-full ring-4 ring-emerald-500/60">
              <Avatar name={call.caller.name} image={call.caller.image} size={32} />
            </span>
            <p role="alert" className="min-w-0 flex-1 truncate text-sm font-semibold">
              {title}
            </p>
            <button
              type="button"
              className="h-9 shrink-0 rounded-lg bg-stone-700 px-3 text-sm font-semibold text-white hover:bg-stone-600"
              onClick={() => {
                dismiss(call.channelId);
                if (socket) void request(socket, "call:decline", { channelId: call.channelId });
              }}
            >
              {t("decline")}
            </button>
            <Button
              className="h-9 shrink-0 bg-emerald-500 px-3 hover:bg-emerald-600"
              onClick={() => {
                dismiss(call.channelId);
                router.push(`/chats/${call.channelId}?call=1`);
              }}
            >
              {t("accept")}
            </Button>
          </section>
        );
      })}
    </div>
  );
}
