"use client";
import { createContext, useContext, useId, useState } from "react";
import { useTranslations } from "next-intl";

interface FocusScope {
  /** The one message row that Tab stops at (roving tabindex). */
  current: string | undefined;
  setCurrent: (messageId: string) => void;
  /** The id of the hidden hint every row is described by (which keys do what). */
  hintId: string;
}

const Scope = createContext<FocusScope | null>(null);

/**
 * The message list as one Tab stop: Tab enters at the message last focused (the newest at
 * first), ↑/↓ move between messages (useMessageInteractions), Tab then goes into that message's
 * own controls. It is the list's `<ol>`.
 */
export function MessageFocusScope({
  messages,
  className,
  children,
}: {
  messages: { id: string; system: unknown }[];
  className?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("messageActions");
  const hintId = useId();
  const [chosen, setCurrent] = useState<string>();
  const rows = messages.filter((m) => !m.system);
  const current = chosen !== undefined && rows.some((m) => m.id === chosen) ? chosen : rows.at(-1)?.id;
  return (
    <Scope value={{ current, setCurrent, hintId }}>
      <ol data-message-scope className={className}>
        <li id={hintId} hidden>
          {t("rowHint")}
        </li>
        {children}
      </ol>
    </Scope>
  );
}

export function useMessageFocusScope() {
  return useContext(Scope);
}
