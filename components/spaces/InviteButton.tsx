"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { InviteDialog } from "./InviteDialog";

/** The channel list's "Invite people" button: any member may invite. */
export function InviteButton({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const t = useTranslations("spaces");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="shrink-0 rounded-md bg-brand-500 px-2.5 py-1 text-xs font-semibold text-white hover:bg-brand-600"
      >
        {t("invite")}
      </button>
      {open && <InviteDialog spaceId={spaceId} spaceName={spaceName} onClose={() => setOpen(false)} />}
    </>
  );
}
