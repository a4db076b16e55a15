import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UserMenu } from "@/components/app/AppShell";
import { CreateSpaceForm } from "@/components/spaces/CreateSpaceForm";
import { currentUser } from "@/server/auth";
import { listMySpaces } from "@/server/services/spaces";

export default async function SpacesHome() {
  const me = (await currentUser())!; // the layout already required a user
  const [spaces, t] = await Promise.all([listMySpaces(me.id), getTranslations("spaces")]);
  return (
    <div className="flex min-w-0 flex-1 flex-col bg-white">
      <main className="flex-1 overflow-y-auto">
        <div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-8 sm:px-8">
          <section>
            <h1 className="text-2xl font-extrabold tracking-tight">{t("yourSpaces")}</h1>
            {spaces.length === 0 ? (
              <p className="mt-3 rounded-xl bg-stone-50 p-4 text-sm text-stone-600 ring-1 ring-stone-200">{t("noSpaces")}</p>
            ) : (
              <ul className="mt-4 grid gap-3 sm:grid-cols-2">
                {spaces.map((space) => (
                  <li key={space.id}>
                    <Link
                      href={`/spaces/${space.id}/${space.defaultChannelId}`}
                      className="flex items-center gap-3 rounded-xl p-3 ring-1 ring-stone-200 transition hover:bg-brand-50 hover:ring-brand-200"
                    >
                      <span className="flex h-11 w-11 items-center justify-center rounded-xl bg-brand-500 text-lg font-bold text-white">
                        {[...space.name][0]}
                      </span>
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
