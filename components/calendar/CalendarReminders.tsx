"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { toastDone } from "@/components/ui/Toaster";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import type { CalendarReminder } from "@/lib/calendar";
import { addReminder } from "./reminder-store";

/** Listens for calendar reminders on every signed-in page: a toast, and the list on the calendar pages. */
export function CalendarReminders() {
  const { socket } = useRealtime();
  const t = useTranslations("calendar");
  const format = useZonedFormat();
  // The listener stays subscribed once; it reads the latest translations and zone through this.
  const text = useRef({ t, format });
  text.current = { t, format };
  useEffect(() => {
    if (!socket) return;
    const onReminder = (r: CalendarReminder) => {
      if (!addReminder(r)) return;
      const { t, format } = text.current;
      const start = new Date(r.start);
      const when =
        start.getTime() <= Date.now() + 60_000
          ? t("startsNow")
          : format(start, r.allDay ? { month: "short", day: "numeric" } : { hour: "numeric", minute: "2-digit" });
      toastDone(`${t("reminderToast", { title: r.title, when })} · ${r.spaceName}`);
    };
    socket.on("calendar:reminder", onReminder);
    return () => {
      socket.off("calendar:reminder", onReminder);
    };
  }, [socket]);
  return null;
}
