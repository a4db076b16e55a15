"use client";
import { TZDate } from "@date-fns/tz";
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { SelectField } from "@/components/spaces/SelectField";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { toastDone } from "@/components/ui/Toaster";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson, sendJson } from "@/lib/api-client";
import {
  CALENDAR_LIMITS,
  EVENT_KINDS,
  REMINDER_CHOICES,
  WEEKDAYS,
  type CalendarOccurrence,
  type EditScope,
  type EventKind,
  type RepeatInput,
  type Weekday,
} from "@/lib/calendar";
import { keyOf } from "@/lib/calendar-grid";

export type FormTarget = { kind: "new"; day: string } | { kind: "edit"; occurrence: CalendarOccurrence };

const ZONES = ["Asia/Seoul", "Asia/Tokyo", "UTC", "Europe/London", "America/New_York", "America/Los_Angeles"];
type RepeatChoice = "none" | "daily" | "weekly" | "biweekly" | "monthly";
type EndsChoice = "never" | "until" | "count";

/** The wall clock of an instant in a zone: ["2026-03-02", "19:00"]. */
function wallOf(iso: string, zone: string): [string, string] {
  const z = new TZDate(Date.parse(iso), zone);
  const p = (n: number) => String(n).padStart(2, "0");
  return [`${z.getFullYear()}-${p(z.getMonth() + 1)}-${p(z.getDate())}`, `${p(z.getHours())}:${p(z.getMinutes())}`];
}

function repeatChoiceOf(r: RepeatInput | null): RepeatChoice {
  if (!r) return "none";
  if (r.freq === "weekly") return r.interval === 2 ? "biweekly" : "weekly";
  return r.freq;
}

/** Add or change an event: its times are entered on the wall clock of its zone (the viewer's by default). */
export function EventForm({
  spaceId,
  videoChannels,
  target,
  onClose,
  onSaved,
}: {
  spaceId: string;
  videoChannels: Array<{ id: string; name: string }>;
  target: FormTarget;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("calendar");
  const viewerZone = useTimeZone()!;
  const locale = useLocale();
  const errorText = useErrorText();
  const editing = target.kind === "edit" ? target.occurrence : null;
  const zone0 = editing?.timeZone ?? viewerZone;
  const [startDay0, startTime0] = editing
    ? editing.allDay
      ? [keyOf(new Date(editing.start)), "19:00"]
      : wallOf(editing.start, zone0)
    : [target.kind === "new" ? target.day : "", "19:00"];
  const [endDay0, endTime0] = editing
    ? editing.allDay
      ? [keyOf(new Date(Date.parse(editing.end) - 1)), "21:00"]
      : wallOf(editing.end, zone0)
    : [startDay0, "21:00"];
  const [title, setTitle] = useState(editing?.title ?? "");
  const [kind, setKind] = useState<EventKind>(editing?.kind ?? "event");
  const [allDay, setAllDay] = useState(editing?.allDay ?? false);
  const [startDay, setStartDay] = useState(startDay0);
  const [startTime, setStartTime] = useState(startTime0);
  const [endDay, setEndDay] = useState(endDay0);
  const [endTime, setEndTime] = useState(endTime0);
  const [zone, setZone] = useState(zone0);
  const [location, setLocation] = useState(editing?.location ?? "");
  const [video, setVideo] = useState(editing?.videoChannel?.id ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [reminder, setReminder] = useState(editing ? String(editing.reminderMinutes ?? "") : "10");
  const [repeat, setRepeat] = useState<RepeatChoice>(repeatChoiceOf(editing?.repeat ?? null));
  const [weekdays, setWeekdays] = useState<Weekday[]>(editing?.repeat?.weekdays ?? []);
  const [ends, setEnds] = useState<EndsChoice>(editing?.repeat?.until ? "until" : editing?.repeat?.count ? "count" : "never");
  const [until, setUntil] = useState(editing?.repeat?.until ?? "");
  const [count, setCount] = useState(String(editing?.repeat?.count ?? 10));
  const [scope, setScope] = useState<EditScope>(editing?.repeat ? "one" : "all");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const descriptionId = useId();
  const zones = [...new Set([zone0, viewerZone, ...ZONES])];
  const onlyThis = editing?.repeat && scope === "one";

  function repeatInput(): RepeatInput | null {
    if (repeat === "none") return null;
    const r: RepeatInput = { freq: repeat === "biweekly" ? "weekly" : repeat, interval: repeat === "biweekly" ? 2 : 1 };
    if ((repeat === "weekly" || repeat === "biweekly") && weekdays.length) r.weekdays = weekdays;
    if (ends === "until" && until) r.until = until;
    if (ends === "count") r.count = Number(count);
    return r;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const start = allDay ? startDay : `${startDay}T${startTime}`;
    const end = allDay ? endDay : `${endDay}T${endTime}`;
    const body = onlyThis
      ? { scope, occurrence: editing!.occurrence, title, description, location, start, end }
      : {
          ...(editing ? { scope, occurrence: editing.occurrence } : {}),
          title,
          kind,
          allDay,
          start,
          end,
          timeZone: zone,
          location,
          videoChannelId: video || null,
          description,
          reminderMinutes: reminder === "" ? null : Number(reminder),
          repeat: repeatInput(),
        };
    const res = editing
      ? await sendJson("PATCH", `/api/calendar/events/${editing.eventId}`, body)
      : await postJson(`/api/spaces/${spaceId}/calendar`, body);
    setBusy(false);
    if (!res.ok) return setError(errorText(res.error.code));
    toastDone(t("saved"));
    onSaved();
    onClose();
  }

  const weekly = repeat === "weekly" || repeat === "biweekly";
  return (
    <Dialog open onOpenChange={(v) => !v && onClose()} title={editing ? t("editEvent") : t("newEvent")}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" data-testid="event-form">
        {editing?.repeat && <ScopeChoice value={scope} onChange={setScope} />}
        <Field
          label={t("fieldTitle")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={CALENDAR_LIMITS.titleMaxChars}
          name="title"
        />
        {!onlyThis && (
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label={t("fieldKind")}
              value={kind}
              onChange={(v) => setKind(v as EventKind)}
              options={EVENT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            />
            <label className="flex items-end gap-2 pb-2 text-sm">
              <input type="checkbox" checked={allDay} onChange={(e) => setAllDay(e.target.checked)} className="h-4 w-4" />
              {t("allDay")}
            </label>
          </div>
        )}
        <div className="grid grid-cols-[minmax(0,1fr)_auto] gap-2">
          <Field
            label={allDay ? t("fieldStartDate") : t("fieldStart")}
            type="date"
            value={startDay}
            onChange={(e) => setStartDay(e.target.value)}
            required
            name="startDay"
          />
          {!allDay && (
            <Field
              label={t("fieldStartTime")}
              type="time"
              value={startTime}
              onChange={(e) => setStartTime(e.target.value)}
              required
              name="startTime"
            />
          )}
          <Field
            label={allDay ? t("fieldEndDate") : t("fieldEnd")}
            type="date"
            value={endDay}
            onChange={(e) => setEndDay(e.target.value)}
            required
            name="endDay"
          />
          {!allDay && (
            <Field label={t("fieldEndTime")} type="time" value={endTime} onChange={(e) => setEndTime(e.target.value)} required name="endTime" />
          )}
        </div>
        {!onlyThis && !allDay && (
          <SelectField label={t("fieldZone")} value={zone} onChange={setZone} options={zones.map((z) => ({ value: z, label: z }))} />
        )}
        {!onlyThis && (
          <>
            <SelectField
              label={t("fieldRepeat")}
              value={repeat}
              onChange={(v) => setRepeat(v as RepeatChoice)}
              options={(["none", "daily", "weekly", "biweekly", "monthly"] as const).map((r) => ({
                value: r,
                label: t(
                  r === "none"
                    ? "repeatNone"
                    : r === "daily"
                      ? "repeatDaily"
                      : r === "weekly"
                        ? "repeatWeekly"
                        : r === "biweekly"
                          ? "repeatBiweekly"
                          : "repeatMonthly",
                ),
              }))}
            />
            {weekly && (
              <fieldset className="flex flex-wrap gap-1.5">
                <legend className="mb-1 text-sm font-medium text-stone-700">{t("weekdays")}</legend>
                {WEEKDAYS.map((d, i) => (
                  <label
                    key={d}
                    className={`cursor-pointer rounded-full px-2.5 py-1 text-sm ring-1 ${weekdays.includes(d) ? "bg-brand-500 text-white ring-brand-500" : "ring-stone-300"}`}
                  >
                    <input
                      type="checkbox"
                      className="sr-only"
                      checked={weekdays.includes(d)}
                      onChange={(e) => setWeekdays((w) => (e.target.checked ? [...w, d] : w.filter((x) => x !== d)))}
                    />
                    {weekdayName(i, locale)}
                  </label>
                ))}
              </fieldset>
            )}
            {repeat !== "none" && (
              <div className="grid grid-cols-2 gap-3">
                <SelectField
                  label={t("ends")}
                  value={ends}
                  onChange={(v) => setEnds(v as EndsChoice)}
                  options={[
                    { value: "never", label: t("endsNever") },
                    { value: "until", label: t("endsUntil") },
                    { value: "count", label: t("endsCount") },
                  ]}
                />
                {ends === "until" && (
                  <Field label={t("untilDate")} type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
                )}
                {ends === "count" && (
                  <Field
                    label={t("count")}
                    type="number"
                    min={1}
                    max={CALENDAR_LIMITS.maxCount}
                    value={count}
                    onChange={(e) => setCount(e.target.value)}
                    required
                  />
                )}
              </div>
            )}
          </>
        )}
        <Field
          label={t("fieldLocation")}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          maxLength={CALENDAR_LIMITS.locationMaxChars}
        />
        {!onlyThis && videoChannels.length > 0 && (
          <SelectField
            label={t("fieldVideo")}
            value={video}
            onChange={setVideo}
            options={[{ value: "", label: t("noVideo") }, ...videoChannels.map((c) => ({ value: c.id, label: `#${c.name}` }))]}
          />
        )}
        {!onlyThis && (
          <SelectField
            label={t("fieldReminder")}
            value={reminder}
            onChange={setReminder}
            options={[
              { value: "", label: t("reminderNone") },
              ...REMINDER_CHOICES.map((m) => ({ value: String(m), label: t("reminderAt", { minutes: m }) })),
            ]}
          />
        )}
        <div className="flex flex-col gap-1.5">
          <label htmlFor={descriptionId} className="text-sm font-medium text-stone-700">
            {t("fieldDescription")}
          </label>
          <textarea
            id={descriptionId}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={CALENDAR_LIMITS.descriptionMaxChars}
            rows={3}
            className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-[15px] outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
          />
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700" data-testid="event-form-error">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={busy} data-testid="event-save">
            {t("save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Which occurrences of a repeating event a change or a cancellation reaches. */
export function ScopeChoice({ value, onChange }: { value: EditScope; onChange: (s: EditScope) => void }) {
  const t = useTranslations("calendar");
  return (
    <fieldset className="flex flex-col gap-1 rounded-lg bg-stone-50 p-2 text-sm">
      <legend className="sr-only">{t("scopeTitle")}</legend>
      <span className="font-medium">{t("scopeTitle")}</span>
      {(["one", "following", "all"] as const).map((s) => (
        <label key={s} className="flex items-center gap-2">
          <input type="radio" name="scope" value={s} checked={value === s} onChange={() => onChange(s)} />
          {t(s === "one" ? "scopeOne" : s === "following" ? "scopeFollowing" : "scopeAll")}
        </label>
      ))}
    </fieldset>
  );
}

function weekdayName(i: number, locale: string): string {
  // 2026-03-02 is a Monday; WEEKDAYS runs Monday first.
  return new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 2, 2 + i, 12)));
}
