"use client";
import { useTranslations } from "next-intl";
import { toastDone, toastError, toastWithUndo } from "@/components/ui/Toaster";
import { useErrorText } from "@/components/ui/useErrorText";
import type { Result } from "@/lib/errors";
import { peopleApi } from "./api";

/**
 * Unfriend or block, then a toast with Undo. Undo asks the server to put things back
 * (POST /api/friends/undo with the token the change answered with; server/undo-token.ts), so it
 * is as true on every device and for the other person as the change was.
 */
export function useUndoablePeopleChange() {
  const t = useTranslations("onboarding");
  const errorText = useErrorText();
  return {
    async run(kind: "unfriend" | "block", userId: string, name: string): Promise<Result<object>> {
      const result = kind === "unfriend" ? await peopleApi.remove(userId) : await peopleApi.block(userId);
      if (result.ok) {
        const token = result.undo;
        toastWithUndo(t(`${kind}Done`, { name }), t("undo"), () => {
          void peopleApi.undo(token).then((undone) => {
            if (undone.ok) toastDone(t(`${kind}Undone`, { name }));
            else toastError(errorText(undone.error.code));
          });
        });
      }
      return result;
    },
  };
}
