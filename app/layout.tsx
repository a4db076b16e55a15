import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/ui/TimeZoneSync";
import { Toaster } from "@/components/ui/Toaster";
import "./fonts.css";
import { cookies } from "next/headers";
import { THEME_COOKIE, parseTheme, themeClass } from "@/lib/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#151311" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // The theme is on <html> from the first byte: no script, so nothing to nonce and no flash.
  const theme = themeClass(parseTheme((await cookies()).get(THEME_COOKIE)?.value));
  return (
    <html lang={locale} className={theme || undefined}>
      <body className="font-sans">
        <NextIntlClientProvider>
          <TimeZoneSync />
          {children}
          <Toaster />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
