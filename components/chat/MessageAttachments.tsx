"use client";
import { Download, FileText } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { Attachment } from "@/lib/realtime/contract";

// Loaded when a photo is first opened: most chats are looked at without it.
const Lightbox = dynamic(() => import("./Lightbox").then((m) => m.Lightbox));

/** Where a chat file is fetched from (app/api/attachments/[id]); the server checks who may. */
export function attachmentUrl(a: Pick<Attachment, "id">, variant: "original" | "display" | "thumb" = "original", download = false): string {
  const query = new URLSearchParams();
  if (variant !== "original") query.set("variant", variant);
  if (download) query.set("download", "1");
  const q = query.toString();
  return `/api/attachments/${a.id}${q ? `?${q}` : ""}`;
}

/** 1,234,567 → "1.2 MB" (decimal units, as phones and file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * A message's photos, videos and files: photos in a grid whose cells have the photo's own shape
 * from the start (its stored width and height), so nothing moves as they load, each opening the
 * lightbox on the message's photos; videos with the browser's player, its first frame as the
 * poster; files as cards with their name, size and a download link.
 */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  const t = useTranslations("chat");
  const photos = attachments.filter((a) => a.kind === "image");
  const videos = attachments.filter((a) => a.kind === "video");
  const files = attachments.filter((a) => a.kind === "file");
  const [shown, setShown] = useState<number | null>(null);
  const thumbs = useRef<Array<HTMLButtonElement | null>>([]);
  return (
    <div className="mt-1 flex max-w-md flex-col gap-1.5" data-testid="message-attachments">
      {photos.length > 0 && (
        <ul className={`grid gap-1 ${photos.length === 1 ? "grid-cols-1" : photos.length === 2 || photos.length === 4 ? "grid-cols-2" : "grid-cols-3"}`}>
          {photos.map((p, i) => (
            <li key={p.id} className="overflow-hidden rounded-lg bg-stone-200">
              <button
                type="button"
                ref={(el) => {
                  thumbs.current[i] = el;
                }}
                onClick={() => setShown(i)}
                aria-label={t("openPhoto", { name: p.name })}
                aria-haspopup="dialog"
                className="block w-full cursor-zoom-in"
              >
                <img
                  src={attachmentUrl(p, "thumb")}
                  alt={p.name}
                  width={p.width ?? undefined}
                  height={p.height ?? undefined}
                  loading="lazy"
                  data-testid="attachment-photo"
                  className={`block h-auto w-full object-cover ${photos.length > 1 ? "aspect-square" : "max-h-80"}`}
                  style={photos.length === 1 && p.width && p.height ? { aspectRatio: `${p.width} / ${p.height}` } : undefined}
                />
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown !== null && <Lightbox photos={photos} index={shown} onIndex={setShown} onClose={() => setShown(null)} returnFocusTo={(i) => thumbs.current[i] ?? null} />}
      {videos.map((v) => (
        <video
          key={v.id}
          // No poster image is made on the server (no ffmpeg here): the media fragment has the
          // browser seek a tenth of a second in while it reads the metadata (a Range request of
          // the first bytes), and it paints that frame. The box is 16:9 before anything loads;
          // the frame is letterboxed in it.
          src={`${attachmentUrl(v)}#t=0.1`}
          controls
          preload="metadata"
          className="aspect-video max-h-80 w-full rounded-lg bg-black object-contain"
          aria-label={v.name}
          data-testid="attachment-video"
        />
      ))}
      {files.map((f) => (
        <a
          key={f.id}
          href={attachmentUrl(f, "original", true)}
          download={f.name}
          className="flex items-center gap-3 rounded-lg bg-white px-3 py-2 ring-1 ring-stone-200 hover:bg-stone-50"
          data-testid="attachment-file"
        >
          <FileText size={28} aria-hidden className="shrink-0 text-brand-600" />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-stone-900" title={f.name}>
              {f.name}
            </span>
            <span className="block text-xs text-stone-600">{formatBytes(f.bytes)}</span>
          </span>
          <Download size={18} aria-label={t("download")} className="shrink-0 text-stone-600" />
        </a>
      ))}
    </div>
  );
}
