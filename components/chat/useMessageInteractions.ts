"use client";
import { useTranslations } from "next-intl";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/realtime/contract";
import { useMessageFocusScope } from "./MessageFocusScope";
import type { MessageActions } from "./MessageRow";
import { useMarkdown } from "./useMarkdown";

/** How long a finger rests on a message before its action sheet opens (KakaoTalk ~500 ms). */
export const LONG_PRESS_MS = 450;
/** A finger that moves further than this is scrolling, not pressing. */
const MOVE_TOLERANCE_PX = 10;

/**
 * Everything a message row does besides showing the message: a long press (touch) and Enter
 * (keyboard) open its action sheet; ↑/↓ move between messages; R, E and Delete reply, edit and
 * delete; and focus lands somewhere sensible after each action. The row spreads `rowProps`
 * on its root element; `MessageToolbar` renders the sheet and the delete confirm from the rest.
 */
export function useMessageInteractions({
  message,
  mine,
  editing,
  actions,
  onEdit,
  nameOf,
}: {
  message: ChatMessage;
  mine: boolean;
  /** The row shows its edit box (no actions meanwhile). */
  editing: boolean;
  actions: MessageActions;
  /** Opens the row's edit box. */
  onEdit: () => void;
  nameOf: (userId: string) => string | undefined;
}) {
  const t = useTranslations("messageActions");
  const format = useZonedFormat();
  const markdown = useMarkdown();
  const scope = useMessageFocusScope();
  const row = useRef<HTMLDivElement | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /** What to do once the sheet has closed (the next focus target, another dialog). */
  const afterSheet = useRef<(() => void) | null>(null);
  /** Where focus goes once the delete confirm has closed. */
  const afterConfirm = useRef<HTMLElement | null>(null);
  const press = useRef<{ x: number; y: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  /** A long press opened the sheet: swallow the click the lifted finger makes. */
  const pressed = useRef(false);
  const deleted = message.deletedAt !== null;
  const canAct = !deleted && !editing;

  const focusRow = useCallback(() => row.current?.focus(), []);

  // Leaving the edit box (saved or cancelled) brings focus back to the message, not the page.
  const wasEditing = useRef(editing);
  useEffect(() => {
    if (wasEditing.current && !editing && (document.activeElement === document.body || document.activeElement === null)) focusRow();
    wasEditing.current = editing;
  }, [editing, focusRow]);

  useEffect(() => () => clearTimeout(press.current?.timer), []);

  const openSheet = useCallback(() => {
    if (canAct) setSheetOpen(true);
  }, [canAct]);

  /** Closes the sheet, then runs `then` (instead of focusing the message again). */
  function closeSheet(then?: () => void) {
    afterSheet.current = then ?? null;
    setSheetOpen(false);
  }

  function reply() {
    actions.onReply(message);
    const composer = composerOf(row.current);
    // The composer re-renders with the quote first; focus it after that paint.
    requestAnimationFrame(() => composer?.focus());
  }

  function askDelete() {
    afterConfirm.current = row.current;
    setConfirming(true);
  }

  function confirmDelete() {
    const rows = rowsOf(row.current);
    const i = rows.indexOf(row.current!);
    afterConfirm.current = rows[i + 1] ?? rows[i - 1] ?? row.current;
    actions.onDelete(message.id);
    setConfirming(false);
  }

  async function copy(): Promise<boolean> {
    return copyText(markdown.plain(message.body, nameOf));
  }

  const time = format(new Date(message.createdAt), { dateStyle: "medium", timeStyle: "short" });
  const label = deleted
    ? t("deletedLabel", { author: message.author.name, time })
    : t("messageLabel", { author: message.author.name, time, text: markdown.plain(message.body, nameOf).slice(0, 300) });

  function cancelPress() {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  }

  const rowProps = {
    ref: (el: HTMLDivElement | null) => {
      row.current = el;
    },
    "data-message-row": "",
    role: "article",
    "aria-label": label,
    "aria-describedby": scope?.hintId,
    tabIndex: scope ? (scope.current === message.id ? 0 : -1) : 0,
    // No text-selection callout or system menu fighting the long press; the sheet copies.
    className: "[-webkit-touch-callout:none] pointer-coarse:pr-9 pointer-coarse:select-none focus-visible:-outline-offset-2 focus-visible:bg-stone-50",
    // Focus anywhere in the row (a click on a name, a chip) makes it the list's Tab stop.
    onFocus: () => scope?.setCurrent(message.id),
    onKeyDown: (e: React.KeyboardEvent<HTMLDivElement>) => {
      // Keys pressed in the row's own controls (or in a dialog portalled from it) are theirs.
      if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
      const key = e.key;
      const move = { ArrowUp: -1, ArrowDown: 1, Home: -Infinity, End: Infinity }[key];
      if (move !== undefined) {
        const rows = rowsOf(e.currentTarget);
        const i = rows.indexOf(e.currentTarget);
        const next = rows[Math.max(0, Math.min(rows.length - 1, Number.isFinite(move) ? i + move : move < 0 ? 0 : rows.length - 1))];
        e.preventDefault();
        next?.focus();
        return;
      }
      if (!canAct) return;
      const letter = e.code === "KeyR" ? "r" : e.code === "KeyE" ? "e" : key.toLowerCase();
      if (key === "Enter" || key === "ContextMenu" || (key === "F10" && e.shiftKey)) {
        e.preventDefault();
        openSheet();
      } else if (letter === "r" && !e.shiftKey) {
        e.preventDefault();
        reply();
      } else if (letter === "e" && !e.shiftKey && mine) {
        e.preventDefault();
        onEdit();
      } else if ((key === "Delete" || key === "Backspace") && mine) {
        e.preventDefault();
        askDelete();
      }
    },
    onPointerDown: (e: React.PointerEvent<HTMLDivElement>) => {
      pressed.current = false;
      if (e.pointerType === "mouse" || !canAct || !e.currentTarget.contains(e.target as Node)) return;
      cancelPress();
      press.current = {
        x: e.clientX,
        y: e.clientY,
        timer: setTimeout(() => {
          press.current = null;
          pressed.current = true;
          navigator.vibrate?.(10);
          openSheet();
        }, LONG_PRESS_MS),
      };
    },
    onPointerMove: (e: React.PointerEvent<HTMLDivElement>) => {
      const p = press.current;
      if (p && Math.hypot(e.clientX - p.x, e.clientY - p.y) > MOVE_TOLERANCE_PX) cancelPress();
    },
    onPointerUp: cancelPress,
    onPointerCancel: cancelPress, // the browser took the touch over for scrolling
    onContextMenu: (e: React.MouseEvent<HTMLDivElement>) => {
      // A touch long press also fires contextmenu (Android): ours wins over the system menu.
      if (press.current || pressed.current) e.preventDefault();
    },
    onClickCapture: (e: React.MouseEvent<HTMLDivElement>) => {
      if (!pressed.current) return;
      pressed.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
  };

  return {
    rowProps,
    canAct,
    sheet: {
      open: sheetOpen,
      onOpenChange: (open: boolean) => (open ? openSheet() : closeSheet()),
      onCloseAutoFocus: (e: Event) => {
        e.preventDefault();
        const then = afterSheet.current ?? focusRow;
        afterSheet.current = null;
        then();
      },
    },
    confirm: {
      open: confirming,
      onConfirm: confirmDelete,
      onClose: () => setConfirming(false),
      onCloseAutoFocus: (e: Event) => {
        e.preventDefault();
        afterConfirm.current?.focus();
      },
    },
    openSheet,
    closeSheet,
    reply,
    askDelete,
    copy,
    /** Each action as the sheet runs it: the sheet closes first, then the action and its focus. */
    fromSheet: {
      reply: () => closeSheet(reply),
      edit: () => closeSheet(onEdit),
      delete: () => closeSheet(askDelete),
      react: (emoji: string) => {
        actions.onReact(message.id, emoji);
        closeSheet();
      },
    },
  };
}

export type MessageInteractions = ReturnType<typeof useMessageInteractions>;

/** The message rows of the list this row is in, top to bottom. */
function rowsOf(row: HTMLElement | null): HTMLElement[] {
  const list = row?.closest("[data-message-scope]") ?? row?.parentElement;
  return list ? [...list.querySelectorAll<HTMLElement>("[data-message-row]")] : [];
}

/** The chat's message box (the textarea of the pane that is not an edit box in the list). */
function composerOf(row: HTMLElement | null): HTMLTextAreaElement | undefined {
  const pane = row?.closest("main");
  return pane ? [...pane.querySelectorAll("textarea")].find((box) => !box.closest("[data-message-scope]")) : undefined;
}

/** Copies text; the Clipboard API needs a secure context, the fallback works on plain http. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
