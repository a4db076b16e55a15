"use client";
import { useTranslations } from "next-intl";
import { groupTitleParts } from "@/lib/group-titles";
import type { UserSummary } from "@/lib/realtime/contract";

/**
 * What the reader calls a conversation: a dm the other person, a named group its name, an
 * unnamed one the other members — never the reader ("Bob, Carol", "Bob, Carol, Dave 외 3명").
 * A 문의하기 chat is its study group's ("정보처리기사 스터디 · 문의"; the organizer sees who asks).
 */
export function useConversationTitle() {
  const k = useTranslations("kakao");
  const s = useTranslations("study");
  return (
    c: { kind: "dm" | "group"; name: string; named: boolean; study?: { spaceName: string; asking: boolean } },
    others: UserSummary[],
    otherCount = others.length,
  ): string => {
    if (c.study)
      return c.study.asking
        ? s("inquiryTitleAsking", { group: c.study.spaceName })
        : s("inquiryTitleOrganizer", { group: c.study.spaceName, name: others[0]?.name ?? c.name });
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
