"use client";
import { useEffect } from "react";
import { useUnread } from "./UnreadProvider";

const TITLE_COUNT = /^\(\d+\+?\) /;
const BADGE_SIZE = 64;

/**
 * Shows the total unread outside the page: "(3) 모임" in the tab title and a red count on the
 * favicon. Pages set their own titles and icons as they change; an observer on <head> puts the
 * count back after each.
 */
export function UnreadSignals() {
  const { total } = useUnread();

  useEffect(() => {
    let cancelled = false;
    let badge: string | null = null;
    const apply = () => {
      const base = document.title.replace(TITLE_COUNT, "");
      const title = total > 0 ? `(${total > 99 ? "99+" : total}) ${base}` : base;
      if (document.title !== title) document.title = title;
      for (const link of document.head.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
        const original = link.dataset.originalHref ?? link.getAttribute("href") ?? "";
        const wanted = total > 0 && badge ? badge : original;
        if (total > 0 && badge) link.dataset.originalHref = original;
        else delete link.dataset.originalHref;
        if (link.getAttribute("href") !== wanted) link.setAttribute("href", wanted);
      }
    };
    apply();
    if (total > 0) {
      const icon = document.head.querySelector<HTMLLinkElement>('link[rel~="icon"]');
      void drawBadge(icon?.dataset.originalHref ?? icon?.getAttribute("href") ?? "/icon.svg", total).then((href) => {
        if (cancelled) return;
        badge = href;
        apply();
      });
    }
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["href"] });
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [total]);

  return null;
}

const images = new Map<string, Promise<HTMLImageElement | null>>();
function loadImage(src: string) {
  let p = images.get(src);
  if (!p) {
    p = new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => resolve(null); // no icon to draw on: the badge alone
      img.src = src;
    });
    images.set(src, p);
  }
  return p;
}

/** The app icon with a red count in its corner, as a PNG data URL. */
async function drawBadge(iconHref: string, count: number): Promise<string> {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = BADGE_SIZE;
  const ctx = canvas.getContext("2d");
  if (!ctx) return iconHref;
  const img = await loadImage(iconHref);
  if (img) ctx.drawImage(img, 0, 0, BADGE_SIZE, BADGE_SIZE);
  const label = count > 9 ? "9+" : String(count);
  const r = 19;
  const cx = BADGE_SIZE - r - 1;
  const cy = r + 1;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = "#dc2626";
  ctx.fill();
  ctx.lineWidth = 3;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.fillStyle = "#ffffff";
  ctx.font = `bold ${label.length > 1 ? 22 : 28}px system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(label, cx, cy + 1);
  return canvas.toDataURL("image/png");
}
