"use client";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { studyApi, type StudySettingsView } from "./api";

const inputClass =
  "h-10 w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 text-sm outline-none transition focus:border-brand-500 focus:ring-2 focus:ring-brand-200";

/** Daily goal, the hour the study day starts, the zone it is counted in, and leaving rankings. */
export function StudySettingsCard({
  settings,
  saved,
  onSaved,
}: {
  settings: StudySettingsView;
  /** Just saved here (kept by the parent: the card is drawn anew when the settings come back). */
  saved: boolean;
  onSaved: (s: StudySettingsView) => void;
}) {
  const t = useTranslations("studyTimer");
  const errorText = useErrorText();
  const id = useId();
  const [goal, setGoal] = useState(String(settings.dailyGoalMinutes));
  const [startHour, setStartHour] = useState(settings.startHour);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [hide, setHide] = useState(settings.hideFromRankings);
  const [error, setError] = useState<ErrorCode | null>(null);
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return all.includes(settings.timeZone) ? all : [settings.timeZone, ...all];
  }, [settings.timeZone]);

  const save = async () => {
    setError(null);
    const minutes = Number(goal);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > LIMITS.studyDailyGoalMaxMinutes) return setError("validation");
    const res = await studyApi.updateSettings({ dailyGoalMinutes: minutes, startHour, timeZone, hideFromRankings: hide });
    if (!res.ok) return setError(res.error.code);
    onSaved(res.settings);
  };

  return (
    <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-base font-bold">
        {t("settings")}
      </h2>
      <form
        className="mt-3 flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={`${id}-goal`} className="text-sm font-medium text-stone-700">
              {t("dailyGoal")}
            </label>
            <input
              id={`${id}-goal`}
              type="number"
              inputMode="numeric"
              min={0}
              max={LIMITS.studyDailyGoalMaxMinutes}
              step={10}
              value={goal}
              onChange={(e) => setGoal(e.target.value)}
              className={inputClass}
              data-testid="settings-goal"
            />
          </div>
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={`${id}-hour`} className="text-sm font-medium text-stone-700">
              {t("dayStart")}
            </label>
            <select
              id={`${id}-hour`}
              value={startHour}
              onChange={(e) => setStartHour(Number(e.target.value))}
              className={inputClass}
              aria-describedby={`${id}-hour-hint`}
            >
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {t("hourOption", { hour: String(h).padStart(2, "0") })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id={`${id}-hour-hint`} className="-mt-1 text-xs text-stone-500">
          {t("dayStartHint")}
        </p>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor={`${id}-zone`} className="text-sm font-medium text-stone-700">
            {t("timeZone")}
          </label>
          <select id={`${id}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className={inputClass}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} className="h-4 w-4 accent-brand-500" />
          {t("hideFromRankings")}
        </label>
        {error && <Alert>{errorText(error)}</Alert>}
        <div className="flex items-center justify-end gap-3">
          {saved && (
            <span role="status" className="text-sm text-emerald-700">
              {t("saved")}
            </span>
          )}
          <Button type="submit" variant="secondary" className="h-9" data-testid="settings-save">
            {t("save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
