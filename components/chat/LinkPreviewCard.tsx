"use client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toastError } from "@/components/ui/Toaster";
import type { LinkPreview } from "@/lib/realtime/contract";
import { request, useRealtime } from "./RealtimeProvider";

/**
 * The cards of a message's links, under its text: site, title (the link), a description cut
 * at three lines, and the picture in a box of fixed shape (nothing moves when it loads). The
 * picture comes from this server (/api/channels/…/link-previews/…), never from the linked site. The
 * author may take a card away; everyone sees it go (message:updated).
 */
export function LinkPreviews({
  channelId,
  messageId,
  previews,
  mine,
}: {
  channelId: string;
  messageId: string;
  previews: LinkPreview[];
  mine: boolean;
}) {
  return (
    <ul className="mt-1.5 flex max-w-md flex-col gap-1.5 whitespace-normal" data-testid="link-previews">
      {previews.map((p) => (
        <li key={p.urlHash}>
          <LinkPreviewCard channelId={channelId} messageId={messageId} preview={p} mine={mine} />
        </li>
      ))}
    </ul>
  );
}

function LinkPreviewCard({
  channelId,
  messageId,
  preview,
  mine,
}: {
  channelId: string;
  messageId: string;
  preview: LinkPreview;
  mine: boolean;
}) {
  const t = useTranslations("chat");
  const errors = useTranslations("errors");
  const { socket } = useRealtime();
  const [removing, setRemoving] = useState(false);
  const [brokenImage, setBrokenImage] = useState(false);
  const remove = async () => {
    if (!socket || removing) return;
    setRemoving(true);
    const ack = await request(socket, "linkPreview:remove", { channelId, messageId, urlHash: preview.urlHash });
    // Done: the message comes back without the card (message:updated) and this unmounts.
    if (!ack.ok) {
      setRemoving(false);
      toastError(errors(ack.error.code as never));
    }
  };
  const label = preview.title ?? preview.siteName ?? preview.url;
  const image = preview.image && !brokenImage && (
    <a
      href={preview.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      tabIndex={-1}
      aria-hidden
      className="block aspect-[1.91/1] w-full bg-stone-100"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a proxied picture of unknown size, in a fixed box */}
      <img
        src={preview.image}
        alt=""
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
        onError={() => setBrokenImage(true)}
        className="h-full w-full object-cover"
      />
    </a>
  );
  const onlyImage = !preview.title && !preview.description;
  return (
    <div
      className="relative overflow-hidden rounded-lg border-l-4 border-brand-400 bg-stone-50 ring-1 ring-stone-200"
      data-testid="link-preview"
      data-url={preview.url}
    >
      {!onlyImage && (
        <div className={`min-w-0 px-3 py-2 ${mine ? "pr-9" : ""}`}>
          {preview.siteName && <p className="truncate text-xs text-stone-500">{preview.siteName}</p>}
          <a
            href={preview.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="line-clamp-2 text-[15px] leading-snug font-semibold break-words text-brand-700 hover:underline"
            data-testid="link-preview-title"
          >
            {label}
          </a>
          {preview.description && (
            <p className="mt-0.5 line-clamp-3 text-sm leading-snug break-words text-stone-600" data-testid="link-preview-description">
              {preview.description}
            </p>
          )}
        </div>
      )}
      {onlyImage && !image ? (
        <a
          href={preview.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="block truncate px-3 py-2 text-sm text-brand-700 hover:underline"
        >
          {label}
        </a>
      ) : (
        image
      )}
      {mine && (
        <button
          type="button"
          onClick={() => void remove()}
          disabled={removing}
          aria-label={t("removePreview", { title: label })}
          title={t("removePreviewShort")}
          className="absolute top-1.5 right-1.5 flex h-7 w-7 items-center justify-center rounded-full bg-white/90 text-stone-600 ring-1 ring-stone-200 hover:bg-stone-100 hover:text-stone-900 disabled:opacity-50"
          data-testid="link-preview-remove"
        >
          <X aria-hidden size={14} />
        </button>
      )}
    </div>
  );
}
