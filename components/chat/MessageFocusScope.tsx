"use client";
import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";

interface FocusScope {
  /** The one message row that Tab stops at (roving tabindex). */
  current: string | undefined;
  setCurrent: (messageId: string) => void;
  /** The id of the hidden hint every row is described by (which keys do what). */
  hintId: string;
}

const Scope = createContext<FocusScope | null>(null);

/** What a message row may hold that Tab would stop at (links, names, chips, buttons…). */
const CONTROLS = "[data-message-row] :is(a[href], button, input, textarea, select, [tabindex]):not([data-message-row])";

/**
 * Takes the controls of every message but the current one out of the Tab order (they stay
 * clickable, and screen readers still reach them), so Tab passes the list in one or two
 * stops instead of one per link and name. React sets no tabindex on those controls, so it
 * never fights this; the rows' own tabindex is React's.
 */
function hideOtherRowsControls(list: HTMLElement) {
  for (const control of list.querySelectorAll<HTMLElement>(CONTROLS)) {
    const row = control.closest<HTMLElement>("[data-message-row]")!;
    const current = row.tabIndex === 0 || row.contains(document.activeElement);
    if (current && control.dataset.rovingHidden !== undefined) {
      control.removeAttribute("tabindex");
      delete control.dataset.rovingHidden;
    } else if (!current && !control.hasAttribute("tabindex")) {
      control.setAttribute("tabindex", "-1");
      control.dataset.rovingHidden = "";
    }
  }
}

/**
 * The message list as one Tab stop: Tab enters at the message last focused (the newest at
 * first), ↑/↓ move between messages (useMessageInteractions), Tab then goes into that message's
 * own controls; the other messages' controls are out of the Tab order. It is the list's `<ol>`.
 */
export function MessageFocusScope({
  messages,
  className,
  listRef,
  children,
}: {
  messages: { id: string; system: unknown }[];
  className?: string;
  /** The list element, for a parent that also watches it (ChatView's resize pinning). */
  listRef?: React.RefObject<HTMLOListElement | null>;
  children: React.ReactNode;
}) {
  const t = useTranslations("messageActions");
  const hintId = useId();
  const [chosen, setCurrent] = useState<string>();
  const ownList = useRef<HTMLOListElement>(null);
  const list = listRef ?? ownList;
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const sync = () => hideOtherRowsControls(el);
    sync();
    // Rows come and go, and render their own controls, without this scope re-rendering.
    const watch = new MutationObserver(sync);
    watch.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
    el.addEventListener("focusin", sync);
    return () => {
      watch.disconnect();
      el.removeEventListener("focusin", sync);
    };
  }, [list]);
  const rows = messages.filter((m) => !m.system);
  const current = chosen !== undefined && rows.some((m) => m.id === chosen) ? chosen : rows.at(-1)?.id;
  return (
    <Scope value={{ current, setCurrent, hintId }}>
      <ol ref={list} data-message-scope className={className}>
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
