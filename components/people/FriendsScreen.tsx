"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { usePresence, useRealtime } from "@/components/chat/RealtimeProvider";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode, Result } from "@/lib/errors";
import type { FriendsOverview, PersonSummary, PresenceStatus, Profile } from "@/lib/realtime/contract";
import { peopleApi } from "./api";
import { PresenceDot } from "./PresenceDot";
import { useProfileCard } from "./ProfileProvider";

const TABS = ["friends", "requests", "add", "active", "blocked"] as const;
type Tab = (typeof TABS)[number];

/** How often "Active now" is re-read while the screen is open (presence keeps the dots live between). */
const ACTIVE_REFRESH_MS = 30_000;

/** KakaoTalk's friends tab: my profile on top, then friends, requests, search, who is online and blocked people. */
export function FriendsScreen({ me, initial }: { me: Profile; initial: FriendsOverview }) {
  const t = useTranslations("people");
  const errorText = useErrorText();
  const { socket } = useRealtime();
  const { open, editMine } = useProfileCard();
  const [tab, setTab] = useState<Tab>("friends");
  const [overview, setOverview] = useState(initial);
  const [active, setActive] = useState<PersonSummary[]>([]);
  const [error, setError] = useState<ErrorCode | null>(null);

  useEffect(() => setOverview(initial), [initial]);

  const reload = useCallback(async () => {
    const [o, a] = await Promise.all([peopleApi.overview(), peopleApi.active()]);
    if (o.ok) setOverview(o.overview);
    if (a.ok) setActive(a.users);
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), ACTIVE_REFRESH_MS);
    if (!socket) return () => clearInterval(timer);
    const onChanged = () => void reload();
    socket.on("friends:changed", onChanged);
    socket.on("profile:changed", onChanged);
    socket.on("connect", onChanged);
    return () => {
      clearInterval(timer);
      socket.off("friends:changed", onChanged);
      socket.off("profile:changed", onChanged);
      socket.off("connect", onChanged);
    };
  }, [socket, reload]);

  const presence = usePresence([...overview.friends, ...active].map((p) => p.id));

  const act = async (run: () => Promise<Result>) => {
    setError(null);
    const res = await run();
    if (!res.ok) setError(res.error.code);
    await reload();
  };

  const counts: Partial<Record<Tab, number>> = {
    friends: overview.friends.length,
    requests: overview.incoming.length + overview.outgoing.length,
    blocked: overview.blocked.length,
  };

  return (
    <main className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-5 px-4 py-6 sm:px-8">
        <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>

        <section
          aria-label={t("myProfile")}
          className="relative overflow-hidden rounded-2xl bg-stone-50 ring-1 ring-stone-200"
          data-testid="my-profile"
        >
          <div
            className="h-20 bg-gradient-to-br from-brand-400 to-brand-700 bg-cover bg-center"
            style={me.backgroundImage ? { backgroundImage: `url(${me.backgroundImage})` } : undefined}
          />
          <div className="flex items-end gap-3 px-4 pb-4">
            <button type="button" onClick={() => open(me.id)} className="-mt-8 shrink-0 rounded-full bg-white p-1" aria-label={me.name}>
              <Avatar name={me.name} image={me.image} size={64} />
            </button>
            <div className="min-w-0 flex-1 pt-2">
              <p className="truncate text-lg font-bold" data-testid="my-name">
                {me.name}
              </p>
              <p className={`truncate text-sm ${me.statusMessage ? "text-stone-600" : "text-stone-400"}`} data-testid="my-status">
                {me.statusMessage || t("noStatus")}
              </p>
            </div>
            <Button variant="secondary" className="shrink-0 px-3" onClick={editMine}>
              {t("editProfile")}
            </Button>
          </div>
        </section>

        <div role="tablist" aria-label={t("title")} className="flex gap-1 overflow-x-auto border-b border-stone-200">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              onClick={() => setTab(id)}
              className={`-mb-px flex shrink-0 items-center gap-1.5 border-b-2 px-2.5 py-2 sm:px-3 text-sm font-semibold whitespace-nowrap transition ${
                tab === id ? "border-brand-500 text-stone-900" : "border-transparent text-stone-500 hover:text-stone-800"
              }`}
            >
              {t(`tabs.${id}`)}
              {id === "requests" && overview.incoming.length > 0 ? (
                <span className="rounded-full bg-red-500 px-1.5 text-[11px] leading-5 font-bold text-white" data-testid="requests-count">
                  {overview.incoming.length}
                </span>
              ) : (
                counts[id] !== undefined && <span className="text-xs font-medium text-stone-400">{counts[id]}</span>
              )}
            </button>
          ))}
        </div>

        {error && <Alert>{errorText(error)}</Alert>}

        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === "friends" && <PeopleList people={overview.friends} empty={t("noFriends")} testId="friend-list" presence={presence} />}
          {tab === "requests" && (
            <div className="flex flex-col gap-6">
              <section>
                <h2 className="pb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
                  {t("incoming", { count: overview.incoming.length })}
                </h2>
                <PeopleList
                  people={overview.incoming}
                  empty={t("noIncoming")}
                  testId="incoming-requests"
                  actions={(p) => (
                    <>
                      <Button className="px-3 text-xs" onClick={() => act(() => peopleApi.accept(p.id))}>
                        {t("actions.accept")}
                      </Button>
                      <Button variant="secondary" className="px-3 text-xs" onClick={() => act(() => peopleApi.decline(p.id))}>
                        {t("actions.decline")}
                      </Button>
                    </>
                  )}
                />
              </section>
              <section>
                <h2 className="pb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
                  {t("outgoing", { count: overview.outgoing.length })}
                </h2>
                <PeopleList
                  people={overview.outgoing}
                  empty={t("noOutgoing")}
                  testId="outgoing-requests"
                  actions={(p) => (
                    <Button variant="secondary" className="px-3 text-xs" onClick={() => act(() => peopleApi.cancel(p.id))}>
                      {t("actions.cancel")}
                    </Button>
                  )}
                />
              </section>
            </div>
          )}
          {tab === "add" && <AddFriend overview={overview} act={act} />}
          {tab === "active" && <PeopleList people={active} empty={t("noActive")} testId="active-list" presence={presence} />}
          {tab === "blocked" && (
            <PeopleList
              people={overview.blocked}
              empty={t("noBlocked")}
              testId="blocked-list"
              actions={(p) => (
                <Button variant="secondary" className="px-3 text-xs" onClick={() => act(() => peopleApi.unblock(p.id))}>
                  {t("actions.unblock")}
                </Button>
              )}
            />
          )}
        </div>
      </div>
    </main>
  );
}

/** Search by a part of a name or a whole email, and ask to be friends. */
function AddFriend({ overview, act }: { overview: FriendsOverview; act: (run: () => Promise<Result>) => Promise<void> }) {
  const t = useTranslations("people");
  const errorText = useErrorText();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);

  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!query.trim()) return;
    setError(null);
    const res = await peopleApi.search(query);
    if (res.ok) setResults(res.users);
    else setError(res.error.code);
  };

  const relation = (id: string) =>
    overview.friends.some((p) => p.id === id)
      ? "friends"
      : overview.outgoing.some((p) => p.id === id)
        ? "outgoing"
        : overview.incoming.some((p) => p.id === id)
          ? "incoming"
          : overview.blocked.some((p) => p.id === id)
            ? "blocked"
            : "none";

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={search} role="search" className="flex flex-col gap-1.5">
        <label htmlFor="people-search" className="text-sm font-medium text-stone-700">
          {t("searchLabel")}
        </label>
        <div className="flex gap-2">
          <input
            id="people-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("searchPlaceholder")}
            maxLength={254}
            aria-describedby="people-search-hint"
            className="h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 text-[15px] outline-none transition focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
          />
          <Button type="submit" className="h-11">
            {t("search")}
          </Button>
        </div>
        <p id="people-search-hint" className="text-xs text-stone-500">
          {t("searchHint")}
        </p>
      </form>
      {error && <Alert>{errorText(error)}</Alert>}
      {results && (
        <PeopleList
          people={results}
          empty={t("noResults")}
          testId="search-results"
          actions={(p) => {
            const state = relation(p.id);
            if (state === "none")
              return (
                <Button className="px-3 text-xs" onClick={() => act(() => peopleApi.request(p.id))}>
                  {t("actions.add")}
                </Button>
              );
            if (state === "incoming")
              return (
                <Button className="px-3 text-xs" onClick={() => act(() => peopleApi.accept(p.id))}>
                  {t("actions.accept")}
                </Button>
              );
            return <span className="text-xs font-medium text-stone-500">{t(`state.${state}`)}</span>;
          }}
        />
      )}
    </div>
  );
}

/** People as rows: picture (with presence when given), name and status message open the profile card. */
function PeopleList({
  people,
  empty,
  testId,
  presence,
  actions,
}: {
  people: PersonSummary[];
  empty: string;
  testId: string;
  presence?: Record<string, PresenceStatus>;
  actions?: (person: PersonSummary) => React.ReactNode;
}) {
  const { open } = useProfileCard();
  if (people.length === 0)
    return (
      <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-500 ring-1 ring-stone-200" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  return (
    <ul className="flex flex-col" data-testid={testId}>
      {people.map((p) => {
        const status = presence?.[p.id] ?? "offline";
        return (
          <li
            key={p.id}
            className="flex items-center gap-3 rounded-xl px-2 py-2 hover:bg-stone-50"
            data-testid="person"
            data-status={status}
          >
            <button type="button" onClick={() => open(p.id)} className="flex min-w-0 flex-1 items-center gap-3 text-left">
              <span className="relative shrink-0">
                <Avatar name={p.name} image={p.image} size={44} />
                {presence && <PresenceDot status={status} />}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-semibold" data-testid="person-name">
                  {p.name}
                </span>
                {p.statusMessage && (
                  <span className="block truncate text-sm text-stone-500" data-testid="person-status">
                    {p.statusMessage}
                  </span>
                )}
              </span>
            </button>
            {actions && <div className="flex shrink-0 items-center gap-1.5">{actions(p)}</div>}
          </li>
        );
      })}
    </ul>
  );
}
