"use client";
import { useTranslations } from "next-intl";
import { ConfirmDialog as Confirm } from "@/components/ui/ConfirmDialog";
import type { Result } from "@/lib/errors";
import { useAction } from "./useAction";

/** "Are you sure?" for one admin request; stays open with the error if the server refuses. */
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
    <Confirm
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      cancelLabel={t("cancel")}
      error={error}
      busy={busy}
      onClose={onClose}
      onConfirm={() =>
        run(
          onConfirm,
          () => {
            onClose();
            onDone?.();
          },
          !onDone, // onDone navigates away: nothing to re-read here
        )
      }
    />
  );
}
