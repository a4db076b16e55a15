"use client";
import { Smile, SmilePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { rememberEmoji } from "@/lib/recent-emoji";

const EmojiPickerPanel = lazy(() => import("./EmojiPickerPanel"));

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🎉"] as const;

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
      <FullPicker
        label={t("more")}
        onPick={onPick}
        onClose={onClose}
        className="h-8 min-w-8 rounded p-1 text-base text-stone-600 hover:bg-stone-100"
      >
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
          <p className="flex h-[22rem] w-[min(20rem,calc(100vw-1rem))] items-center justify-center text-sm text-stone-500">
            {t("loading")}
          </p>
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

type PopoverModule = typeof import("./EmojiPopover");
let popover: PopoverModule | null = null;
let loading: Promise<PopoverModule> | null = null;
const loadPopover = () => (loading ??= import("./EmojiPopover").then((m) => (popover = m)));

/**
 * A button opening the full picker in a popover. Radix's popover is a chunk of its own: until the
 * first press this is a plain button with the attributes of a closed Radix trigger, and hovering
 * or focusing it fetches the chunk so the first open is immediate.
 */
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
  const [pressed, setPressed] = useState<{ focused: boolean } | null>(null);
  const classes = `${className ?? ""} focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none`;
  if (pressed && popover)
    return (
      <popover.EmojiPopover label={label} onPick={onPick} onClose={onClose} className={classes} focusTrigger={pressed.focused}>
        {children}
      </popover.EmojiPopover>
    );
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      aria-expanded={false}
      data-state="closed"
      className={classes}
      onPointerEnter={() => void loadPopover()}
      onFocus={() => void loadPopover()}
      onClick={(e) => {
        const focused = document.activeElement === e.currentTarget;
        void loadPopover().then(() => setPressed({ focused }));
      }}
    >
      {children}
    </button>
  );
}
