import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-5xl font-black text-brand-500">404</p>
      <h1 className="text-stone-600">{t("errors.not_found")}</h1>
      <Link href="/" className="font-semibold text-brand-600 hover:underline">
        {t("invite.goHome")}
      </Link>
    </main>
  );
}
