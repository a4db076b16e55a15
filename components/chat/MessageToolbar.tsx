"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ChatMessage } from "@/lib/realtime/contract";
import { EmojiPicker } from "./EmojiPicker";
import type { MessageActions } from "./MessageRow";

/** A message's actions: react, reply, and for its author edit and delete. */
export function MessageToolbar({
  message,
  mine,
  actions,
  onEdit,
}: {
  message: ChatMessage;
  mine: boolean;
  actions: MessageActions;
  /** Opens the edit box in the row. */
  onEdit: () => void;
}) {
  const t = useTranslations("chat");
  const [picking, setPicking] = useState(false);
  return (
    <div
      className={`absolute top-0.5 right-2 z-10 items-center gap-0.5 rounded-lg bg-white p-0.5 shadow ring-1 ring-stone-200 ${
        picking ? "flex" : "hidden group-focus-within:flex group-hover:flex"
      }`}
    >
      {picking ? (
        <EmojiPicker
          onPick={(emoji) => {
            actions.onReact(message.id, emoji);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      ) : (
        <>
          <ToolButton label={t("react")} onClick={() => setPicking(true)}>
            ☺
          </ToolButton>
          <ToolButton label={t("reply")} onClick={() => actions.onReply(message)}>
            ↩
          </ToolButton>
          {mine && (
            <ToolButton label={t("edit")} onClick={onEdit}>
              ✎
            </ToolButton>
          )}
          {mine && (
            <ToolButton
              label={t("delete")}
              onClick={() => {
                if (window.confirm(t("deleteConfirm"))) actions.onDelete(message.id);
              }}
            >
              🗑
            </ToolButton>
          )}
        </>
      )}
    </div>
  );
}

function ToolButton({ label, onClick, children }: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="h-7 w-7 rounded text-sm text-stone-600 hover:bg-stone-100 hover:text-stone-900"
    >
      {children}
    </button>
  );
}

