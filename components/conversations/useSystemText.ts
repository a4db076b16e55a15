"use client";
import { useTranslations } from "next-intl";
import type { SystemEvent } from "@/lib/realtime/contract";

/** Names shown in one "invited" line before it says "and N others". */
const NAMES_SHOWN = 3;

/** A call's length as a clock reads it: 0:42, 3:21, 1:02:05. */
export function callDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/**
 * A system message in the reader's language ("Alice invited Bob and Carol", "Bob left"), and
 * from the reader's side: a call reads "Canceled call" to the caller who got no answer and
 * "Missed call from Alice" to everyone else.
 */
export function useSystemText(myId: string) {
  const t = useTranslations("chat.system");
  const k = useTranslations("kakao");
  return (event: SystemEvent): string => {
    const actor = event.actor.name;
    switch (event.type) {
      case "created":
        return event.name ? t("created", { actor, name: event.name }) : k("createdUnnamed", { actor });
      case "invited": {
        const names = event.targets.map((p) => p.name);
        if (names.length > NAMES_SHOWN + 1) {
          return t("invitedMore", {
            actor,
            targets: names.slice(0, NAMES_SHOWN).join(t("listSeparator")),
            count: names.length - NAMES_SHOWN,
          });
        }
        const targets =
          names.length > 1 ? `${names.slice(0, -1).join(t("listSeparator"))}${t("listLastSeparator")}${names.at(-1)}` : (names[0] ?? "");
        return t("invited", { actor, targets });
      }
      case "left":
        return t("left", { actor });
      case "renamed":
        return t("renamed", { actor, name: event.name });
      case "call": {
        const mine = event.actor.id === myId;
        if (event.missed) return mine ? k("callCanceled") : k("missedCall", { actor });
        if (event.seconds !== undefined) return k("callEnded", { duration: callDuration(event.seconds) });
        return mine ? k("callOutgoing") : k("callFrom", { actor });
      }
    }
  };
}
