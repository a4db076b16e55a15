"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";

export function InviteButton({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const t = useTranslations("spaces");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function openDialog() {
    setOpen(true);
    setCopied(false);
    if (link) return;
    const result = await postJson<{ code: string }>(`/api/spaces/${spaceId}/invites`);
    if (result.ok) setLink(`${window.location.origin}/invite/${result.code}`);
    else setError(errorText(result.error.code));
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission (http, old browser): the link is selected for a manual copy.
      document.querySelector<HTMLInputElement>("#invite-link")?.select();
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void openDialog()}
        className="rounded-md bg-brand-500 px-2.5 py-1 text-xs font-semibold text-white hover:bg-brand-600"
      >
        {t("invite")}
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={t("inviteTitle", { space: spaceName })} description={t("inviteHint")}>
        {error ? (
          <Alert>{error}</Alert>
        ) : (
          <div className="flex gap-2">
            <input
              id="invite-link"
              readOnly
              value={link ?? "…"}
              aria-label={t("invite")}
              data-testid="invite-link"
              onFocus={(e) => e.target.select()}
              className="h-10 min-w-0 flex-1 rounded-lg border border-stone-300 bg-stone-50 px-3 text-sm"
            />
            <Button onClick={() => void copy()} disabled={!link}>
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
        )}
      </Dialog>
    </>
  );
}
