"use client";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/**
 * The first thing Tab reaches: past the rail and the channel list, straight to the messages
 * (or, on a screen without any, to its main content). Hidden until focused.
 */
export function SkipLink() {
  const t = useTranslations("feedback");
  const pathname = usePathname();
  const inChat = /^\/(spaces\/[^/]+\/[^/]+|chats\/[^/]+)$/.test(pathname);
  return (
    <a
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        const target = document.querySelector<HTMLElement>('[data-testid="message-list"]') ?? document.querySelector<HTMLElement>("main");
        if (!target) return;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }}
      className="fixed top-2 left-2 z-[60] -translate-y-20 rounded-lg bg-stone-900 px-4 py-2 text-sm font-semibold text-white shadow-lg focus:translate-y-0"
      data-testid="skip-link"
    >
      {inChat ? t("skipToMessages") : t("skipToContent")}
    </a>
  );
}
