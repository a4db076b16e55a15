"use client";
import { Download, Flame, Target, Trophy } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import { sendJson } from "@/lib/api-client";
import type { StudyStatsView } from "@/lib/api/study-stats";
import { SubjectChart, WeekChart } from "./Charts";
import { subjectColour, useStudyFormat } from "./format";
import { Heatmap } from "./Heatmap";

const card = "rounded-xl bg-white p-4 ring-1 ring-stone-200";

/**
 * One's own study stats (server/study/stats.ts): today, this week and this month with their
 * subjects, the goal's progress, the streaks, the week's chart, this month by subject, the last
 * year's heatmap, the goal and ranking settings, and the CSV download.
 */
export function StatsScreen({ stats }: { stats: StudyStatsView }) {
  const t = useTranslations("studyStats");
  const { duration } = useStudyFormat();
  const goalMs = stats.settings.dailyGoalMinutes * 60_000;
  const todayMs = stats.totals.today.totalMs;
  const subjects = stats.chart.subjects;
  const colourOf = (s: string) => subjectColour(subjects.includes(s) ? subjects.indexOf(s) : subjects.length);
  const periods = [
    { key: "today", total: stats.totals.today },
    { key: "week", total: stats.totals.week },
    { key: "month", total: stats.totals.month },
  ] as const;

  return (
    <main className="min-h-0 min-w-0 flex-1 overflow-y-auto bg-stone-50" data-testid="study-stats">
      <div className="mx-auto flex max-w-5xl flex-col gap-4 px-3 py-4 sm:px-6 sm:py-6">
        <header className="flex flex-wrap items-center gap-3">
          <div className="min-w-0 flex-1">
            <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
            <p className="text-sm text-stone-600">
              {t("intro", { hour: `${String(stats.settings.startHour).padStart(2, "0")}:00`, zone: stats.settings.timeZone })}
            </p>
          </div>
          <a
            href="/api/study/sessions/export"
            download
            className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100"
            data-testid="download-csv"
          >
            <Download aria-hidden size={16} />
            {t("download")}
          </a>
        </header>

        <section className="grid gap-3 sm:grid-cols-3" aria-label={t("bySubject")}>
          {periods.map(({ key, total }) => (
            <div key={key} className={card} data-testid={`total-${key}`}>
              <h2 className="text-sm font-medium text-stone-600">{t(key)}</h2>
              <p className="mt-1 text-2xl font-bold text-stone-900 tabular-nums" data-testid="total-time">
                {duration(total.totalMs)}
              </p>
              {total.bySubject.length === 0 ? (
                <p className="mt-2 text-sm text-stone-500">{t("nothing")}</p>
              ) : (
                <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`${t(key)} · ${t("bySubject")}`}>
                  {total.bySubject.slice(0, 5).map((s) => (
                    <li key={s.subject} className="flex items-center gap-2">
                      <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: colourOf(s.subject) }} />
                      <span className="min-w-0 flex-1 truncate text-stone-700" title={s.subject}>
                        {s.subject}
                      </span>
                      <span className="shrink-0 text-stone-600 tabular-nums">{duration(s.ms)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>

        <section className="grid gap-3 sm:grid-cols-2">
          <div className={card} data-testid="goal">
            <h2 className="flex items-center gap-1.5 text-sm font-medium text-stone-600">
              <Target aria-hidden size={16} className="text-brand-600" />
              {t("goal")}
            </h2>
            {goalMs === 0 ? (
              <p className="mt-2 text-sm text-stone-600">{t("goalNone")}</p>
            ) : (
              <>
                <p className="mt-1 text-lg font-semibold text-stone-900">
                  {todayMs >= goalMs ? t("goalMet") : t("goalProgress", { done: duration(todayMs), goal: duration(goalMs) })}
                </p>
                <div
                  role="progressbar"
                  aria-label={t("goal")}
                  aria-valuemin={0}
                  aria-valuemax={stats.settings.dailyGoalMinutes}
                  aria-valuenow={Math.min(Math.round(todayMs / 60_000), stats.settings.dailyGoalMinutes)}
                  aria-valuetext={t("goalProgress", { done: duration(todayMs), goal: duration(goalMs) })}
                  className="mt-2 h-2.5 overflow-hidden rounded-full bg-stone-200"
                >
                  <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.min(100, (todayMs / goalMs) * 100)}%` }} />
                </div>
              </>
            )}
          </div>
          <div className={card} data-testid="streak">
            <h2 className="flex items-center gap-1.5 text-sm font-medium text-stone-600">
              <Flame aria-hidden size={16} className="text-brand-600" />
              {t("streak")}
            </h2>
            <p className="mt-1 flex flex-wrap items-baseline gap-x-3">
              <span className="text-2xl font-bold text-stone-900" data-testid="streak-current">
                {t("days", { n: stats.streak.current })}
              </span>
              <span className="flex items-center gap-1 text-sm text-stone-600" data-testid="streak-best">
                <Trophy aria-hidden size={14} />
                {t("best", { days: t("days", { n: stats.streak.best }) })}
              </span>
            </p>
            <p className="mt-1 text-xs text-stone-500">
              {stats.streak.goalMinutes > 0 ? t("streakGoal", { goal: duration(goalMs) }) : t("streakAny")}
              {!stats.streak.todayMet && stats.streak.current > 0 && ` ${t("keepGoing")}`}
            </p>
          </div>
        </section>

        <section className="grid gap-3 lg:grid-cols-2">
          <div className={card}>
            <h2 className="mb-2 text-sm font-medium text-stone-600">{t("weekChart")}</h2>
            <WeekChart chart={stats.chart} today={stats.today} />
            {subjects.length > 0 && (
              <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-stone-600" aria-hidden>
                {subjects.map((s, i) => (
                  <li key={s} className="flex items-center gap-1">
                    <span className="h-2 w-2 rounded-sm" style={{ background: subjectColour(i) }} />
                    {s}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className={card}>
            <h2 className="mb-2 text-sm font-medium text-stone-600">{t("subjectChart")}</h2>
            {stats.totals.month.bySubject.length === 0 ? (
              <p className="text-sm text-stone-500">{t("nothing")}</p>
            ) : (
              <SubjectChart bySubject={stats.totals.month.bySubject} subjects={subjects} />
            )}
          </div>
        </section>

        <section className={card} aria-labelledby="heatmap-title">
          <h2 id="heatmap-title" className="mb-2 text-sm font-medium text-stone-600">
            {t("heatmap")}
          </h2>
          <Heatmap heatmap={stats.heatmap} />
        </section>

        <SettingsForm settings={stats.settings} />
      </div>
    </main>
  );
}

/** The daily goal and leaving oneself out of group rankings. */
function SettingsForm({ settings }: { settings: StudyStatsView["settings"] }) {
  const t = useTranslations("studyStats");
  const errorText = useErrorText();
  const router = useRouter();
  const [goal, setGoal] = useState(String(settings.dailyGoalMinutes));
  const [hide, setHide] = useState(settings.hideFromRankings);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await sendJson("PATCH", "/api/study/settings", { dailyGoalMinutes: Number(goal), hideFromRankings: hide });
    setBusy(false);
    if (!res.ok) return setStatus({ ok: false, text: errorText(res.error.code) });
    setStatus({ ok: true, text: t("saved") });
    router.refresh();
  }

  return (
    <form onSubmit={save} className={`${card} flex flex-col gap-3`} aria-labelledby="study-settings-title" data-testid="study-settings">
      <h2 id="study-settings-title" className="text-sm font-medium text-stone-600">
        {t("settings")}
      </h2>
      <label className="flex flex-col gap-1 text-sm text-stone-700 sm:flex-row sm:items-center sm:gap-3">
        {t("goalMinutes")}
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={10}
          required
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          className="h-10 w-28 rounded-lg bg-white px-3 text-stone-900 ring-1 ring-stone-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
          data-testid="goal-input"
        />
      </label>
      <label className="flex items-start gap-2 text-sm text-stone-700">
        <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} className="mt-0.5 h-4 w-4 accent-brand-500" data-testid="hide-input" />
        {t("hide")}
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {t("save")}
        </Button>
        <p role="status" className={`text-sm ${status?.ok === false ? "text-red-700" : "text-stone-600"}`}>
          {status?.text}
        </p>
      </div>
    </form>
  );
}
