"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Search, Target, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { SpaceIcon } from "@/components/spaces/SpaceIcon";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { toastDone } from "@/components/ui/Toaster";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson, sendJson } from "@/lib/api-client";
import { STUDY_LIMITS, STUDY_STATUSES, type StudyGroupCard, type StudyStatus } from "@/lib/study-group-types";
import { MemberCount, StatusBadge, TagChip } from "./StudyBits";

export interface DirectoryPage {
  groups: StudyGroupCard[];
  hasMore: boolean;
}

interface Filters {
  q: string;
  tag: string;
  status: StudyStatus | "";
}

function queryOf(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.status) params.set("status", filters.status);
  if (page > 1) params.set("page", String(page));
  return params.size ? `?${params}` : "";
}

/**
 * The directory of listed study groups: a search (name, tag, target), a status filter, tag
 * chips that filter by that tag, and pages of cards. A card's actions change only that card
 * (the server answers it as the viewer now sees it); a decided request arrives live.
 */
export function StudyDirectory({ first }: { first: DirectoryPage }) {
  const t = useTranslations("study");
  const [filters, setFilters] = useState<Filters>({ q: "", tag: "", status: "" });
  const [groups, setGroups] = useState(first.groups);
  const [hasMore, setHasMore] = useState(first.hasMore);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);
  const [asking, setAsking] = useState<StudyGroupCard | null>(null);
  const errorText = useErrorText();
  const latest = useRef(0);
  const initial = useRef(true);
  const { socket } = useRealtime();

  // Typing settles for a moment before the directory is asked; an older answer never wins.
  useEffect(() => {
    if (initial.current) {
      initial.current = false;
      return;
    }
    const asked = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await sendJson<DirectoryPage>("GET", `/api/study/groups${queryOf(filters, 1)}`);
      if (asked !== latest.current) return;
      setFailed(!result.ok);
      if (result.ok) {
        setGroups(result.groups);
        setHasMore(result.hasMore);
        setPage(1);
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [filters]);

  useEffect(() => {
    if (!socket) return;
    const onDecided = (e: { spaceId: string; approved: boolean }) =>
      setGroups((list) =>
        list.map((g) =>
          g.spaceId === e.spaceId ? { ...g, me: e.approved ? "member" : "declined", memberCount: g.memberCount + (e.approved ? 1 : 0) } : g,
        ),
      );
    socket.on("study:requestDecided", onDecided);
    return () => void socket.off("study:requestDecided", onDecided);
  }, [socket]);

  const more = async () => {
    const result = await sendJson<DirectoryPage>("GET", `/api/study/groups${queryOf(filters, page + 1)}`);
    if (!result.ok) return setFailed(true);
    const known = new Set(groups.map((g) => g.spaceId));
    setGroups([...groups, ...result.groups.filter((g) => !known.has(g.spaceId))]);
    setHasMore(result.hasMore);
    setPage(page + 1);
  };
  const replace = (card: StudyGroupCard) => setGroups((list) => list.map((g) => (g.spaceId === card.spaceId ? card : g)));

  return (
    <main id="main" className="flex min-h-0 min-w-0 flex-1 flex-col overflow-y-auto bg-stone-50">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-5 px-4 py-6 md:px-8">
        <header className="flex flex-col gap-1">
          <h1 className="text-2xl font-extrabold tracking-tight">{t("directoryTitle")}</h1>
          <p className="text-sm text-stone-500">{t("directoryHint")}</p>
        </header>
        <form role="search" className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => e.preventDefault()}>
          <label className="flex h-11 min-w-0 shrink-0 items-center gap-2 rounded-xl sm:flex-1 border border-stone-300 bg-white px-3 focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-200">
            <Search size={18} aria-hidden className="shrink-0 text-stone-400" />
            <span className="sr-only">{t("searchLabel")}</span>
            <input
              type="search"
              value={filters.q}
              maxLength={STUDY_LIMITS.searchMaxChars}
              placeholder={t("searchPlaceholder")}
              onChange={(e) => setFilters({ ...filters, q: e.target.value })}
              className="min-w-0 flex-1 bg-transparent text-[15px] outline-none"
              data-testid="study-search"
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <span className="sr-only">{t("statusFilter")}</span>
            <select
              value={filters.status}
              onChange={(e) => setFilters({ ...filters, status: e.target.value as Filters["status"] })}
              className="h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200 sm:w-36"
              aria-label={t("statusFilter")}
            >
              <option value="">
                {t("statusFilter")}: {t("allStatuses")}
              </option>
              {STUDY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </form>
        {filters.tag && (
          <div>
            <button
              type="button"
              onClick={() => setFilters({ ...filters, tag: "" })}
              className="inline-flex items-center gap-1 rounded-full bg-brand-500 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-600"
              aria-label={t("clearTag", { tag: filters.tag })}
            >
              {t("onlyTag", { tag: filters.tag })}
              <X size={14} aria-hidden />
            </button>
          </div>
        )}
        {failed && <Alert>{errorText("internal")}</Alert>}
        {groups.length === 0 ? (
          <p className="rounded-2xl bg-white p-8 text-center text-sm text-stone-500 ring-1 ring-stone-200">{t("empty")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("results")} data-testid="study-cards">
            {groups.map((group) => (
              <StudyCard
                key={group.spaceId}
                group={group}
                onTag={(tag) => setFilters({ ...filters, tag })}
                onChange={replace}
                onRequest={setAsking}
              />
            ))}
          </ul>
        )}
        {hasMore && (
          <Button variant="secondary" className="self-center" onClick={() => void more()}>
            {t("more")}
          </Button>
        )}
      </div>
      {asking && (
        <RequestDialog
          group={asking}
          onClose={() => setAsking(null)}
          onDone={(card) => {
            replace(card);
            setAsking(null);
            toastDone(t("requestSent"));
          }}
        />
      )}
    </main>
  );
}

function StudyCard({
  group,
  onTag,
  onChange,
  onRequest,
}: {
  group: StudyGroupCard;
  onTag: (tag: string) => void;
  onChange: (card: StudyGroupCard) => void;
  onRequest: (group: StudyGroupCard) => void;
}) {
  const t = useTranslations("study");
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = group.capacity !== null && group.memberCount >= group.capacity;
  const closed = group.status === "finished";
  const base = `/api/spaces/${group.spaceId}/study`;

  async function act<T extends object>(
    call: () => Promise<({ ok: true } & T) | { ok: false; error: { code: string } }>,
    done: (r: T) => void,
  ) {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error.code as never));
    done(result as T);
  }

  return (
    <li
      className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="study-card"
      data-space-id={group.spaceId}
    >
      <div className="flex min-w-0 items-start gap-3">
        <SpaceIcon name={group.name} icon={group.icon} size={44} className="rounded-xl" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-bold" title={group.name}>
            {group.name}
          </h2>
          <p className="flex flex-wrap items-center gap-x-2 text-xs text-stone-500">
            <span className="truncate">{t("organizer", { name: group.organizer.name })}</span>
            <MemberCount count={group.memberCount} capacity={group.capacity} testId="study-members" />
          </p>
          {group.studyingNow > 0 && (
            <p className="mt-0.5 flex items-center gap-1.5 text-xs font-semibold text-emerald-700" data-testid="study-studying-now">
              <span aria-hidden className="size-2 shrink-0 rounded-full bg-emerald-500" />
              {t("studyingNow", { count: group.studyingNow })}
            </p>
          )}
        </div>
        <StatusBadge status={group.status} />
      </div>
      {group.target && (
        <p className="flex min-w-0 items-center gap-1.5 text-sm font-semibold text-stone-800">
          <Target size={15} aria-hidden className="shrink-0 text-brand-600" />
          <span className="truncate">{group.target}</span>
        </p>
      )}
      {group.description && <p className="line-clamp-3 text-sm break-words whitespace-pre-line text-stone-600">{group.description}</p>}
      {group.tags.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {group.tags.map((tag) => (
            <li key={tag}>
              <TagChip tag={tag} onClick={() => onTag(tag)} />
            </li>
          ))}
        </ul>
      )}
      {group.me === "declined" && (
        <p className="text-xs text-stone-500" data-testid="study-declined">
          {t("declinedNote")}
        </p>
      )}
      <div className="mt-auto flex flex-wrap gap-2 pt-1">
        {group.me === "member" ? (
          <Link
            href={`/spaces/${group.spaceId}`}
            className="inline-flex h-10 items-center justify-center rounded-lg bg-brand-500 px-4 text-sm font-semibold text-white hover:bg-brand-600"
          >
            {t("open")}
          </Link>
        ) : group.me === "pending" ? (
          <>
            <span
              className="inline-flex h-10 items-center rounded-lg bg-amber-50 px-3 text-sm font-semibold text-amber-800"
              data-testid="study-pending"
            >
              {t("pending")}
            </span>
            <Button
              variant="ghost"
              disabled={busy}
              onClick={() =>
                void act<{ card: StudyGroupCard }>(
                  () => sendJson("DELETE", `${base}/requests`),
                  (r) => onChange(r.card),
                )
              }
            >
              {t("cancelRequest")}
            </Button>
          </>
        ) : closed ? null : full ? (
          <span className="inline-flex h-10 items-center rounded-lg bg-stone-100 px-3 text-sm font-semibold text-stone-500">
            {t("full")}
          </span>
        ) : group.joinMode === "direct" ? (
          <Button
            disabled={busy}
            onClick={() =>
              void act<{ card: StudyGroupCard }>(
                () => postJson(`${base}/join`),
                (r) => {
                  onChange(r.card);
                  toastDone(t("joined", { name: group.name }));
                  router.refresh(); // the rail gains the space
                },
              )
            }
          >
            {t("join")}
          </Button>
        ) : (
          <Button disabled={busy} onClick={() => onRequest(group)}>
            {t("requestJoin")}
          </Button>
        )}
        {group.me !== "member" || group.inquiryChannelId ? (
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              void act<{ channelId: string }>(
                () => postJson(`${base}/inquiry`),
                (r) => router.push(`/chats/${r.channelId}`),
              )
            }
          >
            {t("ask")}
          </Button>
        ) : null}
      </div>
      {error && <Alert>{error}</Alert>}
    </li>
  );
}

function RequestDialog({ group, onClose, onDone }: { group: StudyGroupCard; onClose: () => void; onDone: (card: StudyGroupCard) => void }) {
  const t = useTranslations("study");
  const errorText = useErrorText();
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("requestTitle", { name: group.name })}>
      <form
        className="flex flex-col gap-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const result = await postJson<{ card: StudyGroupCard }>(`/api/spaces/${group.spaceId}/study/requests`, { message });
          setBusy(false);
          if (result.ok) onDone(result.card);
          else setError(errorText(result.error.code));
        }}
      >
        <label className="flex flex-col gap-1.5 text-sm font-medium text-stone-700">
          {t("requestMessage")}
          <textarea
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={STUDY_LIMITS.requestMessageMaxChars}
            rows={3}
            placeholder={t("requestPlaceholder")}
            className="resize-none rounded-lg border border-stone-300 bg-white px-3 py-2 text-[15px] font-normal outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
            autoFocus
          />
        </label>
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={busy}>
            {t("requestSend")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
