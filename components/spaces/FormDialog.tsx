"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";

const DANGER = "bg-red-600 hover:bg-red-700 active:bg-red-800 disabled:bg-red-300";

/** A dialog holding one form: its fields, the server's error if any, Cancel and the submit button. */
export function FormDialog({
  title,
  description,
  onClose,
  onSubmit,
  ...actions
}: {
  title: string;
  description?: string;
  onClose: () => void;
  onSubmit: () => void;
  children?: React.ReactNode;
} & FormActionsProps) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={description}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {actions.children}
        <FormActions {...actions} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

interface FormActionsProps {
  error: string | null;
  submitLabel: string;
  disabled: boolean;
  danger?: boolean;
}

/** The foot of a form: the error, then Cancel and the submit button. */
export function FormActions({ error, submitLabel, disabled, danger = false, onCancel }: FormActionsProps & { onCancel: () => void }) {
  const t = useTranslations("spaces");
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <Button type="submit" className={danger ? DANGER : ""} disabled={disabled}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
