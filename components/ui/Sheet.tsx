"use client";
import * as RadixDialog from "@radix-ui/react-dialog";

/**
 * A modal panel that rises from the bottom edge on a phone and sits in the middle of a wider
 * screen (Radix Dialog: focus trap, Escape and a tap outside close it, labelled by its title).
 * `onCloseAutoFocus` decides where focus goes afterwards (Radix's default is the opener).
 */
export function Sheet({
  open,
  onOpenChange,
  title,
  titleHidden = false,
  description,
  onOpenAutoFocus,
  onCloseAutoFocus,
  testId,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The title only names the sheet for screen readers (the content says what it is). */
  titleHidden?: boolean;
  description?: React.ReactNode;
  onOpenAutoFocus?: (event: Event) => void;
  onCloseAutoFocus?: (event: Event) => void;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <RadixDialog.Content
          data-testid={testId}
          onOpenAutoFocus={onOpenAutoFocus}
          onCloseAutoFocus={onCloseAutoFocus}
          className="fixed inset-x-0 bottom-0 z-50 max-h-[85dvh] overflow-y-auto overscroll-contain rounded-t-2xl bg-white pb-[max(env(safe-area-inset-bottom),0.5rem)] shadow-xl outline-none sm:inset-x-auto sm:top-1/2 sm:bottom-auto sm:left-1/2 sm:w-[calc(100%-2rem)] sm:max-w-sm sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-2xl sm:pb-2"
        >
          <div aria-hidden className="mx-auto mt-2 h-1 w-10 rounded-full bg-stone-300 sm:hidden" />
          <RadixDialog.Title className={titleHidden ? "sr-only" : "px-4 pt-3 text-base font-bold"}>{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description asChild>
              <div>{description}</div>
            </RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
