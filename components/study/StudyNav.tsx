"use client";

import { BarChart3, Timer, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const SECTIONS = [
  { href: "/study", key: "sectionTimer", Icon: Timer },
  { href: "/study/groups", key: "sectionGroups", Icon: Users },
  { href: "/study/stats", key: "sectionStats", Icon: BarChart3 },
] as const;

/**
 * The study pages' own tabs (the timer, the group directory, one's stats), above each page's
 * header: the rail and the phone tab bar have one Study entry, and these lead on from it.
 */
export function StudyNav() {
  const t = useTranslations("studyTimer");
  const pathname = usePathname();
  return (
    <nav aria-label={t("sectionsLabel")} className="shrink-0 border-b border-stone-200 bg-white" data-testid="study-nav">
      <ul className="mx-auto flex max-w-5xl gap-1 px-2 sm:px-4 md:px-6">
        {SECTIONS.map(({ href, key, Icon }) => {
          const current = pathname === href;
          return (
            <li key={href} className="flex-1 sm:flex-none">
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px flex h-12 items-center justify-center gap-2 border-b-2 px-3 text-sm whitespace-nowrap outline-none focus-visible:ring-2 focus-visible:ring-brand-400 focus-visible:ring-inset sm:px-4 ${
                  current
                    ? "border-brand-500 font-bold text-stone-900"
                    : "border-transparent font-medium text-stone-500 hover:border-stone-300 hover:text-stone-800"
                }`}
              >
                <Icon size={17} aria-hidden className={current ? "text-brand-600" : undefined} />
                {t(key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
