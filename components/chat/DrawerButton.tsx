"use client";
import { Archive } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ChannelSummary, UserSummary } from "@/lib/realtime/contract";
import { Drawer } from "./Drawer";

/** The header button that opens a chat's or channel's drawer (서랍). */
export function DrawerButton({ channel, members }: { channel: Pick<ChannelSummary, "id" | "spaceId">; members: UserSummary[] }) {
  const t = useTranslations("drawer");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t("open")}
        title={t("open")}
        aria-haspopup="dialog"
        className="rounded-md p-2 text-stone-600 hover:bg-stone-100"
        data-testid="drawer-button"
      >
        <Archive aria-hidden size={20} />
      </button>
      <Drawer channel={channel} members={members} open={open} onOpenChange={setOpen} />
    </>
  );
}
