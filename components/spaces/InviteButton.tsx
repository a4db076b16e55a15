"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** The dialog loads when the button is first pressed, not with every channel page. */
const InviteDialog = dynamic(() => import("./InviteDialog").then((m) => m.InviteDialog), { ssr: false });

/** The channel list's "Invite people" button: any member may invite. */
export function InviteButton({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const t = useTranslations("spaces");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t("invite")}
        title={t("invite")}
        className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg text-brand-600 hover:bg-brand-100"
      >
        <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="9" cy="8" r="3.5" />
          <path d="M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5M19 8v6M16 11h6" />
        </svg>
      </button>
      {open && <InviteDialog spaceId={spaceId} spaceName={spaceName} onClose={() => setOpen(false)} />}
    </>
  );
}
