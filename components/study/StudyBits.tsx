"use client";
import { useTranslations } from "next-intl";
import { Users } from "lucide-react";
import type { StudyStatus } from "@/lib/study-group-types";

const STATUS_CLASS: Record<StudyStatus, string> = {
  // Translucent fills: the same classes read on the light and the dark surface.
  recruiting: "bg-emerald-500/15 text-emerald-700 ring-emerald-500/30",
  in_progress: "bg-sky-500/15 text-sky-700 ring-sky-500/30",
  finished: "bg-stone-100 text-stone-500 ring-stone-200",
};

/** 모집중 / 진행중 / 종료, coloured so a glance over the cards tells them apart. */
export function StatusBadge({ status }: { status: StudyStatus }) {
  const t = useTranslations("study");
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-bold ring-1 ${STATUS_CLASS[status]}`}
      data-testid="study-status"
    >
      {t(`status.${status}`)}
    </span>
  );
}

/** A topic tag; with onClick, a button that filters the directory by it. */
export function TagChip({ tag, onClick }: { tag: string; onClick?: () => void }) {
  const className =
    "inline-flex max-w-full items-center truncate rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-700";
  if (!onClick) return <span className={className}>#{tag}</span>;
  return (
    <button type="button" onClick={onClick} className={`${className} hover:bg-brand-100`} data-testid="study-tag">
      #{tag}
    </button>
  );
}

/** "3/8명" with a capacity, "3명" without. */
export function MemberCount({ count, capacity, testId }: { count: number; capacity: number | null; testId?: string }) {
  const t = useTranslations("study");
  return (
    <span className="inline-flex items-center gap-1" data-testid={testId}>
      <Users size={12} aria-hidden />
      {capacity === null ? t("memberCount", { count }) : t("memberCountOf", { count, capacity })}
    </span>
  );
}
