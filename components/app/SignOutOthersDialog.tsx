"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog, DialogClose } from "@/components/ui/Dialog";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";

/** Asks first; then says how many sessions were ended (or why it could not). */
export function SignOutOthersDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("people");
  const errorText = useErrorText();
  const [state, setState] = useState<{ busy: boolean; ended?: number; error?: string }>({ busy: false });

  async function confirm() {
    setState({ busy: true });
    const result = await postJson<{ ended: number }>("/api/sessions/revoke-others");
    setState(result.ok ? { busy: false, ended: result.ended } : { busy: false, error: errorText(result.error.code) });
  }

  const done = state.ended !== undefined;
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={t("signOutOthersTitle")}
      description={done ? undefined : t("signOutOthersBody")}
    >
      {done ? (
        <p role="status" className="text-sm text-stone-700">
          {t("signOutOthersDone", { count: state.ended! })}
        </p>
      ) : (
        state.error && <Alert>{state.error}</Alert>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant={done ? "primary" : "secondary"}>{done ? t("close") : t("edit.cancel")}</Button>
        </DialogClose>
        {!done && (
          <Button onClick={() => void confirm()} disabled={state.busy}>
            {t("signOutOthersConfirm")}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
