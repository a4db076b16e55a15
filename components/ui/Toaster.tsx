"use client";
import { useTranslations } from "next-intl";
import { Toaster as Sonner, toast } from "sonner";

/** How long a toast with an Undo stays (the server honours the undo for 30 s: server/undo-token.ts). */
const UNDO_TOAST_MS = 10_000;

/**
 * The app's one toast region (sonner), in the root layout. Sonner gives the live region
 * (announced politely), pause on hover and focus, swipe to dismiss and Alt+T to reach it; the
 * look is ours, from the theme's colours, so it follows light and dark like everything else.
 */
export function Toaster() {
  const t = useTranslations("onboarding");
  return (
    <Sonner
      position="bottom-center"
      containerAriaLabel={t("notifications")}
      toastOptions={{
        unstyled: true,
        classNames: {
          // The same surface, text and ring classes as dialogs and buttons, which the theme remaps.
          toast: "flex w-full items-center gap-3 rounded-xl bg-white px-4 py-3 text-sm text-stone-900 shadow-lg ring-1 ring-stone-300 sm:w-[356px]",
          title: "flex-1 font-medium",
          actionButton:
            "shrink-0 cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100",
        },
      }}
    />
  );
}

/** A toast saying what just happened, with an Undo that runs `onUndo`. */
export function toastWithUndo(message: string, undoLabel: string, onUndo: () => void) {
  toast(message, { duration: UNDO_TOAST_MS, action: { label: undoLabel, onClick: onUndo } });
}

export function toastDone(message: string) {
  toast(message);
}

export function toastError(message: string) {
  toast.error(message);
}
