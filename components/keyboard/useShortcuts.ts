"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { isTextEntry, stepTarget } from "./navigation";

/**
 * The app-wide keys: Ctrl/⌘+K opens the quick switcher (from anywhere, a text box included, as
 * in Discord and Slack); Alt+↑/↓ moves to the previous/next channel or chat, Alt+Shift+↑/↓ to the
 * previous/next one with unread. Nothing fires while an IME is composing; the Alt keys leave
 * other text boxes and open dialogs alone (there they move the caret or the selection), but
 * work from the message box.
 */
export function useShortcuts(openSwitcher: () => void) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        openSwitcher();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      if (isTextEntry(target) && !target?.hasAttribute("data-composer")) return;
      const href = stepTarget(e.key === "ArrowDown" ? 1 : -1, e.shiftKey);
      e.preventDefault();
      if (href) router.push(href);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, openSwitcher]);
}
