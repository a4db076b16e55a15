"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { StudyStatsView } from "@/lib/api/study-stats";
import { weekdayOf } from "@/lib/study-day";
import { useStudyFormat } from "./format";

/** Minutes a day needs for each shade (0: none). */
const LEVELS = [1, 60, 120, 240];
// Darker for more on white; on the dark theme brighter for more (brand-400 is the brightest fill).
const SHADES = ["bg-stone-200", "bg-brand-200", "bg-brand-300", "bg-brand-400 dark:bg-brand-500", "bg-brand-600 dark:bg-brand-400"];
const levelOf = (ms: number) => LEVELS.filter((min) => ms >= min * 60_000).length;

/**
 * The last year, a square per study day: weeks as columns (Monday on top), darker for more time.
 * Each square says its day and time to a screen reader and in a tooltip. On a phone the grid
 * scrolls sideways inside its card, showing the latest weeks first.
 */
export function Heatmap({ heatmap }: { heatmap: StudyStatsView["heatmap"] }) {
  const t = useTranslations("studyStats");
  const { duration, day } = useStudyFormat();
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, []);
  const lead = weekdayOf(heatmap.from) - 1; // empty squares before the first day, so rows are weekdays
  const weeks = Math.ceil((lead + heatmap.days.length) / 7);
  const months: Array<{ column: number; label: string }> = [];
  heatmap.days.forEach((d, i) => {
    const column = Math.floor((lead + i) / 7);
    if (d.day.endsWith("-01") || i === 0) {
      if (months.length === 0 || column > months[months.length - 1]!.column + 2) months.push({ column, label: day(d.day, { month: "short" }) });
    }
  });
  return (
    <div>
      <div ref={scroller} className="overflow-x-auto pb-1">
        <div className="inline-grid gap-[3px]" style={{ gridTemplateColumns: `repeat(${weeks}, 11px)` }}>
          {months.map((m) => (
            <span key={m.column} aria-hidden className="text-[10px] whitespace-nowrap text-stone-500" style={{ gridColumn: `${m.column + 1} / span 3`, gridRow: 1 }}>
              {m.label}
            </span>
          ))}
        </div>
        <div
          role="group"
          aria-label={t("heatmapLabel", { days: heatmap.days.length })}
          className="inline-grid grid-flow-col gap-[3px]"
          style={{ gridTemplateRows: "repeat(7, 11px)", gridAutoColumns: "11px" }}
          data-testid="heatmap"
        >
          {Array.from({ length: lead }, (_, i) => (
            <span key={`lead-${i}`} aria-hidden />
          ))}
          {heatmap.days.map((d) => {
            const label = d.ms > 0 ? t("heatmapDay", { date: day(d.day, { dateStyle: "medium" }), time: duration(d.ms) }) : t("heatmapNone", { date: day(d.day, { dateStyle: "medium" }) });
            return <span key={d.day} role="img" aria-label={label} title={label} data-day={d.day} className={`rounded-[2px] ${SHADES[levelOf(d.ms)]}`} />;
          })}
        </div>
      </div>
      <p aria-hidden className="mt-2 flex items-center justify-end gap-1 text-[11px] text-stone-500">
        {t("less")}
        {SHADES.map((s) => (
          <span key={s} className={`inline-block h-[11px] w-[11px] rounded-[2px] ${s}`} />
        ))}
        {t("more")}
      </p>
    </div>
  );
}
