"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import type { Result } from "@/lib/errors";
import { useAction } from "./useAction";

/** "Are you sure?" for one action; stays open with the error if the server refuses. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onClose,
  onDone,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => Promise<Result<object>>;
  onClose: () => void;
  /** Runs after success instead of re-reading the page (it navigates away). */
  onDone?: () => void;
}) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={description}>
      <div className="flex flex-col gap-3">
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button
            className="bg-red-600 hover:bg-red-700 active:bg-red-800 disabled:bg-red-300"
            disabled={busy}
            onClick={() =>
              void run(
                onConfirm,
                () => {
                  onClose();
                  onDone?.();
                },
                !onDone, // onDone navigates away: nothing to re-read here
              )
            }
          >
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
