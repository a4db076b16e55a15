"use client";
import { useTranslations } from "next-intl";

/** A red count of unread messages (nothing when there are none); 100 and more show as "99+". */
export function UnreadBadge({ count, className = "", testId }: { count: number; className?: string; testId: string }) {
  const t = useTranslations("spaces");
  if (count <= 0) return null;
  return (
    <span
      className={`rounded-full bg-red-500 px-1.5 text-center text-[11px] leading-5 font-bold text-white ${className}`}
      aria-label={t("unread", { count })}
      data-testid={testId}
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
