"use client";
import type { Result } from "@/lib/errors";
import { FormDialog } from "./FormDialog";
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
  const { busy, error, run } = useAction();
  return (
    <FormDialog
      title={title}
      description={description}
      onClose={onClose}
      error={error}
      submitLabel={confirmLabel}
      disabled={busy}
      danger
      onSubmit={() =>
        void run(
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
