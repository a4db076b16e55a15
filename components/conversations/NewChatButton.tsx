"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ComposeIcon } from "./icons";

const NewChatDialog = dynamic(() => import("./NewChatDialog").then((m) => m.NewChatDialog), { ssr: false });

/** The chat list's "New chat" button; its dialog loads on the first press. */
export function NewChatButton() {
  const t = useTranslations("conversations");
  const [open, setOpen] = useState<"never" | "open" | "closed">("never");
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen("open")} className="h-9 px-3">
        <ComposeIcon />
        {t("newChat")}
      </Button>
      {open !== "never" && <NewChatDialog open={open === "open"} onOpenChange={(next) => setOpen(next ? "open" : "closed")} />}
    </>
  );
}
