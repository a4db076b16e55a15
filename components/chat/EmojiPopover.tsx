"use client";
import * as Popover from "@radix-ui/react-popover";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { rememberEmoji } from "@/lib/recent-emoji";

/** The full picker (frimousse and its data) is a chunk of its own, fetched the first time one opens. */
const EmojiPickerPanel = lazy(() => import("./EmojiPickerPanel"));

/**
 * The Radix popover behind the emoji "more" and composer buttons, loaded on the first press. It
 * mounts open (the press that loaded it opened it) and, when the plain button it replaces had
 * focus, gives focus to its own trigger so focus return and the toolbar's focus-within still hold.
 */
export function EmojiPopover({
  label,
  onPick,
  onClose,
  className,
  focusTrigger,
  children,
}: {
  label: string;
  onPick: (emoji: string) => void;
  onClose?: () => void;
  className: string;
  focusTrigger: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("emoji");
  const [open, setOpen] = useState(true);
  const triggerRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (focusTrigger) triggerRef.current?.focus();
  }, [focusTrigger]);
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
      <Popover.Trigger ref={triggerRef} type="button" aria-label={label} title={label} className={className}>
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
