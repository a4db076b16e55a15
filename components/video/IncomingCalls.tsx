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

/** Incoming-call banners for dms and group chats, on every screen: join or decline. */
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
    <div className="fixed top-3 right-3 left-3 z-50 flex flex-col items-end gap-2 sm:left-auto">
      {ringing.map((call) => {
        // A dm rings with the caller's name; a group with the group's.
        const title = call.name === call.caller.name ? t("incoming", { name: call.caller.name }) : t("incomingGroup", { name: call.name });
        return (
          <div
            key={call.channelId}
            role="alertdialog"
            aria-label={title}
            data-testid="incoming-call"
            className="flex w-full items-center gap-3 rounded-2xl bg-stone-900 p-3 text-white shadow-xl sm:w-96"
          >
            <span className="animate-pulse rounded-full ring-4 ring-emerald-500/60">
              <Avatar name={call.caller.name} image={call.caller.image} size={44} />
            </span>
            <p className="min-w-0 flex-1 truncate text-sm font-semibold">{title}</p>
            <button
              type="button"
              className="h-9 rounded-lg bg-stone-700 px-3 text-sm font-semibold text-white hover:bg-stone-600"
              onClick={() => {
                dismiss(call.channelId);
                if (socket) void request(socket, "call:decline", { channelId: call.channelId });
              }}
            >
              {t("decline")}
            </button>
            <Button
              className="h-9 bg-emerald-500 px-3 hover:bg-emerald-600"
              onClick={() => {
                dismiss(call.channelId);
                router.push(`/chats/${call.channelId}?call=1`);
              }}
            >
              {t("accept")}
            </Button>
          </div>
        );
      })}
    </div>
  );
}
