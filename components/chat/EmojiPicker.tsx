"use client";
import * as Popover from "@radix-ui/react-popover";
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
