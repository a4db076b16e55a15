"use client";
import { MapPin, Repeat, Video } from "lucide-react";
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { toastDone } from "@/components/ui/Toaster";
import { useErrorText } from "@/components/ui/useErrorText";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { postJson, sendJson } from "@/lib/api-client";
import { RSVP_ANSWERS, type CalendarOccurrence, type EditScope, type RsvpAnswer, type RsvpPerson } from "@/lib/calendar";
import { dayKey, daysUntil, keyOf } from "@/lib/calendar-grid";
import { ScopeChoice } from "./EventForm";

/** "Join" opens this long before the start, and stays until the end. */
const JOIN_EARLY_MS = 10 * 60_000;

/** One occurrence: when (in the viewer's zone, and the event's own if it differs), where, RSVPs, join, edit. */
export function EventDetails({
  occurrence: o,
  nowMs,
  onClose,
  onEdit,
  onChanged,
}: {
  occurrence: CalendarOccurrence;
  nowMs: number;
  onClose: () => void;
  onEdit: (o: CalendarOccurrence) => void;
  onChanged: () => void;
}) {
  const t = useTranslations("calendar");
  const format = useZonedFormat();
  const zone = useTimeZone()!;
  const errorText = useErrorText();
  const [people, setPeople] = useState<RsvpPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [scope, setScope] = useState<EditScope>(o.repeat ? "one" : "all");
  const start = new Date(o.start);
  const end = new Date(o.end);
  const mine = o.rsvp.mine;

  useEffect(() => {
    let live = true;
    void sendJson<{ people: RsvpPerson[] }>("GET", `/api/calendar/events/${o.eventId}/rsvp?occurrence=${o.occurrence}`).then((res) => {
      if (live && res.ok) setPeople(res.people);
    });
    return () => {
      live = false;
    };
  }, [o.eventId, o.occurrence, o.rsvp.going, o.rsvp.maybe, o.rsvp.no]);

  async function answer(a: RsvpAnswer) {
    const res = await postJson(`/api/calendar/events/${o.eventId}/rsvp`, { occurrence: o.occurrence, answer: mine === a ? null : a });
    if (!res.ok) return setError(errorText(res.error.code));
    setError(null);
    onChanged();
  }

  async function cancel() {
    const q = o.repeat ? `?scope=${scope}&occurrence=${o.occurrence}` : "";
    const res = await sendJson("DELETE", `/api/calendar/events/${o.eventId}${q}`);
    if (!res.ok) return setError(errorText(res.error.code));
    toastDone(t("deleted"));
    onChanged();
    onClose();
  }

  const when = o.allDay
    ? [keyOf(start), keyOf(new Date(end.getTime() - 1))]
        .filter((d, i, all) => i === 0 || d !== all[0])
        // Noon UTC of the date reads as that date in every zone people live in.
        .map((d) => format(new Date(`${d}T12:00:00Z`), { month: "long", day: "numeric", weekday: "short" }))
        .join(" – ")
    : `${format(start, { month: "long", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit" })} – ${format(end, dayKey(start, zone) === dayKey(end, zone) ? { hour: "numeric", minute: "2-digit" } : { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}`;
  const ownZone = !o.allDay && o.timeZone !== zone ? t("inZone", { time: zonedTime(start, o.timeZone), zone: o.timeZone }) : null;
  const dDays = o.kind !== "event" ? daysUntil(o.allDay ? keyOf(start) : dayKey(start, zone), dayKey(new Date(nowMs), zone)) : null;
  const joinable = nowMs >= start.getTime() - JOIN_EARLY_MS && nowMs <= end.getTime();

  return (
    <Dialog open onOpenChange={(v) => !v && onClose()} title={o.title} description={`${o.spaceName} · ${t(`kind_${o.kind}`)}`}>
      <div className="flex flex-col gap-3 text-sm" data-testid="event-details">
        <p className="font-medium text-stone-800" data-testid="event-when">
          {when}
          {dDays !== null && dDays >= 0 && (
            <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-bold text-red-700">
              {dDays === 0 ? t("dtoday") : t("dday", { days: dDays })}
            </span>
          )}
        </p>
        {ownZone && <p className="text-xs text-stone-500">{ownZone}</p>}
        {o.repeat && (
          <p className="flex items-center gap-1.5 text-stone-600">
            <Repeat aria-hidden size={14} /> {t("repeats")}
            {o.changed && <span className="text-xs text-stone-500">· {t("changedOne")}</span>}
          </p>
        )}
        {o.location && (
          <p className="flex items-center gap-1.5 break-words text-stone-700">
            <MapPin aria-hidden size={14} className="shrink-0" /> {o.location}
          </p>
        )}
        {o.videoChannel && (
          <div className="flex items-center gap-2">
            <Video aria-hidden size={14} className="shrink-0 text-stone-600" />
            <span className="min-w-0 flex-1 truncate">#{o.videoChannel.name}</span>
            {joinable ? (
              <Link
                href={`/spaces/${o.spaceId}/${o.videoChannel.id}`}
                className="rounded-lg bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-700"
                data-testid="event-join"
              >
                {t("join")}
              </Link>
            ) : (
              <span className="text-xs text-stone-500">{t("joinSoon")}</span>
            )}
          </div>
        )}
        {o.description && <p className="whitespace-pre-wrap break-words text-stone-700">{o.description}</p>}
        <section aria-label={t("rsvp")} className="flex flex-col gap-2 border-t border-stone-200 pt-3">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{t("rsvp")}</span>
            {RSVP_ANSWERS.map((a) => (
              <button
                key={a}
                type="button"
                aria-pressed={mine === a}
                onClick={() => void answer(a)}
                data-testid={`rsvp-${a}`}
                className={`rounded-full px-3 py-1 text-sm ring-1 ${mine === a ? "bg-brand-500 font-semibold text-white ring-brand-500" : "text-stone-700 ring-stone-300 hover:bg-stone-100"}`}
              >
                {t(a)}
              </button>
            ))}
          </div>
          <p className="text-stone-600" data-testid="rsvp-counts">
            {t("rsvpCounts", { going: o.rsvp.going, maybe: o.rsvp.maybe, no: o.rsvp.no })}
          </p>
          {people && people.length > 0 && (
            <ul className="flex flex-wrap gap-1.5" aria-label={t("who")}>
              {people.map((p) => (
                <li key={p.id} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                  {p.name} · {t(p.answer)}
                </li>
              ))}
            </ul>
          )}
        </section>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {o.canEdit && !confirming && (
          <div className="flex justify-end gap-2 border-t border-stone-200 pt-3">
            <Button variant="ghost" onClick={() => setConfirming(true)}>
              {t("delete")}
            </Button>
            <Button variant="secondary" onClick={() => onEdit(o)} data-testid="event-edit">
              {t("editEvent")}
            </Button>
          </div>
        )}
        {confirming && (
          <div className="flex flex-col gap-2 border-t border-stone-200 pt-3">
            <p>{t("deleteConfirm")}</p>
            {o.repeat && <ScopeChoice value={scope} onChange={setScope} />}
            <div className="flex justify-end gap-2">
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                {t("cancel")}
              </Button>
              <Button onClick={() => void cancel()} className="bg-red-600 hover:bg-red-700">
                {t("delete")}
              </Button>
            </div>
          </div>
        )}
      </div>
    </Dialog>
  );
}

function zonedTime(at: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", month: "short", day: "numeric" }).format(
    at,
  );
}
