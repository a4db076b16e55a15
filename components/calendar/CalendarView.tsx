"use client";
import { ChevronLeft, ChevronRight, Plus } from "lucide-react";
import { useTimeZone, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { sendJson } from "@/lib/api-client";
import type { CalendarOccurrence } from "@/lib/calendar";
import { addDays, addMonths, dayKey, daysOf, lanes, minutesIn, monthGrid, spaceHue, startOfDayIn, weekDays } from "@/lib/calendar-grid";
import { EventDetails } from "./EventDetails";
import { EventForm, type FormTarget } from "./EventForm";

export type CalendarScope =
  | { kind: "space"; spaceId: string; spaceName: string; videoChannels: Array<{ id: string; name: string }> }
  | { kind: "personal"; spaces: Array<{ id: string; name: string }> };

type ViewName = "month" | "week" | "day" | "agenda";
const VIEWS: ViewName[] = ["month", "week", "day", "agenda"];
const HOUR_PX = 44;

/**
 * A calendar (a space's, or the personal one across every space): month, week and day grids in
 * CSS grid, and an agenda list (the phone's default). Times show in the viewer's zone; the
 * range on screen is read from the server and read again whenever `calendar:changed` says an
 * event of a space here changed. No calendar library: date arithmetic is lib/calendar-grid.ts.
 */
export function CalendarView({ scope, nowMs, header }: { scope: CalendarScope; nowMs: number; header: React.ReactNode }) {
  const t = useTranslations("calendar");
  const zone = useTimeZone()!;
  const format = useZonedFormat();
  const errorText = useErrorText();
  // The fetch below reads the latest translation without refetching when it changes identity.
  const errorTextRef = useRef(errorText);
  errorTextRef.current = errorText;
  const { socket } = useRealtime();
  const today = dayKey(new Date(nowMs), zone);
  const [view, setView] = useState<ViewName>("month");
  const [anchor, setAnchor] = useState(today);
  const [occurrences, setOccurrences] = useState<CalendarOccurrence[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<CalendarOccurrence | null>(null);
  const [form, setForm] = useState<FormTarget | null>(null);

  // Phones start on the agenda: a month grid of 390 px has no room for titles.
  useEffect(() => {
    if (window.matchMedia("(max-width: 639px)").matches) setView("agenda");
  }, []);

  const days = useMemo(() => {
    if (view === "month") return monthGrid(anchor);
    if (view === "week") return weekDays(anchor);
    if (view === "day") return [anchor];
    return Array.from({ length: 30 }, (_, i) => addDays(anchor, i));
  }, [view, anchor]);
  const from = startOfDayIn(days[0]!, zone);
  const to = startOfDayIn(addDays(days.at(-1)!, 1), zone);
  const base = scope.kind === "space" ? `/api/spaces/${scope.spaceId}/calendar` : "/api/calendar";
  const url = `${base}?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

  useEffect(() => {
    let live = true;
    setLoading(true);
    void sendJson<{ occurrences: CalendarOccurrence[] }>("GET", url).then((res) => {
      if (!live) return;
      setLoading(false);
      if (!res.ok) return setError(errorTextRef.current(res.error.code));
      setError(null);
      setOccurrences(res.occurrences);
    });
    return () => {
      live = false;
    };
  }, [url, version]);

  const spaceId = scope.kind === "space" ? scope.spaceId : null;
  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: { spaceId: string }) => {
      if (spaceId === null || e.spaceId === spaceId) setVersion((v) => v + 1);
    };
    socket.on("calendar:changed", onChanged);
    socket.on("connect", onChanged as () => void);
    return () => {
      socket.off("calendar:changed", onChanged);
      socket.off("connect", onChanged as () => void);
    };
  }, [socket, spaceId]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  // The open occurrence follows the live list (its counts, its edits); gone when cancelled.
  const openLive = open ? (occurrences.find((o) => o.eventId === open.eventId && o.occurrence === open.occurrence) ?? open) : null;

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarOccurrence[]>();
    for (const o of occurrences) for (const d of daysOf(o, zone)) map.set(d, [...(map.get(d) ?? []), o]);
    return map;
  }, [occurrences, zone]);

  function step(n: number) {
    if (view === "month") setAnchor(addMonths(anchor, n));
    else setAnchor(addDays(anchor, n * (view === "week" ? 7 : view === "day" ? 1 : 30)));
  }
  const anchorDate = startOfDayIn(anchor, zone);
  const title =
    view === "month"
      ? format(anchorDate, { year: "numeric", month: "long" })
      : view === "day"
        ? format(anchorDate, { month: "long", day: "numeric", weekday: "short" })
        : `${format(startOfDayIn(days[0]!, zone), { month: "short", day: "numeric" })} – ${format(startOfDayIn(days.at(-1)!, zone), { month: "short", day: "numeric" })}`;
  const timeOf = (o: CalendarOccurrence) => (o.allDay ? t("allDay") : format(new Date(o.start), { hour: "numeric", minute: "2-digit" }));
  const colour = (o: CalendarOccurrence) => (scope.kind === "personal" ? spaceStyle(o.spaceId) : undefined);
  const chip = (o: CalendarOccurrence, compact = false) => (
    <button
      key={`${o.eventId}:${o.occurrence}`}
      type="button"
      onClick={() => setOpen(o)}
      style={colour(o)}
      data-testid="calendar-chip"
      className={`${chipClass(o)} flex w-full min-w-0 items-center gap-1 rounded px-1 text-left text-xs leading-5`}
      title={`${timeOf(o)} ${o.title}`}
    >
      {!compact && !o.allDay && <span className="shrink-0 text-stone-500 tabular-nums">{timeOf(o)}</span>}
      <span className="min-w-0 truncate font-medium">{o.title}</span>
    </button>
  );

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" data-testid="calendar-view">
      {header}
      <div className="flex flex-wrap items-center gap-2 border-b border-stone-200 px-3 py-2 sm:px-4">
        <div className="flex items-center gap-1">
          <Button variant="secondary" className="h-9 px-3" onClick={() => setAnchor(today)}>
            {t("today")}
          </Button>
          <button
            type="button"
            aria-label={t("previous")}
            onClick={() => step(-1)}
            className="rounded-md p-2 text-stone-600 hover:bg-stone-100"
          >
            <ChevronLeft aria-hidden size={18} />
          </button>
          <button type="button" aria-label={t("next")} onClick={() => step(1)} className="rounded-md p-2 text-stone-600 hover:bg-stone-100">
            <ChevronRight aria-hidden size={18} />
          </button>
        </div>
        {/* On a phone the title takes its own row, above the buttons. */}
        <h2
          className="order-first min-w-0 basis-full truncate text-base font-bold sm:order-none sm:flex-1 sm:basis-auto"
          aria-live="polite"
          data-testid="calendar-title"
        >
          {title}
        </h2>
        <div role="group" aria-label={t("views")} className="flex rounded-lg bg-stone-100 p-0.5">
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`rounded-md px-2.5 py-1 text-sm ${view === v ? "bg-white font-semibold text-stone-900 shadow-sm" : "text-stone-600 hover:text-stone-900"}`}
            >
              {t(v)}
            </button>
          ))}
        </div>
        {scope.kind === "space" && (
          <Button
            className="ml-auto h-9 px-3 sm:ml-0"
            onClick={() => setForm({ kind: "new", day: anchor < today ? today : anchor })}
            aria-label={t("newEvent")}
            data-testid="calendar-new"
          >
            <Plus aria-hidden size={16} />
            <span className="hidden sm:inline">{t("newEvent")}</span>
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="bg-red-50 px-4 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="relative min-h-0 flex-1 overflow-y-auto" aria-busy={loading}>
        {view === "month" && (
          <MonthGrid
            days={days}
            month={anchor.slice(0, 7)}
            today={today}
            byDay={byDay}
            chip={chip}
            onDay={(d) => (setAnchor(d), setView("day"))}
          />
        )}
        {(view === "week" || view === "day") && (
          <TimeGrid days={days} today={today} byDay={byDay} zone={zone} colour={colour} timeOf={timeOf} onOpen={setOpen} chip={chip} />
        )}
        {view === "agenda" && (
          <Agenda
            days={days}
            today={today}
            byDay={byDay}
            timeOf={timeOf}
            colour={colour}
            onOpen={setOpen}
            showSpace={scope.kind === "personal"}
          />
        )}
      </div>
      {openLive && (
        <EventDetails
          occurrence={openLive}
          nowMs={Date.now()}
          onClose={() => setOpen(null)}
          onEdit={(o) => (setOpen(null), setForm({ kind: "edit", occurrence: o }))}
          onChanged={reload}
        />
      )}
      {form && scope.kind === "space" && (
        <EventForm
          spaceId={scope.spaceId}
          videoChannels={scope.videoChannels}
          target={form}
          onClose={() => setForm(null)}
          onSaved={reload}
        />
      )}
      {form && scope.kind === "personal" && form.kind === "edit" && (
        <EventForm
          spaceId={form.occurrence.spaceId}
          videoChannels={form.occurrence.videoChannel ? [form.occurrence.videoChannel] : []}
          target={form}
          onClose={() => setForm(null)}
          onSaved={reload}
        />
      )}
    </main>
  );
}

const KIND_BORDER = { event: "border-brand-500", deadline: "border-amber-500", exam: "border-red-500" } as const;
const KIND_FILL = { event: "bg-brand-50", deadline: "bg-amber-50", exam: "bg-red-50" } as const;

/** An occurrence's chip: tinted by its kind (deadlines amber, exams red), bordered on the left. */
const chipClass = (o: CalendarOccurrence) =>
  `border-l-[3px] ${KIND_BORDER[o.kind]} ${KIND_FILL[o.kind]} text-stone-900 hover:brightness-95`;

/** In the personal calendar each space has its hue: its border and a faint fill over whichever theme. */
export function spaceStyle(spaceId: string): React.CSSProperties {
  const h = spaceHue(spaceId);
  return { borderLeftColor: `hsl(${h} 65% 50%)`, backgroundColor: `hsl(${h} 70% 50% / 0.14)` };
}

function useWeekdayNames() {
  const format = useZonedFormat();
  // 2026-03-01 is a Sunday; noon UTC keeps the day whatever the viewer's zone.
  return Array.from({ length: 7 }, (_, i) => format(new Date(Date.UTC(2026, 2, 1 + i, 12)), { weekday: "short" }));
}

function MonthGrid({
  days,
  month,
  today,
  byDay,
  chip,
  onDay,
}: {
  days: string[];
  month: string;
  today: string;
  byDay: Map<string, CalendarOccurrence[]>;
  chip: (o: CalendarOccurrence, compact?: boolean) => React.ReactNode;
  onDay: (day: string) => void;
}) {
  const t = useTranslations("calendar");
  const names = useWeekdayNames();
  const format = useZonedFormat();
  const zone = useTimeZone()!;
  return (
    <div className="flex h-full min-h-[520px] flex-col" data-testid="calendar-month">
      <div className="grid grid-cols-7 border-b border-stone-200 text-center text-xs font-medium text-stone-500">
        {names.map((n, i) => (
          <div key={n} className={`py-1.5 ${i === 0 ? "text-red-600" : ""}`}>
            {n}
          </div>
        ))}
      </div>
      <div className="grid flex-1 grid-cols-7 grid-rows-6">
        {days.map((d) => {
          const items = byDay.get(d) ?? [];
          const inMonth = d.startsWith(month);
          return (
            <div
              key={d}
              className={`flex min-w-0 flex-col gap-0.5 border-r border-b border-stone-100 p-0.5 sm:p-1 ${inMonth ? "" : "bg-stone-50"}`}
              data-day={d}
            >
              <button
                type="button"
                onClick={() => onDay(d)}
                aria-label={t("eventsOn", { date: format(startOfDayIn(d, zone), { month: "long", day: "numeric", weekday: "short" }) })}
                className={`self-start rounded-full px-1.5 text-xs tabular-nums ${d === today ? "bg-brand-500 font-bold text-white" : inMonth ? "text-stone-700 hover:bg-stone-100" : "text-stone-400"}`}
              >
                {Number(d.slice(8))}
              </button>
              {items.slice(0, 3).map((o) => chip(o, true))}
              {items.length > 3 && (
                <button
                  type="button"
                  onClick={() => onDay(d)}
                  className="truncate px-1 text-left text-[11px] text-stone-500 hover:underline"
                >
                  {t("more", { count: items.length - 3 })}
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function TimeGrid({
  days,
  today,
  byDay,
  zone,
  colour,
  timeOf,
  onOpen,
  chip,
}: {
  days: string[];
  today: string;
  byDay: Map<string, CalendarOccurrence[]>;
  zone: string;
  colour: (o: CalendarOccurrence) => React.CSSProperties | undefined;
  timeOf: (o: CalendarOccurrence) => string;
  onOpen: (o: CalendarOccurrence) => void;
  chip: (o: CalendarOccurrence, compact?: boolean) => React.ReactNode;
}) {
  const t = useTranslations("calendar");
  const format = useZonedFormat();
  const cols = { gridTemplateColumns: `3rem repeat(${days.length}, minmax(0, 1fr))` };
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <div data-testid={days.length === 1 ? "calendar-day" : "calendar-week"}>
      <div className="sticky top-0 z-10 grid border-b border-stone-200 bg-white" style={cols}>
        <div />
        {days.map((d) => (
          <div key={d} className={`truncate py-1.5 text-center text-xs ${d === today ? "font-bold text-brand-600" : "text-stone-600"}`}>
            {days.length === 1 ? (
              format(startOfDayIn(d, zone), { weekday: "long", month: "short", day: "numeric" })
            ) : (
              // Weekday over the date: seven columns of a phone have room for neither side by side.
              <>
                <span className="block">{format(startOfDayIn(d, zone), { weekday: "short" })}</span>
                <span className="block text-sm tabular-nums">{Number(d.slice(8))}</span>
              </>
            )}
          </div>
        ))}
        <div className="self-center pr-1 text-right text-[10px] text-stone-500">{t("allDay")}</div>
        {days.map((d) => (
          <div key={d} className="flex min-w-0 flex-col gap-0.5 border-l border-stone-100 p-0.5">
            {(byDay.get(d) ?? []).filter((o) => o.allDay).map((o) => chip(o, true))}
          </div>
        ))}
      </div>
      <div className="relative grid" style={cols}>
        <div>
          {hours.map((h) => (
            <div key={h} style={{ height: HOUR_PX }} className="-translate-y-2 pr-1 text-right text-[10px] text-stone-500 tabular-nums">
              {h === 0 ? "" : `${String(h).padStart(2, "0")}:00`}
            </div>
          ))}
        </div>
        {days.map((d) => {
          const dayStart = startOfDayIn(d, zone).getTime();
          const dayEnd = startOfDayIn(addDays(d, 1), zone).getTime();
          const timed = (byDay.get(d) ?? []).filter((o) => !o.allDay);
          return (
            <div key={d} className="relative border-l border-stone-100" style={{ height: HOUR_PX * 24 }}>
              {hours.map((h) => (
                <div key={h} className="border-b border-stone-100" style={{ height: HOUR_PX }} />
              ))}
              {lanes(timed).map(({ item: o, lane, of }) => {
                const s = Math.max(Date.parse(o.start), dayStart);
                const e = Math.min(Math.max(Date.parse(o.end), Date.parse(o.start) + 20 * 60_000), dayEnd);
                const top = s === dayStart ? 0 : (minutesIn(new Date(s), zone) / 60) * HOUR_PX;
                const height = Math.max(((e - s) / 3_600_000) * HOUR_PX, 18);
                return (
                  <button
                    key={`${o.eventId}:${o.occurrence}`}
                    type="button"
                    onClick={() => onOpen(o)}
                    style={{ ...colour(o), top, height, left: `${(lane / of) * 100}%`, width: `${100 / of}%` }}
                    data-testid="calendar-block"
                    className={`${chipClass(o)} absolute flex flex-col justify-start overflow-hidden rounded px-1 py-0.5 text-left text-[11px] leading-tight`}
                  >
                    <span className="block truncate font-semibold">{o.title}</span>
                    {height >= 34 && <span className="block truncate text-stone-600 tabular-nums">{timeOf(o)}</span>}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Agenda({
  days,
  today,
  byDay,
  timeOf,
  colour,
  onOpen,
  showSpace,
}: {
  days: string[];
  today: string;
  byDay: Map<string, CalendarOccurrence[]>;
  timeOf: (o: CalendarOccurrence) => string;
  colour: (o: CalendarOccurrence) => React.CSSProperties | undefined;
  onOpen: (o: CalendarOccurrence) => void;
  showSpace: boolean;
}) {
  const t = useTranslations("calendar");
  const format = useZonedFormat();
  const zone = useTimeZone()!;
  const withItems = days.filter((d) => (byDay.get(d) ?? []).length > 0);
  if (withItems.length === 0) return <p className="px-4 py-10 text-center text-sm text-stone-500">{t("empty")}</p>;
  return (
    <ol className="flex flex-col" data-testid="calendar-agenda">
      {withItems.map((d) => (
        <li key={d} className="border-b border-stone-100">
          <h3 className={`sticky top-0 bg-stone-50 px-4 py-1.5 text-xs font-semibold ${d === today ? "text-brand-600" : "text-stone-600"}`}>
            {format(startOfDayIn(d, zone), { month: "long", day: "numeric", weekday: "short" })}
          </h3>
          <ul>
            {(byDay.get(d) ?? []).map((o) => (
              <li key={`${o.eventId}:${o.occurrence}`}>
                <button
                  type="button"
                  onClick={() => onOpen(o)}
                  style={colour(o) ? { borderLeftColor: colour(o)!.borderLeftColor } : undefined}
                  data-testid="calendar-agenda-item"
                  className={`border-l-4 ${KIND_BORDER[o.kind]} flex w-full min-w-0 items-start gap-3 px-4 py-2.5 text-left hover:bg-stone-50`}
                >
                  <span className="w-20 shrink-0 text-sm whitespace-nowrap text-stone-600 tabular-nums">{timeOf(o)}</span>
                  <span className="min-w-0 flex-1">
                    <span className="block text-[15px] font-medium break-words">{o.title}</span>
                    <span className="block truncate text-xs text-stone-500">
                      {[
                        showSpace ? o.spaceName : null,
                        o.kind !== "event" ? t(`kind_${o.kind}`) : null,
                        o.videoChannel ? `#${o.videoChannel.name}` : o.location || null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </span>
                  {o.rsvp.going > 0 && (
                    <span className="shrink-0 text-xs text-stone-500">
                      {t("going")} {o.rsvp.going}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
