"use client";
import { useState } from "react";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

const DANGER = "bg-red-600 hover:bg-red-700 active:bg-red-800 disabled:bg-red-300";

/**
 * "Are you sure?" for one action, styled like every other dialog (never `window.confirm`).
 * Cancel comes first and has the focus, so Enter on a stray key press does not destroy
 * anything. `onConfirm` may be async: the button is disabled while it runs. The caller closes
 * the dialog (on success) and may show a server's refusal in `error`.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
  onCloseAutoFocus,
  error = null,
  busy = false,
  danger = true,
}: {
  title: string;
  description?: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => unknown;
  onClose: () => void;
  /** Where focus goes when it closes (by default back to what opened it). */
  onCloseAutoFocus?: (event: Event) => void;
  error?: string | null;
  busy?: boolean;
  danger?: boolean;
}) {
  const [running, setRunning] = useState(false);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={description} onCloseAutoFocus={onCloseAutoFocus}>
      <div className="flex flex-col gap-4" data-testid="confirm-dialog">
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {cancelLabel}
          </Button>
          <Button
            className={danger ? DANGER : ""}
            disabled={busy || running}
            onClick={async () => {
              setRunning(true);
              try {
                await onConfirm();
              } finally {
                setRunning(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
