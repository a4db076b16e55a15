"use client";
import * as Popover from "@radix-ui/react-popover";
import { Smile, SmilePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useRef, useState, type ReactNode } from "react";
import { rememberEmoji } from "@/lib/recent-emoji";

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🎉"] as const;

/** The full picker (frimousse and its data) is a chunk of its own, fetched the first time one opens. */
const EmojiPickerPanel = lazy(() => import("./EmojiPickerPanel"));

/**
 * Picks one emoji (for a reaction): six quick reactions in a row, and "more" opening the full
 * picker with search (Korean and English keywords) and recent emoji. Escape closes.
 */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose?: () => void }) {
  const t = useTranslations("emoji");
  const pick = (emoji: string) => {
    rememberEmoji(emoji);
    onPick(emoji);
  };
  return (
    <div
      role="group"
      aria-label={t("picker")}
      className="contents"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose?.();
      }}
    >
      {QUICK_REACTIONS.map((e) => (
        <button
          key={e}
          type="button"
          aria-label={e}
          onClick={() => pick(e)}
          className="h-8 min-w-8 rounded p-1 text-base hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
        >
          {e}
        </button>
      ))}
      <FullPicker label={t("more")} onPick={onPick} onClose={onClose} className="h-8 min-w-8 rounded p-1 text-base text-stone-600 hover:bg-stone-100">
        <SmilePlus aria-hidden size={18} />
      </FullPicker>
    </div>
  );
}

/** The composer's emoji button: opens the full picker; the emoji goes in at the caret. */
export function EmojiButton({ onPick, className }: { onPick: (emoji: string) => void; className?: string }) {
  const t = useTranslations("emoji");
  return (
    <FullPicker label={t("insert")} onPick={onPick} className={className}>
      <Smile aria-hidden size={20} />
    </FullPicker>
  );
}

/**
 * The full picker in place, not in a popover (the phone's action sheet: a popover over a modal
 * sheet would fight it for the focus). The sheet opens it with its own "more" button.
 */
export function InlineEmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const t = useTranslations("emoji");
  return (
    <div role="group" aria-label={t("picker")} data-testid="emoji-picker" className="flex justify-center">
      <Suspense
        fallback={
          <p className="flex h-[22rem] w-[min(20rem,calc(100vw-1rem))] items-center justify-center text-sm text-stone-500">{t("loading")}</p>
        }
      >
        <EmojiPickerPanel
          // on a phone a focused search field would raise the keyboard over the emoji
          autoFocus={false}
          onPick={(emoji) => {
            rememberEmoji(emoji);
            onPick(emoji);
          }}
        />
      </Suspense>
    </div>
  );
}

function FullPicker({
  label,
  onPick,
  onClose,
  className,
  children,
}: {
  label: string;
  onPick: (emoji: string) => void;
  onClose?: () => void;
  className?: string;
  children: ReactNode;
}) {
  const t = useTranslations("emoji");
  const [open, setOpen] = useState(false);
  /** After a pick, focus stays where onPick put it (the composer) rather than going back to the button. */
  const picked = useRef(false);
  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) onClose?.();
      }}
    >
      <Popover.Trigger
        type="button"
        aria-label={label}
        title={label}
        className={`${className ?? ""} focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none`}
      >
        {children}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          side="top"
          align="end"
          sideOffset={6}
          collisionPadding={8}
          aria-label={t("picker")}
          className="z-50"
          data-testid="emoji-picker"
          // the picker's search field takes focus itself
          onOpenAutoFocus={(e) => e.preventDefault()}
          onCloseAutoFocus={(e) => {
            if (picked.current) e.preventDefault();
            picked.current = false;
          }}
        >
          <Suspense
            fallback={
              <p className="flex h-[22rem] w-[min(20rem,calc(100vw-1rem))] items-center justify-center rounded-xl bg-white text-sm text-stone-500 shadow-lg ring-1 ring-stone-200">
                {t("loading")}
              </p>
            }
          >
            <EmojiPickerPanel
              onPick={(emoji) => {
                rememberEmoji(emoji);
                picked.current = true;
                setOpen(false);
                onPick(emoji);
              }}
            />
          </Suspense>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
