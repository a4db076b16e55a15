"use client";
import { useTranslations } from "next-intl";
import { groupTitleParts } from "@/lib/group-titles";
import type { UserSummary } from "@/lib/realtime/contract";

/**
 * What the reader calls a conversation: a dm the other person, a named group its name, an
 * unnamed one the other members — never the reader ("Bob, Carol", "Bob, Carol, Dave 외 3명").
 */
export function useConversationTitle() {
  const k = useTranslations("kakao");
  return (c: { kind: "dm" | "group"; name: string; named: boolean }, others: UserSummary[], otherCount = others.length): string => {
    if (c.kind === "dm" || c.named) return c.name;
    const { names, more } = groupTitleParts(
      others.map((o) => o.name),
      otherCount,
    );
    if (names.length === 0) return k("emptyGroup");
    const joined = names.join(k("nameSeparator"));
    return more > 0 ? k("groupTitleMore", { names: joined, count: more }) : joined;
  };
}
