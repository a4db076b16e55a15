"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { toastDone } from "@/components/ui/Toaster";

/**
 * Wherever the user is, a decided join request says so; an approval re-reads the page so the
 * rail shows the space they are now in. (After a reload the directory card tells the same.)
 */
export function StudyDecisions() {
  const t = useTranslations("study");
  const { socket } = useRealtime();
  const router = useRouter();
  useEffect(() => {
    if (!socket) return;
    const onDecided = (e: { spaceName: string; approved: boolean }) => {
      toastDone(t(e.approved ? "approved" : "declined", { name: e.spaceName }));
      if (e.approved) router.refresh();
    };
    socket.on("study:requestDecided", onDecided);
    return () => void socket.off("study:requestDecided", onDecided);
  }, [socket, router, t]);
  return null;
}
