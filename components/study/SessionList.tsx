"use client";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode } from "@/lib/errors";
import type { StudySessionView } from "@/lib/realtime/contract";
import { formatInZone } from "@/lib/time";
import { studyApi } from "./api";
import { durationOf } from "./format";
import { SessionDialog } from "./SessionDialog";

/** The user's recorded sessions, newest first, by study day; each can be fixed or deleted, and one added by hand. */
export function SessionList({
  sessions,
  hasMore,
  onMore,
  onChanged,
  timeZone,
  recentSubjects,
}: {
  sessions: StudySessionView[];
  hasMore: boolean;
  onMore: () => void;
  onChanged: () => void;
  timeZone: string;
  recentSubjects: string[];
}) {
  const t = useTranslations("studyTimer");
  const tt = useTranslations("time");
  const locale = useLocale();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<StudySessionView | "new" | null>(null);
  const [deleting, setDeleting] = useState<StudySessionView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const fmt = (ms: number, options: Intl.DateTimeFormatOptions) =>
    formatInZone(new Date(ms), { locale, timeZone, dayPeriods: { am: tt("am"), pm: tt("pm") } }, options);
  const days = [...new Set(sessions.map((s) => s.studyDay))];
  const dayLabel = (day: string) => fmt(Date.parse(`${day}T12:00:00Z`), { month: "long", day: "numeric", weekday: "short" });

  return (
    <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6" aria-labelledby="sessions-heading">
      <div className="flex items-center justify-between gap-2">
        <h2 id="sessions-heading" className="text-base font-bold">
          {t("sessions")}
        </h2>
        <Button variant="secondary" className="h-9 px-3" onClick={() => setEditing("new")} data-testid="session-add">
          <Plus size={16} aria-hidden="true" />
          {t("addByHand")}
        </Button>
      </div>
      {sessions.length === 0 && <p className="mt-4 text-sm text-stone-500">{t("noSessions")}</p>}
      <div className="mt-2" data-testid="session-list">
        {days.map((day) => (
          <div key={day} className="mt-3">
            <h3 className="text-xs font-semibold text-stone-500">{dayLabel(day)}</h3>
            <ul className="mt-1 divide-y divide-stone-200">
              {sessions
                .filter((s) => s.studyDay === day)
                .map((s) => (
                  <li key={s.id} className="flex items-start gap-3 py-2.5" data-testid="session">
                    <div className="min-w-0 flex-1">
                      <p className="flex min-w-0 items-baseline gap-2">
                        <span className="truncate font-semibold" data-testid="session-subject-text">
                          {s.subject}
                        </span>
                        <span className="shrink-0 text-sm font-semibold text-brand-600 tabular-nums">{durationOf(s.studiedMs, t)}</span>
                      </p>
                      <p className="text-xs text-stone-500">
                        {fmt(s.startedAt, { hour: "numeric", minute: "2-digit" })}–{fmt(s.endedAt, { hour: "numeric", minute: "2-digit" })}
                        {" · "}
                        {t(s.source === "timer" ? "fromTimer" : s.source === "room" ? "room" : "manual")}
                        {s.pauseCount > 0 && ` · ${t("pauses", { count: s.pauseCount })}`}
                        {s.edited && ` · ${t("edited")}`}
                      </p>
                      {s.note && (
                        <p className="mt-0.5 text-sm break-words text-stone-600" data-testid="session-note">
                          {s.note}
                        </p>
                      )}
                    </div>
                    <button
                      type="button"
                      onClick={() => setEditing(s)}
                      aria-label={`${t("edit")}: ${s.subject}`}
                      title={t("edit")}
                      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-stone-500 hover:bg-stone-100 hover:text-stone-800"
                    >
                      <Pencil size={16} aria-hidden="true" />
                    </button>
                    <button
                      type="button"
                      onClick={() => setDeleting(s)}
                      aria-label={`${t("delete")}: ${s.subject}`}
                      title={t("delete")}
                      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-stone-500 hover:bg-red-50 hover:text-red-700"
                    >
                      <Trash2 size={16} aria-hidden="true" />
                    </button>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
      {hasMore && (
        <Button variant="ghost" className="mt-3 w-full" onClick={onMore}>
          {t("loadMore")}
        </Button>
      )}
      {editing && (
        <SessionDialog
          session={editing === "new" ? null : editing}
          timeZone={timeZone}
          recentSubjects={recentSubjects}
          onClose={() => setEditing(null)}
          onSaved={onChanged}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("deleteConfirm")}
          description={`${deleting.subject} · ${durationOf(deleting.studiedMs, t)}`}
          confirmLabel={t("delete")}
          cancelLabel={t("cancel")}
          error={error ? errorText(error) : null}
          onClose={() => {
            setDeleting(null);
            setError(null);
          }}
          onConfirm={async () => {
            const res = await studyApi.remove(deleting.id);
            if (!res.ok) return setError(res.error.code);
            setDeleting(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
