import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { ThemeSelect } from "@/components/ui/ThemeSwitcher";
import { THEME_COOKIE, parseTheme } from "@/lib/theme";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { Logo } from "@/components/ui/Logo";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("app");
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-stone-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo size={56} />
          <h1 className="text-2xl font-extrabold tracking-tight">{t("name")}</h1>
          <p className="text-sm text-stone-500">{t("tagline")}</p>
        </div>
        <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200">{children}</div>
        <div className="mt-4 flex justify-center gap-2">
          <LocaleSwitcher />
          <ThemeSelect serverTheme={theme} />
        </div>
      </div>
    </main>
  );
}
