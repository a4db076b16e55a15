"use client";
import { Ellipsis, Pencil, Reply, SmilePlus, Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import { IconButton } from "@/components/ui/IconButton";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/realtime/contract";
import { EmojiPicker } from "./EmojiPicker";
import type { MessageActions } from "./MessageRow";
import type { MessageInteractions } from "./useMessageInteractions";

/**
 * A message's actions. With a mouse, a toolbar on hover; with a keyboard, the same toolbar
 * while the message (or one of its controls) has focus; on a touch screen, where nothing
 * hovers, a "more" button that is always there (and a long press) opens the action sheet instead. The
 * toolbar's "⋯" opens the sheet too (copy, who reacted). Delete asks first, in a dialog.
 */
/**
 * The sheet and the delete confirm (with Radix's dialog code) load the first time any message
 * opens one, not with the channel page; once a message's sheet has opened it stays mounted, so
 * closing it behaves as before.
 */
const MessageActionSheet = dynamic(() => import("./MessageActionSheet").then((m) => m.MessageActionSheet), { ssr: false });
const ConfirmDialog = dynamic(() => import("@/components/ui/ConfirmDialog").then((m) => m.ConfirmDialog), { ssr: false });

const TOOL = "h-7 w-7 text-sm text-stone-600 hover:bg-stone-100 hover:text-stone-900";

export function MessageToolbar({
  message,
  mine,
  myId,
  actions,
  onEdit,
  nameOf,
  interactions,
}: {
  message: ChatMessage;
  mine: boolean;
  myId: string;
  actions: MessageActions;
  /** Opens the edit box in the row. */
  onEdit: () => void;
  nameOf: (userId: string) => string | undefined;
  interactions: MessageInteractions;
}) {
  const t = useTranslations("chat");
  const ta = useTranslations("messageActions");
  const [picking, setPicking] = useState(false);
  const bar = useRef<HTMLDivElement>(null);
  const { confirm } = interactions;
  const [sheetMounted, setSheetMounted] = useState(false);
  if (interactions.sheet.open && !sheetMounted) setSheetMounted(true);
  const backToRow = () => (bar.current?.closest("[data-message-row]") as HTMLElement | null)?.focus();
  // The picker replaces the button that opened it: a keyboard user continues inside the picker.
  useEffect(() => {
    if (picking) bar.current?.querySelector<HTMLElement>("input, button")?.focus();
  }, [picking]);
  return (
    <>
      <div
        ref={bar}
        role="toolbar"
        aria-label={ta("sheetTitle")}
        data-testid="message-toolbar"
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.stopPropagation();
          if (picking) setPicking(false);
          backToRow();
        }}
        className={`absolute top-0.5 right-2 z-10 items-center gap-0.5 rounded-lg bg-white p-0.5 shadow ring-1 ring-stone-200 pointer-coarse:hidden! ${
          picking ? "flex" : "hidden group-focus-within:flex group-hover:flex"
        }`}
      >
        {picking ? (
          <EmojiPicker
            onPick={(emoji) => {
              actions.onReact(message.id, emoji);
              setPicking(false);
              backToRow();
            }}
            onClose={() => {
              setPicking(false);
              backToRow();
            }}
          />
        ) : (
          <>
            <IconButton className={TOOL} label={t("react")} onClick={() => setPicking(true)}>
              <SmilePlus aria-hidden size={16} />
            </IconButton>
            <IconButton className={TOOL} label={t("reply")} onClick={interactions.reply}>
              <Reply aria-hidden size={16} />
            </IconButton>
            {mine && (
              <IconButton className={TOOL} label={t("edit")} onClick={onEdit}>
                <Pencil aria-hidden size={15} />
              </IconButton>
            )}
            {mine && (
              <IconButton className={TOOL} label={t("delete")} onClick={interactions.askDelete}>
                <Trash2 aria-hidden size={15} />
              </IconButton>
            )}
            <IconButton className={TOOL} label={ta("more")} onClick={interactions.openSheet}>
              <Ellipsis aria-hidden size={16} />
            </IconButton>
          </>
        )}
      </div>

      {/* Touch screens: nothing hovers, so the way in is always visible. */}
      <button
        type="button"
        aria-label={ta("more")}
        onClick={interactions.openSheet}
        data-testid="message-more-touch"
        className="absolute top-0 right-0 hidden h-9 w-9 items-center justify-center rounded-full text-lg text-stone-500 active:bg-stone-100 pointer-coarse:flex"
      >
        <Ellipsis aria-hidden size={20} />
      </button>

      {sheetMounted && <MessageActionSheet message={message} mine={mine} myId={myId} nameOf={nameOf} interactions={interactions} />}
      {confirm.open && (
        <ConfirmDialog
          title={ta("deleteTitle")}
          description={ta("deleteDescription")}
          confirmLabel={ta("deleteConfirm")}
          cancelLabel={t("cancel")}
          onConfirm={confirm.onConfirm}
          onClose={confirm.onClose}
          onCloseAutoFocus={confirm.onCloseAutoFocus}
        />
      )}
    </>
  );
}
