"use client";
import { Bell, Link2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { useErrorText } from "@/components/ui/useErrorText";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { postJson, sendJson } from "@/lib/api-client";
import { CalendarView, spaceStyle } from "./CalendarView";
import { useReminders } from "./reminder-store";

/** The personal calendar: every space's events colour-coded by space, the reminders given, and the private feed. */
export function PersonalCalendar({
  spaces,
  feed,
  nowMs,
}: {
  spaces: Array<{ id: string; name: string }>;
  feed: { active: boolean; createdAt: string | null };
  nowMs: number;
}) {
  const t = useTranslations("calendar");
  const [panel, setPanel] = useState(false);
  const side = <SidePanel spaces={spaces} feed={feed} />;
  return (
    <div className="flex min-w-0 flex-1">
      <CalendarView
        scope={{ kind: "personal", spaces }}
        nowMs={nowMs}
        header={
          <header className="flex h-14 shrink-0 items-center gap-2 border-b border-stone-200 px-3 sm:px-4">
            <h1 className="min-w-0 flex-1 truncate font-bold">{t("myHeading")}</h1>
            <button
              type="button"
              onClick={() => setPanel(true)}
              aria-label={`${t("reminders")} · ${t("feedTitle")}`}
              className="rounded-md p-2 text-stone-600 hover:bg-stone-100 lg:hidden"
            >
              <Bell aria-hidden size={20} />
            </button>
          </header>
        }
      />
      <aside className="hidden w-72 shrink-0 overflow-y-auto border-l border-stone-200 bg-stone-50 p-4 lg:block">{side}</aside>
      <Dialog open={panel} onOpenChange={setPanel} title={t("myHeading")}>
        {side}
      </Dialog>
    </div>
  );
}

function SidePanel({ spaces, feed }: { spaces: Array<{ id: string; name: string }>; feed: { active: boolean; createdAt: string | null } }) {
  const t = useTranslations("calendar");
  const reminders = useReminders();
  const format = useZonedFormat();
  return (
    <div className="flex flex-col gap-5 text-sm">
      <section aria-labelledby="cal-legend">
        <h2 id="cal-legend" className="mb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
          {t("spaceLegend")}
        </h2>
        <ul className="flex flex-col gap-1">
          {spaces.map((s) => (
            <li key={s.id}>
              <Link
                href={`/spaces/${s.id}/calendar`}
                className="flex min-w-0 items-center gap-2 rounded border-l-4 px-2 py-1 hover:underline"
                style={spaceStyle(s.id)}
              >
                <span className="min-w-0 truncate">{s.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="cal-reminders" data-testid="reminder-list">
        <h2 id="cal-reminders" className="mb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
          {t("reminders")}
        </h2>
        {reminders.length === 0 ? (
          <p className="text-stone-500">{t("noReminders")}</p>
        ) : (
          <ul className="flex flex-col gap-1.5">
            {reminders.map((r) => (
              <li key={`${r.eventId}:${r.occurrence}`} className="rounded-lg bg-white p-2 ring-1 ring-stone-200">
                <p className="font-medium break-words">{r.title}</p>
                <p className="text-xs text-stone-500">
                  {r.spaceName} · {format(new Date(r.start), { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}
                </p>
                {r.videoChannelId && (
                  <Link
                    href={`/spaces/${r.spaceId}/${r.videoChannelId}`}
                    className="mt-1 inline-block text-xs font-semibold text-emerald-700 hover:underline"
                  >
                    {t("join")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <FeedPanel initial={feed} />
    </div>
  );
}

/** The private iCalendar address: made (shown once), made again (the old one stops), or turned off. */
function FeedPanel({ initial }: { initial: { active: boolean; createdAt: string | null } }) {
  const t = useTranslations("calendar");
  const errorText = useErrorText();
  const format = useZonedFormat();
  const [status, setStatus] = useState(initial);
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function make() {
    const res = await postJson<{ token: string; path: string }>("/api/calendar/feed", {});
    if (!res.ok) return setError(errorText(res.error.code));
    setError(null);
    setUrl(`${window.location.origin}${res.path}`);
    setCopied(false);
    setStatus({ active: true, createdAt: new Date().toISOString() });
  }
  async function revoke() {
    const res = await sendJson("DELETE", "/api/calendar/feed");
    if (!res.ok) return setError(errorText(res.error.code));
    setUrl(null);
    setStatus({ active: false, createdAt: null });
  }
  return (
    <section aria-labelledby="cal-feed" className="flex flex-col gap-2" data-testid="feed-panel">
      <h2 id="cal-feed" className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-stone-500 uppercase">
        <Link2 aria-hidden size={14} /> {t("feedTitle")}
      </h2>
      <p className="text-stone-600">{t("feedIntro")}</p>
      {url ? (
        <div className="flex flex-col gap-1.5">
          <label className="text-xs font-medium text-stone-700" htmlFor="feed-url">
            {t("feedUrl")}
          </label>
          <input
            id="feed-url"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
            className="h-9 rounded border border-stone-300 bg-white px-2 font-mono text-xs"
            data-testid="feed-url"
          />
          <Button
            variant="secondary"
            className="h-8 self-start px-3"
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("feedCopied") : t("feedCopy")}
          </Button>
        </div>
      ) : (
        <p className="text-xs text-stone-500">
          {status.active && status.createdAt
            ? t("feedActive", { date: format(new Date(status.createdAt), { year: "numeric", month: "short", day: "numeric" }) })
            : t("feedOff")}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button className="h-8 px-3" onClick={() => void make()} data-testid="feed-make">
          {status.active ? t("feedRegenerate") : t("feedMake")}
        </Button>
        {status.active && (
          <Button variant="ghost" className="h-8 px-3" onClick={() => void revoke()} data-testid="feed-revoke">
            {t("feedRevoke")}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
