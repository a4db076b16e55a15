"use client";
import { useTranslations } from "next-intl";
import type { PresenceStatus } from "@/lib/realtime/contract";

const COLOUR: Record<PresenceStatus, string> = { online: "bg-emerald-500", idle: "bg-amber-400", offline: "bg-stone-300" };

/** A coloured dot on the corner of a picture: online, away or offline. */
export function PresenceDot({ status, ring = "ring-white" }: { status: PresenceStatus; ring?: string }) {
  const t = useTranslations("presence");
  return (
    <span
      role="img"
      aria-label={t(status)}
      title={t(status)}
      className={`absolute -right-0.5 -bottom-0.5 h-3.5 w-3.5 rounded-full ring-2 ${ring} ${COLOUR[status]}`}
    />
  );
}
