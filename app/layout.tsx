import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/ui/TimeZoneSync";
import { Toaster } from "@/components/ui/Toaster";
import "./fonts.css";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#f97316" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
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
