"use client";
/**
 * Keyboard movement between places, read from the screen itself: every channel and chat link
 * marked `data-nav-item` (with `data-unread` when it has unread), in the order shown.
 */

/** The page the tab was loaded on: arriving there is not a "switch", so focus stays at the top (the skip link comes first). */
const loadedPath = typeof window === "undefined" ? "" : window.location.pathname;
let switched = false;

/** After a switch to another channel or chat, the message box takes the focus, as in Discord (not on a touch screen: it would open the keyboard). */
export function focusComposerAfterSwitch(box: HTMLTextAreaElement | null) {
  if (!box || typeof window === "undefined") return;
  if (window.location.pathname !== loadedPath) switched = true;
  if (!switched || !window.matchMedia("(pointer: fine)").matches) return;
  const active = document.activeElement;
  if (active && active !== document.body && (isTextEntry(active) || active.closest('[role="dialog"]'))) return;
  box.focus({ preventScroll: true });
}

export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "reset", "range", "color"].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The next (1) or previous (-1) channel or chat from the open one, or the next with unread; wraps around. */
export function stepTarget(direction: 1 | -1, unreadOnly: boolean): string | null {
  const seen = new Set<string>();
  const items: Array<{ href: string; unread: boolean; current: boolean }> = [];
  for (const a of document.querySelectorAll<HTMLAnchorElement>("a[data-nav-item]")) {
    const href = a.getAttribute("href");
    if (!href || seen.has(href)) continue; // the channel list is in the page twice on a phone (drawer)
    seen.add(href);
    items.push({ href, unread: a.dataset.unread === "true", current: a.getAttribute("aria-current") === "page" });
  }
  if (items.length === 0) return null;
  const at = items.findIndex((i) => i.current);
  const start = at === -1 ? (direction === 1 ? -1 : items.length) : at;
  for (let step = 1; step <= items.length; step++) {
    const i = (((start + direction * step) % items.length) + items.length) % items.length;
    const item = items[i]!;
    if (item.current) continue;
    if (!unreadOnly || item.unread) return item.href;
  }
  return null;
}
