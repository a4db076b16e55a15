"use client";
import { useTranslations } from "next-intl";
import type { TypingUser } from "./useChannel";

/** "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…". */
export function TypingIndicator({ users }: { users: TypingUser[] }) {
  const t = useTranslations("chat");
  const [a, b] = users;
  const text = !a
    ? ""
    : !b
      ? t("typingOne", { name: a.name })
      : users.length === 2
        ? t("typingTwo", { a: a.name, b: b.name })
        : t("typingMany");
  return (
    <p aria-live="polite" className="h-5 truncate px-4 text-xs text-stone-500 sm:px-5" data-testid="typing">
      {text && (
        <>
          <span className="mr-1 inline-flex gap-0.5 align-middle" aria-hidden>
            {[0, 1, 2].map((i) => (
              <span key={i} className="h-1 w-1 animate-bounce rounded-full bg-stone-400" style={{ animationDelay: `${i * 120}ms` }} />
            ))}
          </span>
          {text}
        </>
      )}
    </p>
  );
}
