"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import type { StudySessionView } from "@/lib/realtime/contract";
import { spanMs, splitByStudyDay } from "@/lib/study-day";
import { viewTimer } from "@/lib/study-timer";
import { canonicalTimeZone } from "@/lib/time";
import { studyApi, type SessionPage, type StudySettingsView } from "./api";
import { durationOf } from "./format";
import { SessionList } from "./SessionList";
import { StudySettingsCard } from "./StudySettingsCard";
import { useStudyTimer, useTick } from "./StudyTimerProvider";
import { TimerCard } from "./TimerCard";

/**
 * /study: the personal timer, today's total against the daily goal, the study log and the
 * settings. The log and today's total are re-read whenever the server says they changed (a
 * stop or an edit in any tab: `study:sessions:changed`); the timer is the shared provider's.
 * (Stats and charts live on their own page, /study/stats.)
 */
export function StudyScreen({
  initialPage,
  initialSettings,
  hasSettings,
}: {
  initialPage: SessionPage;
  initialSettings: StudySettingsView;
  hasSettings: boolean;
}) {
  const t = useTranslations("studyTimer");
  const { socket } = useRealtime();
  const [page, setPage] = useState(initialPage);
  const [older, setOlder] = useState<StudySessionView[]>([]);
  const [olderNext, setOlderNext] = useState<number | null | undefined>(undefined);
  const [settings, setSettings] = useState(initialSettings);
  const [savedHere, setSavedHere] = useState(false);

  const reload = useCallback(async () => {
    const [sessions, fresh] = await Promise.all([studyApi.sessions(), studyApi.settings()]);
    if (sessions.ok) {
      setPage(sessions);
      setOlder([]);
      setOlderNext(undefined);
    }
    if (fresh.ok) setSettings(fresh.settings);
  }, []);

  useEffect(() => {
    if (!socket) return;
    const onChanged = () => void reload();
    socket.on("study:sessions:changed", onChanged);
    socket.on("connect", onChanged);
    return () => {
      socket.off("study:sessions:changed", onChanged);
      socket.off("connect", onChanged);
    };
  }, [socket, reload]);

  // The first visit: the study day is counted in this browser's zone rather than the default.
  useEffect(() => {
    if (hasSettings) return;
    const zone = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (zone && zone !== initialSettings.timeZone)
      void studyApi.updateSettings({ timeZone: zone }).then((res) => res.ok && setSettings(res.settings));
  }, [hasSettings, initialSettings.timeZone]);

  const sessions = [...page.sessions, ...older];
  const next = olderNext === undefined ? page.next : olderNext;
  const loadMore = async () => {
    if (next === null) return;
    const res = await studyApi.sessions(next);
    if (!res.ok) return;
    setOlder((o) => [...o, ...res.sessions]);
    setOlderNext(res.next);
  };
  const recentSubjects = useMemo(() => [...new Set(sessions.map((s) => s.subject))].slice(0, 10), [sessions]);

  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-stone-50" id="main">
      <div className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-5 sm:px-6 sm:py-8">
        <header className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
        </header>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <TimerCard recentSubjects={recentSubjects} />
          <div className="flex flex-col gap-4">
            <TodayCard recordedMs={page.today.recordedMs} day={page.today.day} settings={settings} />
            <StudySettingsCard
              key={JSON.stringify(settings)}
              settings={settings}
              saved={savedHere}
              onSaved={(next) => {
                setSettings(next);
                setSavedHere(true);
              }}
            />
          </div>
        </div>
        <SessionList
          sessions={sessions}
          hasMore={next !== null}
          onMore={loadMore}
          onChanged={reload}
          timeZone={settings.timeZone}
          recentSubjects={recentSubjects}
        />
      </div>
    </div>
  );
}

/** Today's total (recorded, plus the running timer's part of today) against the daily goal. */
function TodayCard({ recordedMs, day, settings }: { recordedMs: number; day: string; settings: StudySettingsView }) {
  const t = useTranslations("studyTimer");
  const { timer, serverNow } = useStudyTimer();
  useTick(timer?.runningSince != null, 1000);
  const timerToday = timer ? spanMs(splitByStudyDay(viewTimer(timer, serverNow()).studied, settings).get(day) ?? []) : 0;
  const total = recordedMs + timerToday;
  const goalMs = settings.dailyGoalMinutes * 60_000;
  const ratio = goalMs > 0 ? Math.min(1, total / goalMs) : 0;
  return (
    <section
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6"
      aria-labelledby="today-heading"
      data-testid="study-today"
    >
      <h2 id="today-heading" className="text-sm font-semibold text-stone-500">
        {t("today")}
      </h2>
      <p className="mt-1 text-3xl font-bold tabular-nums" data-testid="study-today-total">
        {durationOf(total, t)}
      </p>
      {goalMs > 0 ? (
        <>
          <div
            className="mt-3 h-3 overflow-hidden rounded-full bg-stone-200"
            role="progressbar"
            aria-label={t("goal", { time: durationOf(goalMs, t) })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(ratio * 100)}
          >
            <div
              className={`h-full rounded-full transition-[width] ${ratio >= 1 ? "bg-emerald-500" : "bg-brand-500"}`}
              style={{ width: `${ratio * 100}%` }}
            />
          </div>
          <p className="mt-1.5 flex justify-between text-xs text-stone-500">
            <span>{ratio >= 1 ? t("goalReached") : `${Math.round(ratio * 100)}%`}</span>
            <span>{t("goal", { time: durationOf(goalMs, t) })}</span>
          </p>
        </>
      ) : (
        <p className="mt-2 text-xs text-stone-500">{t("noGoal")}</p>
      )}
    </section>
  );
}
