"use client";
import { Download, FileText, Film, Image as ImageIcon, MessageSquareShare, PinOff } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChannelHeader } from "@/components/chat/ChannelHeader";
import { attachmentUrl, formatBytes } from "@/components/chat/MessageAttachments";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import { useZonedFormat } from "@/components/ui/useZonedFormat";
import { sendJson } from "@/lib/api-client";
import type { ListedMaterial } from "@/lib/api/schemas";

export interface MaterialsPage {
  materials: ListedMaterial[];
  next: string | null;
}

const KIND_ICON = { image: ImageIcon, video: Film, file: FileText } as const;

/**
 * A space's study materials in place of a channel: each pinned file with its kind, name, size,
 * uploader, date and channel, a download, and a link that jumps to the message it came in
 * (`?at=<seq>`, as a search result does). The first page comes with the page; older ones on ask.
 */
export function MaterialsView({
  spaceId,
  spaceName,
  first,
  onOpenChannels,
  onOpenMembers,
}: {
  spaceId: string;
  spaceName: string;
  first: MaterialsPage;
  onOpenChannels: () => void;
  onOpenMembers: () => void;
}) {
  const t = useTranslations("materials");
  const errorText = useErrorText();
  const format = useZonedFormat();
  const [page, setPage] = useState(first);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  /** Unpins a file here (for whoever may): it leaves the list; the message keeps it. */
  async function remove(m: ListedMaterial) {
    const res = await sendJson("DELETE", `/api/attachments/${m.attachment.id}/material`);
    if (!res.ok) return setError(errorText(res.error.code));
    setError(null);
    setPage((p) => ({ ...p, materials: p.materials.filter((x) => x.attachment.id !== m.attachment.id) }));
    setStatus(t("removedNamed", { name: m.attachment.name }));
  }

  async function loadMore() {
    if (!page.next) return;
    setLoading(true);
    const res = await sendJson<MaterialsPage>("GET", `/api/spaces/${spaceId}/materials?before=${encodeURIComponent(page.next)}`);
    setLoading(false);
    if (!res.ok) return setError(errorText(res.error.code));
    setError(null);
    const seen = new Set(page.materials.map((m) => m.attachment.id));
    setPage({ materials: [...page.materials, ...res.materials.filter((m) => !seen.has(m.attachment.id))], next: res.next });
  }

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-white" data-testid="materials-view">
      <ChannelHeader onOpenChannels={onOpenChannels} onOpenMembers={onOpenMembers}>
        <span className="truncate">{t("heading", { space: spaceName })}</span>
      </ChannelHeader>
      <div className="flex-1 overflow-y-auto px-3 py-4 sm:px-6">
        <p className="mb-3 text-sm text-stone-600">{t("intro")}</p>
        {page.materials.length === 0 ? (
          <p className="rounded-lg bg-stone-50 px-4 py-6 text-center text-sm text-stone-600" data-testid="materials-empty">
            {t("empty")}
          </p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200" aria-label={t("list")}>
            {page.materials.map((m) => {
              const Icon = KIND_ICON[m.attachment.kind];
              return (
                <li key={m.attachment.id} className="flex items-center gap-3 px-3 py-3" data-testid="material-row">
                  <Icon size={26} role="img" aria-label={t(`kind_${m.attachment.kind}`)} className="shrink-0 text-brand-600" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-[15px] font-medium text-stone-900" title={m.attachment.name} data-testid="material-name">
                      {m.attachment.name}
                    </p>
                    <p className="flex flex-wrap gap-x-2 text-xs text-stone-600">
                      <span>{formatBytes(m.attachment.bytes)}</span>
                      <span>
                        {t("sharedBy", {
                          name: m.uploader.name,
                          date: format(new Date(m.uploadedAt), { dateStyle: "medium" }),
                        })}
                      </span>
                      <span>{t("inChannel", { channel: m.channel.name })}</span>
                    </p>
                  </div>
                  <Link
                    href={`/spaces/${spaceId}/${m.channel.id}?at=${m.seq}`}
                    className="flex shrink-0 items-center gap-1 rounded-md px-2 py-1.5 text-sm text-brand-700 hover:bg-stone-100"
                    data-testid="material-jump"
                  >
                    <MessageSquareShare aria-hidden size={16} />
                    <span className="hidden sm:inline">{t("jump")}</span>
                    <span className="sr-only sm:hidden">{t("jump")}</span>
                  </Link>
                  <a
                    href={attachmentUrl(m.attachment, "original", true)}
                    download={m.attachment.name}
                    aria-label={t("download", { name: m.attachment.name })}
                    className="flex h-9 w-9 shrink-0 items-center justify-center rounded-md text-stone-600 hover:bg-stone-100"
                    data-testid="material-download"
                  >
                    <Download aria-hidden size={18} />
                  </a>
                  {m.canRemove && (
                    <button
                      type="button"
                      onClick={() => void remove(m)}
                      aria-label={t("unmarkNamed", { name: m.attachment.name })}
                      title={t("unmark")}
                      className="flex h-9 w-9 shrink-0 items-center justify-center rounded-md text-stone-600 hover:bg-stone-100"
                      data-testid="material-remove"
                    >
                      <PinOff aria-hidden size={18} />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {page.next && (
          <div className="mt-3 flex justify-center">
            <Button variant="secondary" onClick={() => void loadMore()} disabled={loading}>
              {loading ? t("loading") : t("loadMore")}
            </Button>
          </div>
        )}
        <p role="status" className="sr-only" data-testid="materials-status">
          {status}
        </p>
        {error && (
          <p role="alert" className="mt-2 text-center text-sm text-red-600">
            {error}
          </p>
        )}
      </div>
    </main>
  );
}
