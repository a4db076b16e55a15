"use client";
import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import { useMarkdown } from "@/components/chat/useMarkdown";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { ChannelSummary, SearchHit, UserSummary } from "@/lib/realtime/contract";
import { highlightParts, searchExcerpt } from "./highlight";

/**
 * The search box of a channel's or chat's header (Discord's): Enter searches this chat or
 * everywhere the user can read, with a person, dates and "has a link" as filters; the results
 * open under it, newest first, a page at a time. Choosing one opens its channel at the message
 * (`?at=<seq>`, which ChatView turns into a jump that loads the pages around it).
 * Ctrl/Cmd+F focuses the box; Esc closes the results.
 */
export function MessageSearch({ channel, members }: { channel: ChannelSummary; members: UserSummary[] }) {
  const t = useTranslations("search");
  const errorText = useErrorText();
  const { socket } = useRealtime();
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<"here" | "everywhere">("here");
  const [authorId, setAuthorId] = useState("");
  const [after, setAfter] = useState("");
  const [before, setBefore] = useState("");
  const [hasLink, setHasLink] = useState(false);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [searched, setSearched] = useState("");
  const names = new Map(members.map((m) => [m.id, m.name]));
  const markdown = useMarkdown();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f") {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  /** A date field's day as the start (after: the end) of that day in the reader's time zone. */
  const dayBound = (day: string, end: boolean) => {
    if (!day) return undefined;
    const d = new Date(`${day}T00:00:00`);
    if (Number.isNaN(d.getTime())) return "invalid";
    if (end) d.setDate(d.getDate() + 1);
    return d.toISOString();
  };

  async function run(more: boolean) {
    if (!socket) return;
    setBusy(true);
    setError(null);
    setOpen(true);
    const last = more ? hits.at(-1)?.message : undefined;
    // "After the 1st" starts once the 1st is over; "before the 3rd" ends when the 3rd begins.
    const afterIso = dayBound(after, true);
    const beforeIso = dayBound(before, false);
    const ack = await request(socket, "message:search", {
      text,
      ...(scope === "here" ? { channelId: channel.id } : {}),
      ...(authorId ? { authorId } : {}),
      ...(afterIso ? { after: afterIso } : {}),
      ...(beforeIso ? { before: beforeIso } : {}),
      ...(hasLink ? { hasLink } : {}),
      ...(last ? { below: { createdAt: last.createdAt, id: last.id } } : {}),
    });
    setBusy(false);
    if (!ack.ok) {
      setError(ack.error.code);
      if (!more) setHits([]);
      return;
    }
    setSearched(text.trim());
    setHits(more ? [...hits, ...ack.hits] : ack.hits);
    setHasMore(ack.hasMore);
  }

  function go(hit: SearchHit) {
    const base = hit.channel.spaceId ? `/spaces/${hit.channel.spaceId}/${hit.channel.id}` : `/chats/${hit.channel.id}`;
    setOpen(false);
    router.push(`${base}?at=${hit.message.seq}`);
  }

  const place = (hit: SearchHit) =>
    hit.channel.spaceId ? t("inSpace", { space: hit.spaceName ?? "", channel: hit.channel.name }) : hit.channel.name || hit.members.join(", ");

  return (
    <div className="relative" onKeyDown={(e) => e.key === "Escape" && open && (e.stopPropagation(), setOpen(false))}>
      <form
        role="search"
        aria-label={t("label")}
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
        className="flex items-center"
      >
        {/* On a phone the box is its icon until used (the header's title keeps its room), then opens out. */}
        <label
          className={`flex h-8 items-center gap-1 rounded-md bg-stone-100 px-2 text-sm text-stone-600 transition-[width] focus-within:ring-2 focus-within:ring-brand-500 sm:w-48 ${text ? "w-40" : "w-9 focus-within:w-40"}`}
          data-testid="search-box"
        >
          <Search aria-hidden size={14} className="shrink-0" />
          <span className="sr-only">{t("label")}</span>
          <input
            ref={input}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onFocus={() => searched && setOpen(true)}
            maxLength={LIMITS.searchTextMaxChars * 2}
            placeholder={t("placeholder")}
            title={`${t("label")} (${t("shortcut")})`}
            aria-controls={open ? `${id}-panel` : undefined}
            className="min-w-0 flex-1 bg-transparent outline-none placeholder:text-transparent focus:placeholder:text-stone-500 sm:placeholder:text-stone-500"
            data-testid="search-input"
          />
        </label>
      </form>
      {open && (
        <div
          id={`${id}-panel`}
          role="region"
          aria-label={t("label")}
          className="fixed inset-x-0 top-14 bottom-0 z-30 flex flex-col border-stone-200 bg-white shadow-xl sm:absolute sm:inset-x-auto sm:top-10 sm:right-0 sm:bottom-auto sm:max-h-[75vh] sm:w-[28rem] sm:rounded-lg sm:border"
          data-testid="search-panel"
        >
          <div className="flex flex-wrap items-end gap-2 border-b border-stone-200 p-3 text-xs text-stone-600">
            <label className="flex flex-col gap-1">
              {t("scope")}
              <select value={scope} onChange={(e) => setScope(e.target.value as "here" | "everywhere")} className="rounded border border-stone-300 bg-white px-1 py-1" data-testid="search-scope">
                <option value="here">{t("here")}</option>
                <option value="everywhere">{t("everywhere")}</option>
              </select>
            </label>
            <label className="flex flex-col gap-1">
              {t("from")}
              <select value={authorId} onChange={(e) => setAuthorId(e.target.value)} className="max-w-32 rounded border border-stone-300 bg-white px-1 py-1" data-testid="search-from">
                <option value="">{t("anyone")}</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              {t("after")}
              <input type="date" value={after} onChange={(e) => setAfter(e.target.value)} className="rounded border border-stone-300 bg-white px-1 py-0.5" data-testid="search-after" />
            </label>
            <label className="flex flex-col gap-1">
              {t("before")}
              <input type="date" value={before} onChange={(e) => setBefore(e.target.value)} className="rounded border border-stone-300 bg-white px-1 py-0.5" data-testid="search-before" />
            </label>
            <label className="flex items-center gap-1 py-1">
              <input type="checkbox" checked={hasLink} onChange={(e) => setHasLink(e.target.checked)} data-testid="search-has-link" />
              {t("hasLink")}
            </label>
            <button type="button" onClick={() => void run(false)} className="rounded bg-brand-600 px-2 py-1 font-semibold text-white hover:bg-brand-700">
              {t("submit")}
            </button>
            <button type="button" onClick={() => setOpen(false)} aria-label={t("close")} title={t("close")} className="ml-auto rounded p-1 hover:bg-stone-100">
              <X aria-hidden size={16} />
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={busy}>
            <p role="status" className="px-3 pt-2 text-xs font-semibold text-stone-500" data-testid="search-status">
              {error ? <span className="text-red-600">{errorText(error)}</span> : busy ? t("searching") : searched ? t("results", { count: hits.length }) + (hasMore ? "+" : "") : ""}
            </p>
            {!busy && !error && searched && hits.length === 0 && <p className="px-3 py-4 text-sm text-stone-500">{t("none", { text: searched })}</p>}
            <ol className="flex flex-col gap-1 p-2">
              {hits.map((hit) => (
                <li key={hit.message.id}>
                  <button
                    type="button"
                    onClick={() => go(hit)}
                    aria-label={`${t("open")}: ${hit.message.author.name}, ${place(hit)}`}
                    className="w-full rounded-md px-2 py-1.5 text-left hover:bg-stone-100 focus-visible:bg-stone-100"
                    data-testid="search-hit"
                  >
                    <span className="flex items-baseline gap-2 text-xs text-stone-500">
                      <span className="truncate">{place(hit)}</span>
                      <time dateTime={hit.message.createdAt} className="ml-auto shrink-0">
                        {new Date(hit.message.createdAt).toLocaleString()}
                      </time>
                    </span>
                    <span className="block text-sm font-semibold">{hit.message.author.name}</span>
                    <span className="line-clamp-3 block text-sm break-words text-stone-800" data-testid="search-hit-text">
                      {highlightParts(searchExcerpt(markdown.plain(hit.message.body, (uid) => names.get(uid)), searched), searched).map((part, i) =>
                        part.match ? (
                          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-stone-900">
                            {part.text}
                          </mark>
                        ) : (
                          <span key={i}>{part.text}</span>
                        ),
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
            {hasMore && !busy && (
              <button type="button" onClick={() => void run(true)} className="mx-3 mb-3 rounded-md border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100" data-testid="search-more">
                {t("more")}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
