"use client";
import { Download, ExternalLink, FileText, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import type { DrawerTab } from "@/lib/api/contract";
import type { DrawerItem } from "@/lib/api/schemas";
import type { UserSummary } from "@/lib/realtime/contract";
import { attachmentUrl, formatBytes } from "./MessageAttachments";

type AttachmentItem = Extract<DrawerItem, { type: "attachment" }>;
type LinkItem = Extract<DrawerItem, { type: "link" }>;

/**
 * One tab's items: photos and videos as a grid of thumbnails, files as cards, links as a list
 * with their host. The item itself is a button that jumps to its message; a file's download and
 * a link's "open in a new tab" sit beside it as links of their own.
 */
export function DrawerItems({
  tab,
  items,
  members,
  onJump,
}: {
  tab: DrawerTab;
  items: DrawerItem[];
  members: UserSummary[];
  onJump: (item: DrawerItem) => void;
}) {
  const t = useTranslations("drawer");
  const format = useZonedFormat();
  const names = new Map(members.map((m) => [m.id, m.name]));
  const byOn = (item: DrawerItem) =>
    t("byOn", { name: names.get(item.authorId) ?? t("someone"), date: format(new Date(item.createdAt), { dateStyle: "medium" }) });
  const attachments = items.filter((i): i is AttachmentItem => i.type === "attachment");

  if (tab === "media")
    return (
      <ul className="grid grid-cols-3 gap-1" data-testid="drawer-media">
        {attachments.map((item) => {
          const a = item.attachment;
          return (
            <li key={a.id} className="aspect-square overflow-hidden rounded-md bg-stone-200">
              <button
                type="button"
                onClick={() => onJump(item)}
                aria-label={t("jump", { what: `${a.name} · ${byOn(item)}` })}
                title={a.name}
                className="relative block size-full focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none focus-visible:ring-inset"
                data-testid="drawer-media-item"
              >
                {a.kind === "image" ? (
                  <img src={attachmentUrl(a, "thumb")} alt="" loading="lazy" className="size-full object-cover" />
                ) : (
                  <span className="dark-surface flex size-full flex-col items-center justify-center gap-1 bg-stone-800 p-1 text-white">
                    <Play aria-hidden size={24} />
                    <span className="w-full truncate text-center text-[11px]">{a.name}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    );

  if (tab === "files")
    return (
      <ul className="flex flex-col gap-1.5" data-testid="drawer-files">
        {attachments.map((item) => {
          const a = item.attachment;
          return (
            <li key={a.id} className="flex items-center rounded-lg ring-1 ring-stone-200 hover:bg-stone-50">
              <button
                type="button"
                onClick={() => onJump(item)}
                aria-label={t("jump", { what: `${a.name} · ${byOn(item)}` })}
                className="flex min-w-0 flex-1 items-center gap-3 rounded-lg px-3 py-2 text-left focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
                data-testid="drawer-file-item"
              >
                <FileText size={28} aria-hidden className="shrink-0 text-brand-600" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-stone-900" title={a.name}>
                    {a.name}
                  </span>
                  <span className="block truncate text-xs text-stone-600">
                    {formatBytes(a.bytes)} · {byOn(item)}
                  </span>
                </span>
              </button>
              <a
                href={attachmentUrl(a, "original", true)}
                download={a.name}
                aria-label={t("download", { name: a.name })}
                title={t("download", { name: a.name })}
                className="mr-1 shrink-0 rounded-md p-2 text-stone-600 hover:bg-stone-100"
              >
                <Download aria-hidden size={18} />
              </a>
            </li>
          );
        })}
      </ul>
    );

  return (
    <ul className="flex flex-col" data-testid="drawer-links">
      {items
        .filter((i): i is LinkItem => i.type === "link")
        .map((item) => (
          <li key={`${item.messageId} ${item.url}`} className="flex items-center rounded-lg hover:bg-stone-50">
            <button
              type="button"
              onClick={() => onJump(item)}
              aria-label={t("jump", { what: `${item.url} · ${byOn(item)}` })}
              className="min-w-0 flex-1 rounded-lg px-3 py-2 text-left focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
              data-testid="drawer-link-item"
            >
              <span className="block truncate text-sm font-semibold text-stone-900">{item.host}</span>
              <span className="block truncate text-xs text-brand-700" title={item.url}>
                {item.url}
              </span>
              <span className="block truncate text-xs text-stone-500">{byOn(item)}</span>
            </button>
            <a
              href={item.url}
              target="_blank"
              rel="noopener noreferrer nofollow"
              aria-label={t("openLink", { host: item.host })}
              title={t("openLink", { host: item.host })}
              className="mr-1 shrink-0 rounded-md p-2 text-stone-600 hover:bg-stone-100"
            >
              <ExternalLink aria-hidden size={18} />
            </a>
          </li>
        ))}
    </ul>
  );
}
