"use client";
import { useTranslations } from "next-intl";
import { Toaster as Sonner } from "sonner";

/**
 * The app's one toast region (sonner), mounted by components/ui/Toaster.tsx with the first
 * toast. Sonner gives the live region (announced politely), pause on hover and focus, swipe to
 * dismiss and Alt+T to reach it; the look is ours, from the theme's colours, so it follows light
 * and dark like everything else.
 */
export function ToastRegion() {
  const t = useTranslations("onboarding");
  return (
    <Sonner
      position="bottom-center"
      containerAriaLabel={t("notifications")}
      toastOptions={{
        unstyled: true,
        classNames: {
          // The same surface, text and ring classes as dialogs and buttons, which the theme remaps.
          toast:
            "flex w-full items-center gap-3 rounded-xl bg-white px-4 py-3 text-sm text-stone-900 shadow-lg ring-1 ring-stone-300 sm:w-[356px]",
          title: "flex-1 font-medium",
          actionButton:
            "shrink-0 cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100",
        },
      }}
    />
  );
}
