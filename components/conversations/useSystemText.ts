"use client";
import { useTranslations } from "next-intl";
import type { SystemEvent } from "@/lib/realtime/contract";

/** Names shown in one "invited" line before it says "and N others". */
const NAMES_SHOWN = 3;

/** A system message in the reader's language ("Alice invited Bob and Carol", "Bob left"). */
export function useSystemText() {
  const t = useTranslations("chat.system");
  return (event: SystemEvent): string => {
    const actor = event.actor.name;
    switch (event.type) {
      case "created":
        return t("created", { actor, name: event.name });
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
      case "call":
        return event.missed ? t("missedCall", { actor }) : t("call", { actor });
    }
  };
}
