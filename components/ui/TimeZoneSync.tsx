"use client";
import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE, canonicalTimeZone } from "@/lib/time";

/**
 * Tells the server the browser's time zone (a cookie i18n/request.ts reads), and when the page
 * was rendered in another zone — a first visit, a trip, a changed system clock — renders it
 * again in this one. Renders nothing.
 */
export function TimeZoneSync() {
  const rendered = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const zone = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "");
    if (zone === null) return; // a zone this browser cannot name: keep the default
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    if (zone !== rendered) router.refresh();
  }, [rendered, router]);
  return null;
}
