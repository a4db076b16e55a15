"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { sendJson } from "@/lib/api-client";
import type { AttendanceView } from "@/lib/api/study-stats";

/** How many of the latest occurrences are shown (the rates count all of them). */
const SHOWN = 8;

/**
 * Attendance at the space's scheduled sessions over the last 30 days (server/study/attendance.ts):
 * the latest occurrences with who attended of the members then and who said they were going,
 * and each listed member's rate. Read once when the leaderboard opens; it does not depend on
 * the leaderboard's period.
 */
export function AttendanceSection({ spaceId, myId }: { spaceId: string; myId: string }) {
  const t = useTranslations("studyStats");
  const format = useFormatter();
  const [data, setData] = useState<AttendanceView | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void sendJson<{ attendance: AttendanceView }>("GET", `/api/spaces/${spaceId}/attendance`).then((res) => {
      if (!live) return;
      if (res.ok) setData(res.attendance);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [spaceId]);

  return (
    <section className="flex flex-col gap-2" aria-labelledby="attendance-heading" data-testid="attendance">
      <div>
        <h2 id="attendance-heading" className="text-base font-semibold text-stone-900">
          {t("attendance")}
        </h2>
        <p className="text-xs text-stone-500">{t("attendanceHint", { minutes: data?.thresholdMinutes ?? 10 })}</p>
      </div>
      {failed ? (
        <p className="text-sm text-stone-500">{t("attendanceFailed")}</p>
      ) : !data ? (
        <p className="text-sm text-stone-500">…</p>
      ) : data.occurrences.length === 0 ? (
        <p className="rounded-lg bg-stone-50 px-4 py-4 text-center text-sm text-stone-600">{t("attendanceNone")}</p>
      ) : (
        <>
          <ul className="flex flex-col divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200" aria-label={t("attendanceSessions")}>
            {[...data.occurrences]
              .reverse()
              .slice(0, SHOWN)
              .map((o) => (
                <li
                  key={`${o.eventId}:${o.occurrence}`}
                  className="flex items-center gap-3 px-3 py-2.5"
                  data-testid="attendance-occurrence"
                >
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-[15px] text-stone-900">{o.title}</p>
                    <p className="text-xs text-stone-500">
                      {format.dateTime(new Date(o.start), {
                        month: "short",
                        day: "numeric",
                        weekday: "short",
                        hour: "numeric",
                        minute: "2-digit",
                      })}
                    </p>
                  </div>
                  <div className="shrink-0 text-right">
                    <p className="text-sm font-semibold text-stone-900 tabular-nums" data-testid="attendance-count">
                      {o.members === 0 ? t("noMembersThen") : t("attendedOf", { attended: o.attended, members: o.members })}
                    </p>
                    <p className="text-xs text-stone-500 tabular-nums">{t("goingCount", { going: o.going })}</p>
                  </div>
                </li>
              ))}
          </ul>
          <h3 className="mt-2 text-sm font-medium text-stone-600">{t("attendanceRates")}</h3>
          {data.me.hidden && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("attendanceHiddenNote")}</p>}
          <ul className="flex flex-col divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200" aria-label={t("attendanceRates")}>
            {data.members.map((m) => {
              const pct = m.rate === null ? null : Math.round(m.rate * 100);
              return (
                <li
                  key={m.user.id}
                  aria-current={m.user.id === myId ? "true" : undefined}
                  className="flex items-center gap-3 px-3 py-2"
                  data-testid="attendance-member"
                >
                  <Avatar name={m.user.name} image={m.user.image} size={28} />
                  <span className="min-w-0 flex-1 truncate text-sm text-stone-900">
                    {m.user.name}
                    {m.user.id === myId && (
                      <span className="ml-1.5 rounded bg-brand-500 px-1.5 py-0.5 text-[11px] font-semibold text-white">{t("you")}</span>
                    )}
                  </span>
                  <span className="hidden h-1.5 w-20 shrink-0 overflow-hidden rounded-full bg-stone-200 min-[400px]:block" aria-hidden>
                    <span className="block h-full rounded-full bg-brand-500" style={{ width: `${pct ?? 0}%` }} />
                  </span>
                  <span className="w-24 shrink-0 text-right text-sm text-stone-700 tabular-nums">
                    {pct === null ? t("rateNone") : t("rate", { attended: m.attended, occurrences: m.occurrences, pct })}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
