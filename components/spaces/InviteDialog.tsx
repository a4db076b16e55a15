"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { INVITE_EXPIRY_CHOICES, INVITE_MAX_USES_CHOICES } from "@/lib/space-choices";
import { SelectField } from "./SelectField";

const DEFAULT_EXPIRY = 7 * 24 * 60 * 60;

/** Makes an invite link (7 days, any number of people, unless changed) and copies it. */
export function InviteDialog({ spaceId, spaceName, onClose }: { spaceId: string; spaceName: string; onClose: () => void }) {
  const t = useTranslations("spaces");
  const errorText = useErrorText();
  const [expiresInSeconds, setExpiry] = useState<number | null>(DEFAULT_EXPIRY);
  const [maxUses, setMaxUses] = useState<number | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  const generate = useCallback(
    async (options: { expiresInSeconds: number | null; maxUses: number | null }) => {
      setBusy(true);
      setCopied(false);
      setError(null);
      const result = await postJson<{ code: string }>(`/api/spaces/${spaceId}/invites`, options);
      setBusy(false);
      if (result.ok) setLink(`${window.location.origin}/invite/${result.code}`);
      else setError(errorText(result.error.code));
    },
    [spaceId, errorText],
  );

  useEffect(() => {
    void generate({ expiresInSeconds: DEFAULT_EXPIRY, maxUses: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one link when the dialog opens
  }, []);

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
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("inviteTitle", { space: spaceName })} description={t("inviteHint")}>
      <div className="flex flex-col gap-4">
        {error && <Alert>{error}</Alert>}
        <div className="flex gap-2">
          <input
            id="invite-link"
            readOnly
            value={link ?? "…"}
            aria-label={t("inviteLink")}
            data-testid="invite-link"
            onFocus={(e) => e.target.select()}
            className="h-10 min-w-0 flex-1 rounded-lg border border-stone-300 bg-stone-50 px-3 text-sm"
          />
          <Button onClick={() => void copy()} disabled={!link || busy}>
            {copied ? t("copied") : t("copy")}
          </Button>
        </div>
        <div className="grid grid-cols-2 gap-3 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200">
          <SelectField
            label={t("expiresAfter")}
            value={String(expiresInSeconds)}
            onChange={(v) => setExpiry(v === "null" ? null : Number(v))}
            options={INVITE_EXPIRY_CHOICES.map((s) => ({ value: String(s), label: t(`expiry.${s ?? "never"}`) }))}
          />
          <SelectField
            label={t("maxUses")}
            value={String(maxUses)}
            onChange={(v) => setMaxUses(v === "null" ? null : Number(v))}
            options={INVITE_MAX_USES_CHOICES.map((n) => ({
              value: String(n),
              label: n === null ? t("unlimited") : t("uses", { count: n }),
            }))}
          />
          <Button variant="secondary" className="col-span-2" disabled={busy} onClick={() => void generate({ expiresInSeconds, maxUses })}>
            {t("newLink")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
