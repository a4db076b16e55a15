"use client";
import { BookmarkMinus, BookmarkPlus, Copy, Pencil, Reply, SmilePlus, Trash2, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { useRef, useState } from "react";
import { useMaterialToggles } from "@/components/materials/useMaterialToggles";
import { Sheet } from "@/components/ui/Sheet";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ChatMessage } from "@/lib/realtime/contract";
import { InlineEmojiPicker, QUICK_REACTIONS } from "./EmojiPicker";
import type { MessageInteractions } from "./useMessageInteractions";
import { useMarkdown } from "./useMarkdown";

/**
 * A message's actions in one sheet (a long press or "⋯" on a phone, Enter or "⋯" with a
 * keyboard or mouse): quick reactions and any emoji, who reacted with what, reply, copy, and for
 * its author edit and delete; in a space, pinning its files as study materials (for their
 * uploader and the space's owner and admins). Also shows the full date and time, which a phone
 * never hovers for.
 */
export function MessageActionSheet({
  message,
  mine,
  myId,
  nameOf,
  interactions,
}: {
  message: ChatMessage;
  mine: boolean;
  myId: string;
  nameOf: (userId: string) => string | undefined;
  interactions: MessageInteractions;
}) {
  const t = useTranslations("messageActions");
  const tc = useTranslations("chat");
  const format = useZonedFormat();
  const [picking, setPicking] = useState(false);
  const [copied, setCopied] = useState<"copied" | "copyFailed" | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const tm = useTranslations("materials");
  const errorText = useErrorText();
  const materials = useMaterialToggles(message.attachments, interactions.sheet.open);
  const first = useRef<HTMLButtonElement>(null);
  const { sheet, fromSheet } = interactions;
  const text = useMarkdown().plain(message.body, nameOf);

  return (
    <Sheet
      open={sheet.open}
      onOpenChange={(open) => {
        if (!open) {
          setPicking(false);
          setCopied(null);
          setSaid(null);
        }
        sheet.onOpenChange(open);
      }}
      title={t("sheetTitle")}
      titleHidden
      testId="message-sheet"
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        first.current?.focus();
      }}
      onCloseAutoFocus={sheet.onCloseAutoFocus}
      description={
        <div className="border-b border-stone-100 px-4 pt-2 pb-3">
          <p className="flex items-baseline gap-2 text-sm">
            <span className="font-semibold text-stone-900">{message.author.name}</span>
            <time dateTime={message.createdAt} className="text-xs text-stone-500">
              {format(new Date(message.createdAt), { dateStyle: "full", timeStyle: "short" })}
            </time>
          </p>
          <p className="mt-0.5 line-clamp-2 text-sm break-words text-stone-600">{text}</p>
        </div>
      }
    >
      <div className="flex items-center justify-between gap-1 px-3 py-2" role="group" aria-label={tc("react")}>
        {QUICK_REACTIONS.map((emoji) => {
          const reacted = message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(myId));
          return (
            <button
              key={emoji}
              type="button"
              aria-label={t("reactWith", { emoji })}
              aria-pressed={reacted}
              onClick={() => fromSheet.react(emoji)}
              className={`flex h-11 w-11 items-center justify-center rounded-full text-2xl ${reacted ? "bg-brand-100 ring-1 ring-brand-500" : "bg-stone-100 hover:bg-stone-200"}`}
            >
              {emoji}
            </button>
          );
        })}
        <button
          type="button"
          aria-label={t("moreEmoji")}
          aria-expanded={picking}
          onClick={() => setPicking((p) => !p)}
          className={`flex h-11 w-11 items-center justify-center rounded-full text-stone-600 ${picking ? "bg-brand-100 ring-1 ring-brand-500" : "bg-stone-100 hover:bg-stone-200"}`}
        >
          <SmilePlus aria-hidden size={22} />
        </button>
      </div>
      {picking && (
        <div className="px-3 pb-2" data-testid="sheet-emoji-picker">
          <InlineEmojiPicker onPick={(emoji) => fromSheet.react(emoji)} />
        </div>
      )}

      {message.reactions.length > 0 && (
        <section className="border-t border-stone-100 px-4 py-2" aria-label={t("reactedBy")}>
          <h3 className="text-xs font-semibold text-stone-500">{t("reactedBy")}</h3>
          <ul className="mt-1 flex flex-col gap-0.5 text-sm text-stone-700" data-testid="reacted-by">
            {message.reactions.map((r) => (
              <li key={r.emoji} className="flex gap-2">
                <span aria-hidden>{r.emoji}</span>
                <span className="sr-only">{r.emoji}</span>
                <span className="min-w-0 flex-1">{r.userIds.map((id) => nameOf(id) ?? "?").join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <ul className="border-t border-stone-100 py-1">
        <SheetItem ref={first} icon={Reply} label={tc("reply")} onClick={fromSheet.reply} />
        <SheetItem
          icon={Copy}
          label={copied ? t(copied) : t("copy")}
          onClick={async () => {
            const ok = await interactions.copy();
            setCopied(ok ? "copied" : "copyFailed");
            if (ok) setTimeout(() => interactions.closeSheet(), 600);
          }}
        />
        {materials.map(({ attachment, marked, toggle }) => {
          const name = { name: attachment.name };
          const label = materials.length === 1 ? tm(marked ? "unmark" : "mark") : tm(marked ? "unmarkNamed" : "markNamed", name);
          return (
            <SheetItem
              key={attachment.id}
              icon={marked ? BookmarkMinus : BookmarkPlus}
              label={label}
              onClick={async () => {
                const done = await toggle();
                setSaid(done.ok ? tm(done.now) : errorText(done.code));
                if (done.ok) setTimeout(() => interactions.closeSheet(), 600);
              }}
            />
          );
        })}
        {mine && <SheetItem icon={Pencil} label={tc("edit")} onClick={fromSheet.edit} />}
        {mine && <SheetItem icon={Trash2} label={tc("delete")} onClick={fromSheet.delete} danger />}
      </ul>
      {said && (
        <p className="border-t border-stone-100 px-4 py-2 text-sm text-stone-600" data-testid="material-said">
          {said}
        </p>
      )}
      <p role="status" className="sr-only">
        {copied ? t(copied) : said}
      </p>
    </Sheet>
  );
}

function SheetItem({
  ref,
  icon: Icon,
  label,
  onClick,
  danger = false,
}: {
  ref?: React.Ref<HTMLButtonElement>;
  icon: LucideIcon;
  label: string;
  onClick: () => void;
  danger?: boolean;
}) {
  return (
    <li>
      <button
        ref={ref}
        type="button"
        onClick={onClick}
        className={`flex h-12 w-full items-center gap-3 px-4 text-left text-[15px] hover:bg-stone-50 focus-visible:-outline-offset-2 ${danger ? "text-red-600" : "text-stone-800"}`}
      >
        <Icon aria-hidden size={20} className={danger ? "" : "text-stone-500"} />
        {label}
      </button>
    </li>
  );
}
