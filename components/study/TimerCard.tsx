"use client";
import { Pause, Play, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { StudyTimer } from "@/lib/realtime/contract";
import { viewTimer, type TimerMode } from "@/lib/study-timer";
import { clockOf } from "./format";
import { useStudyTimer, useTick } from "./StudyTimerProvider";
import { SubjectField } from "./SubjectField";

/** The big timer: a subject and a mode to start with, then the clock and its buttons. */
export function TimerCard({ recentSubjects }: { recentSubjects: string[] }) {
  const t = useTranslations("studyTimer");
  const errorText = useErrorText();
  const { timer, command } = useStudyTimer();
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (cmd: Parameters<typeof command>[0]) => {
    setBusy(true);
    setError(null);
    const res = await command(cmd);
    setBusy(false);
    if (!res.ok) setError(res.error.code);
    return res.ok;
  };

  return (
    <section
      className="flex flex-col rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6"
      aria-labelledby="timer-heading"
      data-testid="study-timer"
    >
      <h2 id="timer-heading" className="text-sm font-semibold text-stone-500">
        {t("timerHeading")}
      </h2>
      {timer ? <RunningTimer timer={timer} busy={busy} run={run} /> : <StartForm busy={busy} recentSubjects={recentSubjects} run={run} />}
      {error && (
        <div className="mt-3">
          <Alert>{errorText(error)}</Alert>
        </div>
      )}
    </section>
  );
}

type Run = (cmd: Parameters<ReturnType<typeof useStudyTimer>["command"]>[0]) => Promise<boolean>;

function StartForm({ busy, recentSubjects, run }: { busy: boolean; recentSubjects: string[]; run: Run }) {
  const t = useTranslations("studyTimer");
  const id = useId();
  const [subject, setSubject] = useState(recentSubjects[0] ?? "");
  const [mode, setMode] = useState<TimerMode>("stopwatch");
  const [focus, setFocus] = useState<number>(LIMITS.pomodoroFocusMinutes.default);
  const [rest, setRest] = useState<number>(LIMITS.pomodoroBreakMinutes.default);
  const clamp = (n: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, Math.round(n) || min));
  return (
    <form
      className="mt-4 flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          mode === "pomodoro"
            ? {
                action: "start",
                subject: subject.trim(),
                mode,
                focusMinutes: clamp(focus, LIMITS.pomodoroFocusMinutes),
                breakMinutes: clamp(rest, LIMITS.pomodoroBreakMinutes),
              }
            : { action: "start", subject: subject.trim(), mode },
        );
      }}
    >
      <div className="flex flex-col gap-1.5">
        <SubjectField
          value={subject}
          onChange={setSubject}
          recentSubjects={recentSubjects}
          placeholder={t("subjectPlaceholder")}
          testId="timer-subject"
        />
        {recentSubjects.length > 0 && (
          <div className="flex flex-wrap gap-1.5" aria-label={t("recentSubjects")} role="group">
            {recentSubjects.slice(0, 5).map((s) => (
              <button
                key={s}
                type="button"
                onClick={() => setSubject(s)}
                className={`max-w-full truncate rounded-full px-2.5 py-1 text-xs font-medium ring-1 ${s === subject ? "bg-brand-500 text-white ring-brand-500" : "bg-stone-100 text-stone-700 ring-stone-200 hover:bg-stone-200"}`}
              >
                {s}
              </button>
            ))}
          </div>
        )}
      </div>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-stone-700">{t("mode")}</legend>
        <div className="grid grid-cols-2 gap-1 rounded-xl bg-stone-100 p-1">
          {(["stopwatch", "pomodoro"] as const).map((m) => (
            <label
              key={m}
              className={`cursor-pointer rounded-lg py-2 text-center text-sm font-semibold has-focus-visible:ring-2 has-focus-visible:ring-brand-500 ${mode === m ? "bg-white text-stone-900 shadow-sm" : "text-stone-500"}`}
            >
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} className="sr-only" />
              {t(m)}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "pomodoro" && (
        <div className="grid grid-cols-2 gap-3">
          <Field
            label={t("focusMinutes")}
            type="number"
            inputMode="numeric"
            min={LIMITS.pomodoroFocusMinutes.min}
            max={LIMITS.pomodoroFocusMinutes.max}
            value={focus}
            onChange={(e) => setFocus(Number(e.target.value))}
          />
          <Field
            label={t("breakMinutes")}
            type="number"
            inputMode="numeric"
            min={LIMITS.pomodoroBreakMinutes.min}
            max={LIMITS.pomodoroBreakMinutes.max}
            value={rest}
            onChange={(e) => setRest(Number(e.target.value))}
          />
        </div>
      )}
      <Button type="submit" disabled={busy || !subject.trim()} className="h-12 text-base" data-testid="timer-start">
        <Play size={18} aria-hidden="true" />
        {t("start")}
      </Button>
    </form>
  );
}

function RunningTimer({ timer, busy, run }: { timer: StudyTimer; busy: boolean; run: Run }) {
  const t = useTranslations("studyTimer");
  const { serverNow } = useStudyTimer();
  const [stopping, setStopping] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const running = timer.runningSince !== null;
  useTick(running, 250);
  const now = serverNow();
  const view = viewTimer(timer, now);
  const phaseLeft = view.phaseEndsAt !== null ? view.phaseEndsAt - now : null;
  return (
    <div
      className="mt-3 flex flex-1 flex-col items-center justify-center text-center"
      data-testid="timer-running"
      data-state={running ? "running" : "paused"}
    >
      <p className="max-w-full truncate text-lg font-bold" data-testid="timer-running-subject">
        {timer.subject}
      </p>
      <p
        className={`mt-1 text-sm font-semibold ${running ? (view.phase === "break" ? "text-sky-600" : "text-emerald-600") : "text-amber-600"}`}
        data-testid="timer-status"
      >
        {!running ? t("paused") : view.phase ? t(view.phase) : t("running")}
      </p>
      {timer.mode === "pomodoro" && view.phase ? (
        <>
          {/* A pomodoro's face is the time left in its phase; what it counted so far is under it. */}
          <p className="mt-2 text-6xl font-bold tracking-tight tabular-nums sm:text-7xl" data-testid="timer-phase-left">
            {clockOf(phaseLeft ?? phaseLength(timer, view.phase) - phaseDone(timer, view.ranMs))}
          </p>
          <PhaseBar
            done={phaseDone(timer, view.ranMs)}
            length={phaseLength(timer, view.phase)}
            tone={view.phase === "break" ? "bg-sky-500" : "bg-emerald-500"}
          />
          <p className="mt-3 text-sm text-stone-600" data-testid="timer-phase">
            <span className="sr-only">{t("phaseLeft", { phase: t(view.phase), time: clockOf(phaseLeft ?? 0) })} · </span>
            {t("studiedLabel")}{" "}
            <span className="font-semibold tabular-nums" data-testid="timer-clock">
              {clockOf(view.studiedMs)}
            </span>
            {" · "}
            {t("rounds", { count: view.rounds })}
          </p>
        </>
      ) : (
        <p className="mt-2 text-6xl font-bold tracking-tight tabular-nums sm:text-7xl" aria-label={t("elapsed")} data-testid="timer-clock">
          {clockOf(view.studiedMs)}
        </p>
      )}
      <div className="mt-5 grid w-full grid-cols-2 gap-2">
        {running ? (
          <Button
            variant="secondary"
            className="h-12"
            disabled={busy}
            onClick={() => void run({ action: "pause", version: timer.version })}
            data-testid="timer-pause"
          >
            <Pause size={18} aria-hidden="true" />
            {t("pause")}
          </Button>
        ) : (
          <Button
            variant="secondary"
            className="h-12"
            disabled={busy}
            onClick={() => void run({ action: "resume", version: timer.version })}
            data-testid="timer-resume"
          >
            <Play size={18} aria-hidden="true" />
            {t("resume")}
          </Button>
        )}
        <Button className="h-12" disabled={busy} onClick={() => setStopping(true)} data-testid="timer-stop">
          <Square size={16} aria-hidden="true" />
          {t("stop")}
        </Button>
      </div>
      <button type="button" className="mt-3 text-xs text-stone-500 underline-offset-2 hover:underline" onClick={() => setDiscarding(true)}>
        {t("discard")}
      </button>
      {stopping && (
        <StopDialog
          subject={timer.subject}
          studiedMs={view.studiedMs}
          busy={busy}
          onClose={() => setStopping(false)}
          onStop={async (note) => {
            if (await run({ action: "stop", version: timer.version, ...(note ? { note } : {}) })) setStopping(false);
          }}
        />
      )}
      {discarding && (
        <ConfirmDialog
          title={t("discardConfirm")}
          confirmLabel={t("discard")}
          cancelLabel={t("cancel")}
          onClose={() => setDiscarding(false)}
          onConfirm={async () => {
            if (await run({ action: "discard", version: timer.version })) setDiscarding(false);
          }}
        />
      )}
    </div>
  );
}

const phaseLength = (timer: StudyTimer, phase: "focus" | "break") =>
  ((phase === "focus" ? timer.focusMinutes : timer.breakMinutes) ?? 0) * 60_000;

/** How far into its current phase a pomodoro is, from the time it ran. */
function phaseDone(timer: StudyTimer, ranMs: number): number {
  const focus = (timer.focusMinutes ?? 0) * 60_000;
  const cycle = focus + (timer.breakMinutes ?? 0) * 60_000;
  if (cycle === 0) return 0;
  const inCycle = ranMs % cycle;
  return inCycle < focus ? inCycle : inCycle - focus;
}

function PhaseBar({ done, length, tone }: { done: number; length: number; tone: string }) {
  const ratio = length > 0 ? Math.min(1, done / length) : 0;
  return (
    <div className="mt-3 h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-stone-200" aria-hidden="true">
      <div className={`h-full rounded-full ${tone}`} style={{ width: `${ratio * 100}%` }} />
    </div>
  );
}

function StopDialog({
  subject,
  studiedMs,
  busy,
  onClose,
  onStop,
}: {
  subject: string;
  studiedMs: number;
  busy: boolean;
  onClose: () => void;
  onStop: (note: string) => Promise<void>;
}) {
  const t = useTranslations("studyTimer");
  const id = useId();
  const [note, setNote] = useState("");
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t("stopTitle")}
      description={studiedMs >= 1000 ? t("stopDescription", { subject, time: clockOf(studiedMs) }) : t("stopNothing")}
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void onStop(note.trim());
        }}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor={id} className="text-sm font-medium text-stone-700">
            {t("note")}
          </label>
          <textarea
            id={id}
            value={note}
            maxLength={LIMITS.studyNoteMax}
            rows={3}
            placeholder={t("notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
            className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-[15px] outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
            data-testid="stop-note"
          />
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={busy} data-testid="stop-confirm">
            {t("stop")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
