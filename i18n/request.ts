import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, negotiateLocale } from "@/lib/i18n";
import { TIME_ZONE_COOKIE } from "@/lib/time";
import { resolveTimeZone } from "@/lib/time-zone";
import { MESSAGES } from "@/messages";

export default getRequestConfig(async () => {
  const jar = await cookies();
  const locale = negotiateLocale(jar.get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  // The reader's zone, never the server's: the provider hands the same zone and `now` to the
  // browser, so what the server renders ("오늘", "오후 5:54") is what the client hydrates.
  return {
    locale,
    messages: MESSAGES[locale],
    timeZone: resolveTimeZone(jar.get(TIME_ZONE_COOKIE)?.value, locale),
    now: new Date(),
  };
});
