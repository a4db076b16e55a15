import "server-only";
import { z } from "zod";
import type { Locale } from "./i18n";
import { canonicalTimeZone, defaultTimeZone } from "./time";

/** The time zone cookie as the browser sent it: an IANA name this server's Intl knows. */
export const timeZoneSchema = z.string().transform((zone, ctx) => {
  const canonical = canonicalTimeZone(zone);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message: "unknown time zone" });
    return z.NEVER;
  }
  return canonical;
});

/** The viewer's zone from the cookie when it holds a real zone, else the locale's default. */
export function resolveTimeZone(cookie: string | undefined, locale: Locale): string {
  const parsed = timeZoneSchema.safeParse(cookie);
  return parsed.success ? parsed.data : defaultTimeZone(locale);
}
