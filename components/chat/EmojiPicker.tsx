"use client";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { rememberEmoji } from "@/lib/recent-emoji";

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
        <PlusFaceIcon />
      </FullPicker>
    </div>
  );
}

/** The composer's emoji button: opens the full picker; the emoji goes in at the caret. */
export function EmojiButton({ onPick, className }: { onPick: (emoji: string) => void; className?: string }) {
  const t = useTranslations("emoji");
  return (
    <FullPicker label={t("insert")} onPick={onPick} className={className}>
      <FaceIcon />
    </FullPicker>
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

function FaceIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
    </svg>
  );
}

function PlusFaceIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M20 11.5A8.5 8.5 0 1 1 12.5 3M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01M19 2v6M16 5h6" />
    </svg>
  );
}
