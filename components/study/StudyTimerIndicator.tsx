"use client";
import Link from "next/link";
import { Timer } from "lucide-react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { viewTimer } from "@/lib/study-timer";
import { clockOf } from "./format";
import { useStudyTimer, useTick } from "./StudyTimerProvider";

/** A small pill on every page while the user's timer runs or is paused; it leads to /study. */
export function StudyTimerIndicator({ variant }: { variant: "rail" | "bar" }) {
  const t = useTranslations("studyTimer");
  const { timer, serverNow } = useStudyTimer();
  const pathname = usePathname();
  useTick(timer !== null && timer.runningSince !== null);
  if (!timer || pathname === "/study") return null;
  const view = viewTimer(timer, serverNow());
  const time = clockOf(view.studiedMs);
  const label = t(timer.runningSince === null ? "indicatorPaused" : "indicator", { subject: timer.subject, time });
  const running = timer.runningSince !== null;
  if (variant === "rail")
    return (
      <Link
        href="/study"
        title={label}
        aria-label={label}
        data-testid="study-indicator"
        className={`flex w-14 flex-col items-center gap-0.5 rounded-xl py-1.5 text-[11px] font-semibold tabular-nums ${running ? "bg-emerald-600 text-white" : "bg-stone-700 text-stone-200"}`}
      >
        <Timer size={16} aria-hidden="true" />
        {time}
      </Link>
    );
  return (
    <Link
      href="/study"
      aria-label={label}
      data-testid="study-indicator-bar"
      className={`flex shrink-0 items-center justify-center gap-2 px-3 py-1.5 text-sm font-medium md:hidden ${running ? "bg-emerald-600 text-white" : "bg-stone-200 text-stone-700"}`}
    >
      <Timer size={16} aria-hidden="true" />
      <span className="truncate">{timer.subject}</span>
      <span className="tabular-nums">{time}</span>
    </Link>
  );
}
