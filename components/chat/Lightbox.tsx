"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import { ChevronLeft, ChevronRight, Download, X, ZoomIn, ZoomOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Attachment } from "@/lib/realtime/contract";
import { attachmentUrl } from "./MessageAttachments";

/** How far a finger (or a pen, or a dragged mouse) travels sideways before it turns the page. */
const SWIPE_PX = 50;
/** A photo whose display copy is barely larger than the screen zooms to twice its fitted size instead. */
const MIN_ZOOM = 1.25;

interface Zoom {
  /** The photo's size zoomed in, fixed when it zoomed (a later layout does not resize it). */
  width: number;
  height: number;
  /** The point under the click, as a fraction of the photo, and where on the screen it was. */
  at: { x: number; y: number; px: number; py: number };
}

/**
 * A message's photos one at a time, over everything (Radix's dialog: focus trapped inside,
 * Escape closes and focus goes back to the thumbnail of the photo last shown). ← and → or the
 * side buttons or a swipe move through them; a click (or the zoom button) toggles between the
 * photo fitted to the screen and its display copy at 100 % (twice the fitted size for a photo
 * that is not much larger), panned by scrolling. The box it is shown in is the whole stage, so
 * nothing moves as it loads; the thumbnail already in the page shows until the larger copy is in.
 */
export function Lightbox({
  photos,
  index,
  onIndex,
  onClose,
  returnFocusTo,
}: {
  photos: Attachment[];
  /** The photo shown (null: closed). */
  index: number | null;
  onIndex: (index: number) => void;
  onClose: () => void;
  /** The thumbnail of a photo, where focus goes when the viewer closes on it. */
  returnFocusTo: (index: number) => HTMLElement | null;
}) {
  const t = useTranslations("chat");
  const photo = index === null ? null : photos[index];
  const stage = useRef<HTMLDivElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const swipe = useRef<{ x: number; y: number; id: number } | null>(null);
  const swiped = useRef(false);
  const count = photos.length;

  // Another photo (or closed): it starts fitted.
  useEffect(() => setZoom(null), [index]);

  // The neighbours load while this one is looked at, so ← and → show them at once.
  useEffect(() => {
    if (index === null) return;
    for (const i of [index - 1, index + 1]) {
      const p = photos[i];
      if (p) new Image().src = attachmentUrl(p, "display");
    }
  }, [index, photos]);

  // Zoomed in: the point clicked stays under the pointer (the centre, from the button).
  useLayoutEffect(() => {
    const el = stage.current;
    if (!zoom || !el) return;
    const img = image.current;
    const box = el.getBoundingClientRect(); // zoomed, the stage is wider than the fitted one
    el.scrollLeft = (img?.offsetLeft ?? 0) + zoom.at.x * (img?.offsetWidth ?? 0) - (zoom.at.px - box.left);
    el.scrollTop = (img?.offsetTop ?? 0) + zoom.at.y * (img?.offsetHeight ?? 0) - (zoom.at.py - box.top);
  }, [zoom]);

  if (!photo || index === null) return null;
  const go = (to: number) => {
    if (to >= 0 && to < count) onIndex(to);
  };

  /** The photo's size fitted into the stage (object-contain's arithmetic), and where it sits. */
  function fitted() {
    const box = stage.current!.getBoundingClientRect();
    const w = photo!.width ?? image.current?.naturalWidth ?? box.width;
    const h = photo!.height ?? image.current?.naturalHeight ?? box.height;
    const s = Math.min(box.width / w, box.height / h);
    return { box, width: w * s, height: h * s, left: (box.width - w * s) / 2, top: (box.height - h * s) / 2 };
  }

  /** Fit ↔ zoomed; `point` is where the click was (client coordinates), else the centre. */
  function toggleZoom(point?: { x: number; y: number }) {
    if (zoom) return setZoom(null);
    const f = fitted();
    const natural = image.current?.complete ? image.current.naturalWidth : 0;
    const scale = natural > f.width * MIN_ZOOM ? natural / f.width : 2;
    const px = point?.x ?? f.box.left + f.box.width / 2;
    const py = point?.y ?? f.box.top + f.box.height / 2;
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    setZoom({
      width: Math.round(f.width * scale),
      height: Math.round(f.height * scale),
      at: { x: clamp((px - f.box.left - f.left) / f.width), y: clamp((py - f.box.top - f.top) / f.height), px, py },
    });
  }

  const sideButton = "absolute top-1/2 z-10 hidden -translate-y-1/2 rounded-full bg-black/50 p-2 text-white hover:bg-black/70 disabled:opacity-30 disabled:hover:bg-black/50 sm:block";
  const barButton = "flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-stone-100 hover:bg-white/15";

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-black/95" />
        <RadixDialog.Content
          className="dark-surface fixed inset-0 z-50 flex flex-col bg-black/95 text-stone-100 outline-none"
          aria-describedby={undefined}
          data-testid="lightbox"
          // The viewer itself takes the focus (← → work at once), not its first button wearing a ring.
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement).focus();
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
              e.preventDefault();
              go(index + (e.key === "ArrowLeft" ? -1 : 1));
            }
          }}
          onCloseAutoFocus={(e) => {
            const thumb = returnFocusTo(index);
            if (!thumb) return;
            e.preventDefault();
            thumb.focus();
          }}
        >
          <div className="flex shrink-0 items-center gap-1 px-2 py-2 sm:gap-2 sm:px-4" style={{ paddingTop: "max(0.5rem, env(safe-area-inset-top))" }}>
            {count > 1 && (
              <span className="shrink-0 px-2 text-sm tabular-nums text-stone-300" data-testid="lightbox-counter">
                {t("photoCounter", { index: index + 1, count })}
              </span>
            )}
            <RadixDialog.Title className="min-w-0 flex-1 truncate px-1 text-sm font-medium" title={photo.name}>
              {photo.name}
            </RadixDialog.Title>
            <button type="button" className={barButton} onClick={() => toggleZoom()} aria-label={zoom ? t("zoomOut") : t("zoomIn")} title={zoom ? t("zoomOut") : t("zoomIn")} aria-pressed={zoom !== null}>
              {zoom ? <ZoomOut size={20} aria-hidden /> : <ZoomIn size={20} aria-hidden />}
            </button>
            <a
              href={attachmentUrl(photo, "original", true)}
              download={photo.name}
              className={barButton}
              aria-label={t("downloadPhoto", { name: photo.name })}
              title={t("download")}
              data-testid="lightbox-download"
            >
              <Download size={20} aria-hidden />
            </a>
            <RadixDialog.Close className={barButton} aria-label={t("closeViewer")} title={t("closeViewer")}>
              <X size={22} aria-hidden />
            </RadixDialog.Close>
          </div>

          <div className="relative min-h-0 flex-1">
            <div
              ref={stage}
              className={`absolute ${zoom ? "inset-0 overflow-auto" : "inset-x-2 inset-y-1 touch-pinch-zoom overflow-hidden sm:inset-x-16 sm:inset-y-2"}`}
              data-testid="lightbox-stage"
              data-zoomed={zoom ? "true" : "false"}
              onPointerDown={(e) => {
                swiped.current = false;
                if (!zoom && e.isPrimary) swipe.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
              }}
              onPointerUp={(e) => {
                const start = swipe.current;
                swipe.current = null;
                if (!start || start.id !== e.pointerId) return;
                const dx = e.clientX - start.x;
                if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < Math.abs(e.clientY - start.y)) return;
                swiped.current = true; // the click that follows a mouse's swipe does not zoom
                go(index + (dx < 0 ? 1 : -1));
              }}
              onPointerCancel={() => (swipe.current = null)}
            >
              {zoom ? (
                <div className="flex min-h-full min-w-full items-center justify-center" style={{ width: "max-content" }}>
                  <img
                    ref={image}
                    key={photo.id}
                    src={attachmentUrl(photo, "display")}
                    alt={photo.name}
                    width={zoom.width}
                    height={zoom.height}
                    draggable={false}
                    onClick={() => toggleZoom()}
                    className="block max-w-none cursor-zoom-out select-none"
                    style={{ width: zoom.width, height: zoom.height }}
                    data-testid="lightbox-image"
                  />
                </div>
              ) : (
                <>
                  {/* The thumbnail is in the page already: it fills the box until the display copy is in. */}
                  <img src={attachmentUrl(photo, "thumb")} alt="" aria-hidden className="absolute inset-0 h-full w-full object-contain" draggable={false} />
                  <img
                    ref={image}
                    key={photo.id}
                    src={attachmentUrl(photo, "display")}
                    alt={photo.name}
                    width={photo.width ?? undefined}
                    height={photo.height ?? undefined}
                    draggable={false}
                    onClick={(e) => {
                      if (swiped.current) return;
                      toggleZoom({ x: e.clientX, y: e.clientY });
                    }}
                    className="absolute inset-0 h-full w-full cursor-zoom-in object-contain select-none"
                    data-testid="lightbox-image"
                  />
                </>
              )}
            </div>
            {count > 1 && (
              <>
                <button type="button" className={`${sideButton} left-3`} onClick={() => go(index - 1)} disabled={index === 0} aria-label={t("previousPhoto")}>
                  <ChevronLeft size={28} aria-hidden />
                </button>
                <button type="button" className={`${sideButton} right-3`} onClick={() => go(index + 1)} disabled={index === count - 1} aria-label={t("nextPhoto")}>
                  <ChevronRight size={28} aria-hidden />
                </button>
              </>
            )}
          </div>
          {count > 1 && (
            // On a phone the side buttons would cover the photo: they sit below it, in reach of a thumb.
            <div className="flex shrink-0 items-center justify-center gap-8 py-2 sm:hidden" style={{ paddingBottom: "max(0.5rem, env(safe-area-inset-bottom))" }}>
              <button type="button" className={`${barButton} disabled:opacity-30`} onClick={() => go(index - 1)} disabled={index === 0} aria-label={t("previousPhoto")}>
                <ChevronLeft size={26} aria-hidden />
              </button>
              <button type="button" className={`${barButton} disabled:opacity-30`} onClick={() => go(index + 1)} disabled={index === count - 1} aria-label={t("nextPhoto")}>
                <ChevronRight size={26} aria-hidden />
              </button>
            </div>
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
