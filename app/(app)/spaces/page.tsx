import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { CreateSpaceForm } from "@/components/spaces/CreateSpaceForm";
import { SpaceIcon } from "@/components/spaces/SpaceIcon";
import { requirePageUser } from "@/server/page-user";
import { listMySpaces } from "@/server/services/spaces";

const REASONS = ["kicked", "banned", "left", "deleted"] as const;

export default async function SpacesHome({ searchParams }: { searchParams: Promise<{ removed?: string; reason?: string }> }) {
  const me = await requirePageUser();
  const [spaces, t, { removed, reason }] = await Promise.all([listMySpaces(me.id), getTranslations("spaces"), searchParams]);
  const why = REASONS.find((r) => r === reason);
  return (
    <div className="flex min-w-0 flex-1 flex-col bg-white">
      <main className="flex-1 overflow-y-auto">
        <div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-8 sm:px-8">
          {removed && why && (
            <p
              role="status"
              className="rounded-xl bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-200"
              data-testid="removed-notice"
            >
              {t(`removed.${why}`, { space: removed.slice(0, 64) })}
            </p>
          )}
          <section>
            <h1 className="text-2xl font-extrabold tracking-tight">{t("yourSpaces")}</h1>
            {spaces.length === 0 ? (
              <p className="mt-3 rounded-xl bg-stone-50 p-4 text-sm text-stone-600 ring-1 ring-stone-200">{t("noSpaces")}</p>
            ) : (
              <ul className="mt-4 grid gap-3 sm:grid-cols-2">
                {spaces.map((space) => (
                  <li key={space.id}>
                    <Link
                      href={space.defaultChannelId ? `/spaces/${space.id}/${space.defaultChannelId}` : "/spaces"}
                      className="flex items-center gap-3 rounded-xl p-3 ring-1 ring-stone-200 transition hover:bg-brand-50 hover:ring-brand-200"
                    >
                      <SpaceIcon name={space.name} icon={space.icon} size={44} className="rounded-xl" />
                      <span className="min-w-0 flex-1 truncate font-semibold">{space.name}</span>
                      <span className="text-sm text-stone-400">{t("open")} →</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section id="create" className="rounded-2xl bg-stone-50 p-5 ring-1 ring-stone-200">
            <h2 className="text-lg font-bold">{t("create")}</h2>
            <p className="mt-1 text-sm text-stone-500">{t("createHint")}</p>
            <CreateSpaceForm />
          </section>
        </div>
      </main>
      <div className="md:hidden">
        <UserMenu me={me} />
      </div>
    </div>
  );
}
