"use client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { sendJson } from "@/lib/api-client";
import type { UserSummary } from "@/lib/realtime/contract";

/** The people the user can chat with (GET /api/conversations/contacts), loaded when asked for. */
export function useContacts(active: boolean) {
  const [contacts, setContacts] = useState<UserSummary[] | null>(null);
  useEffect(() => {
    if (!active) return;
    let stale = false;
    void sendJson<{ contacts: UserSummary[] }>("GET", "/api/conversations/contacts").then((result) => {
      if (!stale && result.ok) setContacts(result.contacts);
    });
    return () => {
      stale = true;
    };
  }, [active]);
  return contacts;
}

/** Pick people from a list with a filter box; the chosen ones show as removable chips above. */
export function PeoplePicker({
  people,
  selected,
  onChange,
  max,
}: {
  people: UserSummary[] | null;
  selected: UserSummary[];
  onChange: (selected: UserSummary[]) => void;
  /** How many may be chosen at most. */
  max: number;
}) {
  const t = useTranslations("conversations");
  const [query, setQuery] = useState("");
  const chosen = new Set(selected.map((p) => p.id));
  const needle = query.trim().toLocaleLowerCase();
  const shown = (people ?? []).filter((p) => !needle || p.name.toLocaleLowerCase().includes(needle));
  const toggle = (person: UserSummary) =>
    onChange(chosen.has(person.id) ? selected.filter((p) => p.id !== person.id) : [...selected, person]);

  return (
    <div className="flex flex-col gap-3">
      {selected.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("selected", { count: selected.length })}>
          {selected.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => toggle(p)}
                aria-label={t("remove", { name: p.name })}
                className="flex h-7 items-center gap-1 rounded-full bg-brand-50 pr-2 pl-1 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-100"
              >
                <Avatar name={p.name} image={p.image} size={20} />
                {p.name}
                <X size={14} aria-hidden="true" className="text-brand-600" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t("filter")}
        aria-label={t("filter")}
        className="h-10 rounded-lg border border-stone-300 bg-white px-3 text-[15px] outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
      />
      <div className="-mx-2 max-h-64 min-h-24 overflow-y-auto">
        {people === null ? (
          <p className="px-2 py-4 text-center text-sm text-stone-400">…</p>
        ) : people.length === 0 ? (
          <p className="px-2 py-4 text-sm text-stone-500">{t("noContacts")}</p>
        ) : shown.length === 0 ? (
          <p className="px-2 py-4 text-sm text-stone-500">{t("noMatch", { query: query.trim() })}</p>
        ) : (
          <ul data-testid="people-picker">
            {shown.map((p) => (
              <li key={p.id}>
                <label className="flex cursor-pointer items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-stone-50">
                  <Avatar name={p.name} image={p.image} size={36} />
                  <span className="min-w-0 flex-1 truncate font-medium">{p.name}</span>
                  <input
                    type="checkbox"
                    checked={chosen.has(p.id)}
                    disabled={!chosen.has(p.id) && selected.length >= max}
                    onChange={() => toggle(p)}
                    aria-label={p.name}
                    className="h-5 w-5 accent-brand-500"
                  />
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
