"use client";
import { BookOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/Avatar";
import type { UserSummary } from "@/lib/realtime/contract";
import { durationOf } from "./format";
import { useTick } from "./StudyTimerProvider";
import { todayNow, useStudyStatuses, type SeenStatus } from "./useStudyStatuses";

/** "정보처리기사 공부 중 · 오늘 2시간 10분": one person's study status, in a line. */
export function StudyStatusText({ status }: { status: SeenStatus }) {
  const t = useTranslations("studyTimer");
  useTick(status.state === "studying", 30_000);
  const key = status.state === "studying" ? "statusStudying" : status.state === "break" ? "statusBreak" : "statusPaused";
  return <>{t(key, { subject: status.subject, time: durationOf(todayNow(status), t) })}</>;
}

/** Their time today, growing while they study. */
function TodayTime({ status }: { status: SeenStatus }) {
  const t = useTranslations("studyTimer");
  useTick(status.state === "studying", 30_000);
  return <>{durationOf(todayNow(status), t)}</>;
}

/** The space sidebar's "studying now": the members whose timer runs (or is paused), with subject and time today. */
export function StudyingNow({ members }: { members: UserSummary[] }) {
  const t = useTranslations("studyTimer");
  const statuses = useStudyStatuses(members.map((m) => m.id));
  const studying = members.filter((m) => statuses[m.id]);
  if (studying.length === 0) return null;
  return (
    <section className="px-3 pt-4" aria-labelledby="studying-now" data-testid="studying-now">
      <h2
        id="studying-now"
        className="flex items-center gap-1.5 px-1 pb-1.5 text-xs font-semibold tracking-wide text-emerald-700 uppercase"
      >
        <BookOpen size={14} aria-hidden="true" />
        {t("studyingNow")} · {studying.length}
      </h2>
      <ul className="flex flex-col gap-0.5">
        {studying.map((m) => {
          const status = statuses[m.id]!;
          return (
            <li
              key={m.id}
              className="flex items-center gap-2.5 rounded-md px-1 py-1"
              data-testid="studying-member"
              data-state={status.state}
            >
              <Avatar name={m.name} image={m.image} size={28} />
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline gap-2">
                  <span className="min-w-0 flex-1 truncate text-sm font-medium">{m.name}</span>
                  <span className="shrink-0 text-xs text-stone-500 tabular-nums">
                    <TodayTime status={status} />
                  </span>
                </span>
                <span
                  className={`block truncate text-xs ${status.state === "studying" ? "text-emerald-700" : "text-stone-500"}`}
                  title={status.subject}
                >
                  {t(status.state === "studying" ? "stateStudying" : status.state === "break" ? "stateBreak" : "statePaused", {
                    subject: status.subject,
                  })}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
