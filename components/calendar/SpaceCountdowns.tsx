"use client";
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { sendJson } from "@/lib/api-client";
import type { CalendarOccurrence } from "@/lib/calendar";
import { dayKey, daysUntil, keyOf } from "@/lib/calendar-grid";

const AHEAD_MS = 90 * 86_400_000;

/**
 * The space's next deadlines and exams as D-day countdowns, under its calendar link (the top of
 * the space on every page of it); at most three, read again when the calendar changes.
 */
export function SpaceCountdowns({ spaceId }: { spaceId: string }) {
  const t = useTranslations("calendar");
  const zone = useTimeZone()!;
  const { socket } = useRealtime();
  const [items, setItems] = useState<CalendarOccurrence[]>([]);
  const [version, setVersion] = useState(0);
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const at = Date.now();
    const from = new Date(at - 86_400_000).toISOString();
    const to = new Date(at + AHEAD_MS).toISOString();
    void sendJson<{ occurrences: CalendarOccurrence[] }>(
      "GET",
      `/api/spaces/${spaceId}/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    ).then((res) => {
      if (!live || !res.ok) return;
      setNow(at);
      setItems(res.occurrences.filter((o) => o.kind !== "event").slice(0, 3));
    });
    return () => {
      live = false;
    };
  }, [spaceId, version]);

  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: { spaceId: string }) => e.spaceId === spaceId && setVersion((v) => v + 1);
    socket.on("calendar:changed", onChanged);
    return () => {
      socket.off("calendar:changed", onChanged);
    };
  }, [socket, spaceId]);

  const today = now === null ? null : dayKey(new Date(now), zone);
  const shown =
    today === null
      ? []
      : items
          .map((o) => ({ o, days: daysUntil(o.allDay ? keyOf(new Date(o.start)) : dayKey(new Date(o.start), zone), today) }))
          .filter((x) => x.days >= 0);
  if (shown.length === 0) return <div className="mb-2" />;
  return (
    <ul className="mb-3 flex flex-col gap-0.5 px-2 pt-0.5" aria-label={t("upcoming")} data-testid="space-countdowns">
      {shown.map(({ o, days }) => (
        <li key={`${o.eventId}:${o.occurrence}`}>
          <Link
            href={`/spaces/${spaceId}/calendar`}
            className="flex min-w-0 items-center gap-1.5 rounded px-1 py-0.5 text-xs hover:bg-stone-200"
          >
            <span
              className={`shrink-0 rounded px-1 font-bold tabular-nums ${o.kind === "exam" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-700"}`}
            >
              {days === 0 ? t("dtoday") : t("dday", { days })}
            </span>
            <span className="min-w-0 truncate text-stone-700">{o.title}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
