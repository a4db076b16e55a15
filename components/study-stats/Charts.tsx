"use client";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { StudyStatsView as StudyStats } from "@/lib/api/study-stats";
import { subjectColour, useStudyFormat } from "./format";

const AXIS = { fill: "var(--color-stone-500)", fontSize: 12 };

/** A tooltip drawn with the theme's own surface and text colours (recharts' default is white on white in dark). */
function ChartTooltip({ active, payload, label, title }: Partial<TooltipContentProps<number, string>> & { title?: (label: string) => string }) {
  const { duration } = useStudyFormat();
  const rows = (payload ?? []).filter((p) => Number(p.value) > 0);
  if (!active || rows.length === 0) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs text-stone-800 shadow-lg ring-1 ring-stone-200">
      {label !== undefined && <p className="mb-1 font-semibold">{title ? title(String(label)) : String(label)}</p>}
      <ul>
        {rows.map((p) => (
          <li key={String(p.dataKey ?? p.name)} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: p.color ?? p.payload?.fill }} />
            <span>{p.name}</span>
            <span className="ml-auto pl-3 font-medium tabular-nums">{duration(Number(p.value) * 60_000)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Time on an axis: 0, whole hours as "2h" / "2시간", else minutes. */
function useAxisTime() {
  const t = useTranslations("studyStats");
  return (minutes: number) => (minutes === 0 ? "0" : minutes % 60 === 0 ? t("durationH", { h: minutes / 60 }) : t("durationM", { m: Math.round(minutes) }));
}

/** An axis from 0 past `maxMinutes` in steps of 30 min, 1, 2 or 4 hours: at most 4 steps. */
function axisTicks(maxMinutes: number): number[] {
  const step = [30, 60, 120, 240, 480].find((s) => maxMinutes / s <= 4) ?? 480;
  return Array.from({ length: Math.max(1, Math.ceil(maxMinutes / step)) + 1 }, (_, i) => i * step);
}

/** The chart's days (this week, or the last 7), a bar per day stacked by subject, in minutes. */
export function WeekChart({ chart, today }: { chart: StudyStats["chart"]; today: string }) {
  const t = useTranslations("studyStats");
  const { day } = useStudyFormat();
  const axisTime = useAxisTime();
  const data = chart.days.map((d) => ({
    day: d.day,
    ...Object.fromEntries(chart.subjects.map((s) => [s, Math.round((d.bySubject[s] ?? 0) / 60_000)])),
  }));
  const ticks = axisTicks(Math.max(60, ...chart.days.map((d) => d.totalMs / 60_000)));
  return (
    <figure aria-label={t("weekChartLabel")} className="h-56 w-full" data-testid="week-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: -8 }} accessibilityLayer>
          <CartesianGrid vertical={false} stroke="var(--color-stone-200)" />
          <XAxis
            dataKey="day"
            tickLine={false}
            axisLine={{ stroke: "var(--color-stone-300)" }}
            tick={AXIS}
            tickFormatter={(d: string) => (d === today ? t("today") : day(d, { weekday: "short" }))}
          />
          <YAxis
            tickLine={false}
            axisLine={false}
            tick={AXIS}
            width={52}
            domain={[0, ticks[ticks.length - 1]!]}
            ticks={ticks}
            tickFormatter={axisTime}
          />
          <Tooltip
            cursor={{ fill: "var(--color-stone-100)" }}
            content={<ChartTooltip title={(d) => day(d, { month: "long", day: "numeric", weekday: "short" })} />}
          />
          {chart.subjects.map((s, i) => (
            <Bar key={s} dataKey={s} name={s} stackId="day" fill={subjectColour(i)} isAnimationActive={false} maxBarSize={36} radius={i === chart.subjects.length - 1 ? [3, 3, 0, 0] : 0} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** One period's subjects as horizontal bars, largest first, coloured as in the week chart. */
export function SubjectChart({ bySubject, subjects }: { bySubject: Array<{ subject: string; ms: number }>; subjects: string[] }) {
  const t = useTranslations("studyStats");
  const axisTime = useAxisTime();
  const colourOf = (s: string) => subjectColour(subjects.includes(s) ? subjects.indexOf(s) : subjects.length + bySubject.findIndex((x) => x.subject === s));
  const data = bySubject.slice(0, 8).map((x) => ({ subject: x.subject, minutes: Math.round(x.ms / 60_000), fill: colourOf(x.subject) }));
  const ticks = axisTicks(Math.max(30, ...data.map((d) => d.minutes)));
  return (
    <figure aria-label={t("subjectChartLabel")} className="w-full" style={{ height: 40 + data.length * 36 }} data-testid="subject-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid horizontal={false} stroke="var(--color-stone-200)" />
          <XAxis type="number" tickLine={false} axisLine={false} tick={AXIS} tickFormatter={axisTime} domain={[0, ticks[ticks.length - 1]!]} ticks={ticks} />
          <YAxis type="category" dataKey="subject" tickLine={false} axisLine={false} tick={{ ...AXIS, fill: "var(--color-stone-700)" }} width={96} />
          <Tooltip cursor={{ fill: "var(--color-stone-100)" }} content={<ChartTooltip />} />
          <Bar dataKey="minutes" name={t("month")} maxBarSize={22} isAnimationActive={false} radius={[0, 3, 3, 0]}>
            {data.map((d) => (
              <Cell key={d.subject} fill={d.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
