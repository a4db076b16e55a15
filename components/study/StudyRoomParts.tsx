"use client";
import { Bell, BellOff, Pause, Play, RotateCcw, SkipForward, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { useErrorText } from "@/components/ui/useErrorText";
import type { StudyRoomMember } from "@/lib/realtime/contract";
import { useStudyRoom, type StudyRoomState } from "./useStudyRoom";

/** mm:ss (h:mm:ss past an hour), rounded up: a phase shows 25:00 as it starts and 0:01 in its last second. */
export function clockText(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function useDuration() {
  const t = useTranslations("studyRoom");
  return (ms: number) => {
    const minutes = Math.floor(Math.max(0, ms) / 60_000);
    return minutes >= 60 ? t("hm", { h: Math.floor(minutes / 60), m: minutes % 60 }) : t("m", { m: minutes });
  };
}

const PHASE_TONE = {
  focus: { dot: "bg-rose-500", text: "text-rose-600", ring: "ring-rose-500" },
  break: { dot: "bg-emerald-500", text: "text-emerald-600", ring: "ring-emerald-500" },
  idle: { dot: "bg-stone-400", text: "text-stone-500", ring: "ring-stone-400" },
} as const;

/**
 * The shared pomodoro: the phase, the time left (on the server's clock) and the controls.
 * `big`: the focus layout's centre piece. `dark`: on the video room's dark surface.
 */
export function PomodoroClock({ study, big = false, dark = false }: { study: StudyRoomState; big?: boolean; dark?: boolean }) {
  const t = useTranslations("studyRoom");
  const errorText = useErrorText();
  const { room, shown, canControl } = study;
  if (!room || !shown) return null;
  const tone = PHASE_TONE[shown.phase];
  const label = shown.phase === "idle" ? t("idle") : t(shown.phase);
  const time = shown.phase === "idle" ? clockText(room.focusMs) : clockText(shown.remainingMs);
  const muted = dark ? "text-stone-400" : "text-stone-500";
  return (
    <section
      aria-label={t("title")}
      data-testid="pomodoro"
      data-phase={shown.phase}
      data-running={shown.running ? "yes" : "no"}
      data-remaining={Math.round(shown.remainingMs)}
      data-server-now={Math.round(shown.serverNow)}
      className={`flex min-w-0 ${big ? "flex-col items-center gap-4 text-center" : "flex-wrap items-center gap-x-3 gap-y-1.5"}`}
    >
      <div className={`flex min-w-0 items-center gap-2 ${big ? "flex-col gap-1" : ""}`}>
        <span className={`inline-flex items-center gap-1.5 text-sm font-semibold ${dark ? "text-stone-200" : tone.text}`}>
          <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${tone.dot} ${shown.running ? "animate-pulse" : ""}`} />
          <span data-testid="pomodoro-phase">{label}</span>
          {!shown.running && shown.phase !== "idle" && <span className={muted}>· {t("paused")}</span>}
          {shown.round > 0 && <span className={`font-normal ${muted}`}>· {t("round", { n: shown.round + (shown.phase === "focus" ? 1 : 0) })}</span>}
        </span>
        <time
          data-testid="pomodoro-time"
          aria-live="off"
          className={`font-bold tabular-nums tracking-tight ${big ? "text-7xl sm:text-8xl" : "text-2xl"} ${dark ? "text-white" : "text-stone-900"} ${
            shown.running ? "" : "opacity-70"
          }`}
        >
          {time}
        </time>
      </div>
      <div className={`flex items-center gap-1.5 ${big ? "" : "ml-auto"}`}>
        {canControl ? (
          <PomodoroButtons study={study} dark={dark} big={big} />
        ) : (
          <span className={`text-xs ${muted}`}>{room.control === "admins" ? t("adminsOnly") : t("joinToControl")}</span>
        )}
        <IconToggle dark={dark} label={study.muted ? t("unmute") : t("mute")} pressed={study.muted} onClick={study.toggleMute} testId="chime-mute">
          {study.muted ? <BellOff aria-hidden size={18} /> : <Bell aria-hidden size={18} />}
        </IconToggle>
      </div>
      {big && <p className={`text-sm ${muted}`}>{t("lengths", { focus: room.focusMinutes, break: room.breakMinutes })}</p>}
      {study.error && (
        <p role="alert" className={`w-full text-xs ${dark ? "text-amber-300" : "text-red-700"}`}>
          {errorText(study.error)}
        </p>
      )}
    </section>
  );
}

function PomodoroButtons({ study, dark, big }: { study: StudyRoomState; dark: boolean; big: boolean }) {
  const t = useTranslations("studyRoom");
  const shown = study.shown!;
  // On a phone's strip the primary button is its icon (the label is its accessible name).
  const word = big ? "" : "sr-only sm:not-sr-only";
  const primary = `inline-flex items-center gap-1.5 rounded-full font-semibold text-white ${big ? "h-12 px-6 text-base" : "h-9 px-3 text-sm sm:px-4"} ${
    shown.phase === "break" ? "bg-emerald-600 hover:bg-emerald-700" : "bg-rose-600 hover:bg-rose-700"
  }`;
  if (shown.phase === "idle")
    return (
      <button type="button" className={primary} onClick={() => void study.control("start")} data-testid="pomodoro-start">
        <Play aria-hidden size={16} /> <span className={word}>{t("startShort")}</span>
      </button>
    );
  return (
    <>
      {shown.running ? (
        <button type="button" className={primary} onClick={() => void study.control("pause")} data-testid="pomodoro-pause">
          <Pause aria-hidden size={16} /> <span className={word}>{t("pause")}</span>
        </button>
      ) : (
        <button type="button" className={primary} onClick={() => void study.control("resume")} data-testid="pomodoro-resume">
          <Play aria-hidden size={16} /> <span className={word}>{t("resume")}</span>
        </button>
      )}
      <IconToggle dark={dark} label={t("skip")} onClick={() => void study.control("skip")} testId="pomodoro-skip">
        <SkipForward aria-hidden size={18} />
      </IconToggle>
      <IconToggle dark={dark} label={t("reset")} onClick={() => void study.control("reset")} testId="pomodoro-reset">
        <RotateCcw aria-hidden size={18} />
      </IconToggle>
    </>
  );
}

export function IconToggle({
  label,
  onClick,
  pressed,
  dark,
  testId,
  children,
}: {
  label: string;
  onClick: () => void;
  pressed?: boolean;
  dark: boolean;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      data-testid={testId}
      className={`inline-flex h-9 w-9 items-center justify-center rounded-full ${dark ? "text-stone-200 hover:bg-stone-700" : "text-stone-600 hover:bg-stone-100"}`}
    >
      {children}
    </button>
  );
}

/** What one person in the room is doing: a short label and, when studying, the subject and today's time. */
export function MemberStatus({
  member,
  elapsedMs,
  dark = false,
  dotOnly = false,
  terse = false,
}: {
  member: StudyRoomMember;
  elapsedMs: number;
  dark?: boolean;
  /** A small tile: the dot alone, the words as its name. */
  dotOnly?: boolean;
  /** A video tile: today's time only from `sm` up (a phone's two columns have no room for it). */
  terse?: boolean;
}) {
  const t = useTranslations("studyRoom");
  const duration = useDuration();
  const today = member.todayMs + (member.status === "studying" ? elapsedMs : 0);
  const dot = member.status === "studying" ? "bg-rose-500" : member.status === "break" ? "bg-emerald-500" : "bg-stone-400";
  const label = member.status === "studying" ? t("studying") : member.status === "break" ? t("onBreak") : t("away");
  if (dotOnly)
    return (
      <span data-testid="member-status" data-status={member.status} data-name={member.user.name} title={label} className="inline-flex">
        <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
        <span className="sr-only">{label}</span>
      </span>
    );
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5" data-testid="member-status" data-status={member.status} data-name={member.user.name}>
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
      <span className="truncate">
        {label}
        {member.status === "studying" && member.subject && <> · {member.subject}</>}
        <span className={`${dark ? "text-stone-300" : "text-stone-500"} ${terse ? "hidden sm:inline" : ""}`}> · {t("today", { time: duration(today) })}</span>
      </span>
    </span>
  );
}

/** How long since the members list was read, for the time of those studying. */
export function useMembersElapsed(study: StudyRoomState): number {
  return study.shown && study.membersAt ? Math.max(0, study.shown.serverNow - study.membersAt) : 0;
}

/**
 * A text study room's strip under the channel header: the pomodoro, and who is here (opened as
 * a list). Nothing shows for a channel that is no study room.
 */
export function StudyRoomBar({ channelId }: { channelId: string }) {
  const t = useTranslations("studyRoom");
  const study = useStudyRoom(channelId, true);
  const [open, setOpen] = useState(false);
  const elapsed = useMembersElapsed(study);
  if (!study.room) return null;
  return (
    <div className="shrink-0 border-b border-stone-200 bg-stone-50 px-3 py-2 sm:px-4" data-testid="study-room-bar">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <PomodoroClock study={study} />
        </div>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="inline-flex h-9 items-center gap-1.5 rounded-full px-3 text-sm font-medium text-stone-700 ring-1 ring-stone-200 hover:bg-stone-100"
          data-testid="study-members-toggle"
        >
          <Users aria-hidden size={16} />
          <span className="flex -space-x-1.5">
            {study.members.slice(0, 4).map((m) => (
              <Avatar key={m.user.id} name={m.user.name} image={m.user.image} size={20} />
            ))}
          </span>
          {study.members.length}
        </button>
      </div>
      {open && (
        <ul className="mt-2 grid gap-1.5 text-sm sm:grid-cols-2" aria-label={t("members", { count: study.members.length })}>
          {study.members.length === 0 && <li className="text-stone-500">{t("nobody")}</li>}
          {study.members.map((m) => (
            <li key={m.user.id} className="flex min-w-0 items-center gap-2 rounded-lg bg-white px-2 py-1.5 ring-1 ring-stone-200">
              <Avatar name={m.user.name} image={m.user.image} size={24} />
              <span className="shrink-0 font-medium">{m.user.name}</span>
              <span className="min-w-0 text-stone-700">
                <MemberStatus member={m} elapsedMs={elapsed} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
