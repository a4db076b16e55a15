"use client";
import * as Tabs from "@radix-ui/react-tabs";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChannelHeader } from "@/components/chat/ChannelHeader";
import { Avatar } from "@/components/ui/Avatar";
import { useErrorText } from "@/components/ui/useErrorText";
import { sendJson } from "@/lib/api-client";
import type { LeaderboardView as Board } from "@/lib/api/study-stats";
import { AttendanceSection } from "./AttendanceSection";
import { useStudyFormat } from "./format";

const PERIODS = ["today", "week", "month"] as const;
type Period = (typeof PERIODS)[number];

/**
 * A space's study leaderboard in place of a channel (server/study/leaderboard.ts): today, this
 * week and this month as tabs, each member's rank, name and time, the reader's own row marked,
 * and the group's total. The first tab comes with the page; the others are read when chosen.
 * Below the tabs, attendance at the space's scheduled sessions (./AttendanceSection.tsx).
 */
export function LeaderboardView({
  spaceId,
  spaceName,
  myId,
  first,
  onOpenChannels,
  onOpenMembers,
}: {
  spaceId: string;
  spaceName: string;
  myId: string;
  first: Board;
  onOpenChannels: () => void;
  onOpenMembers: () => void;
}) {
  const t = useTranslations("studyStats");
  const errorText = useErrorText();
  const [boards, setBoards] = useState<Partial<Record<Period, Board>>>({ [first.period]: first });
  const [period, setPeriod] = useState<Period>(first.period);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: string) {
    const p = next as Period;
    setPeriod(p);
    setError(null);
    const res = await sendJson<{ leaderboard: Board }>("GET", `/api/spaces/${spaceId}/leaderboard?period=${p}`);
    if (!res.ok) return setError(`${t("loadFailed")} ${errorText(res.error.code)}`);
    setBoards((b) => ({ ...b, [p]: res.leaderboard }));
  }

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" data-testid="leaderboard-view">
      <ChannelHeader onOpenChannels={onOpenChannels} onOpenMembers={onOpenMembers}>
        <span className="truncate">{t("leaderboardHeading", { space: spaceName })}</span>
      </ChannelHeader>
      <Tabs.Root value={period} onValueChange={(v) => void choose(v)} className="flex min-h-0 flex-1 flex-col">
        <Tabs.List aria-label={t("period")} className="flex shrink-0 gap-1 border-b border-stone-200 px-3 sm:px-6">
          {PERIODS.map((p) => (
            <Tabs.Trigger
              key={p}
              value={p}
              className="-mb-px border-b-2 border-transparent px-3 py-2.5 text-sm font-medium text-stone-600 hover:text-stone-900 data-[state=active]:border-brand-500 data-[state=active]:text-stone-900"
              data-testid={`tab-${p}`}
            >
              {t(p)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {error && (
          <p role="alert" className="mx-3 mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:mx-6">
            {error}
          </p>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-6">
          {PERIODS.map((p) => (
            <Tabs.Content key={p} value={p} className="focus:outline-none">
              {boards[p] ? <Ranking board={boards[p]} myId={myId} /> : <p className="text-sm text-stone-500">…</p>}
            </Tabs.Content>
          ))}
          <div className="mx-auto mt-8 max-w-2xl">
            <AttendanceSection spaceId={spaceId} myId={myId} />
          </div>
        </div>
      </Tabs.Root>
    </main>
  );
}

function Ranking({ board, myId }: { board: Board; myId: string }) {
  const t = useTranslations("studyStats");
  const { duration } = useStudyFormat();
  const anyone = board.entries.some((e) => e.ms > 0);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3">
      <div className="flex items-center gap-3 rounded-xl bg-stone-50 px-4 py-3 ring-1 ring-stone-200" data-testid="group-total">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-stone-600">{t("groupTotal")}</p>
          <p className="text-xs text-stone-500">{t("groupTotalHint", { members: board.memberCount })}</p>
        </div>
        <p className="text-xl font-bold text-stone-900 tabular-nums" data-testid="group-total-time">
          {duration(board.totalMs)}
        </p>
      </div>
      {board.me.hidden && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("hiddenNote")}</p>}
      {!anyone ? (
        <p className="rounded-lg bg-stone-50 px-4 py-6 text-center text-sm text-stone-600">{t("emptyBoard")}</p>
      ) : (
        <ol className="flex flex-col divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200" aria-label={t("leaderboard")}>
          {board.entries.map((e) => {
            const mine = e.user.id === myId;
            return (
              <li
                key={e.user.id}
                aria-current={mine ? "true" : undefined}
                className={`flex items-center gap-3 px-3 py-2.5 ${mine ? "bg-brand-50 ring-2 ring-brand-300 ring-inset first:rounded-t-xl last:rounded-b-xl" : ""}`}
                data-testid="leaderboard-row"
              >
                <span
                  className={`w-8 shrink-0 text-center text-sm font-bold tabular-nums ${e.rank <= 3 && e.ms > 0 ? "text-brand-700" : "text-stone-500"}`}
                  aria-label={t("rank", { rank: e.rank })}
                >
                  {e.rank}
                </span>
                <Avatar name={e.user.name} image={e.user.image} size={32} />
                <span className="min-w-0 flex-1 truncate text-[15px] text-stone-900" data-testid="leaderboard-name">
                  {e.user.name}
                  {mine && <span className="ml-1.5 rounded bg-brand-500 px-1.5 py-0.5 text-[11px] font-semibold text-white">{t("you")}</span>}
                </span>
                <span className="shrink-0 text-sm font-medium text-stone-700 tabular-nums" data-testid="leaderboard-time">
                  {duration(e.ms)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <p className="text-xs text-stone-500">{t("periodNote")}</p>
    </div>
  );
}
