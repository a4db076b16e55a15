"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import type { UserSummary } from "@/lib/realtime/contract";
import { PeoplePicker, useContacts } from "./PeoplePicker";
import { PhotoPicker } from "./PhotoPicker";

/**
 * "New chat": pick one person for a dm, or several for a group (with an optional name and photo).
 * Loaded by `NewChatButton` when first opened (a Radix dialog is ~12 KB of a page's script).
 */
export function NewChatDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("conversations");
  const errorText = useErrorText();
  const router = useRouter();
  const [selected, setSelected] = useState<UserSummary[]>([]);
  const [name, setName] = useState("");
  const [image, setImage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const contacts = useContacts(open);
  const group = selected.length > 1;

  function reset(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setSelected([]);
      setName("");
      setImage(null);
      setError(null);
    }
  }

  async function start() {
    if (selected.length === 0) return;
    setBusy(true);
    setError(null);
    const result = group
      ? await postJson<{ channelId: string }>("/api/conversations", {
          memberIds: selected.map((p) => p.id),
          ...(name.trim() ? { name } : {}),
          ...(image ? { image } : {}),
        })
      : await postJson<{ channelId: string }>("/api/conversations/dm", { userId: selected[0]!.id });
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error.code));
    reset(false);
    router.push(`/chats/${result.channelId}`);
  }

  return (
    <Dialog open={open} onOpenChange={reset} title={t("newChat")}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <PeoplePicker people={contacts} selected={selected} onChange={setSelected} max={LIMITS.groupChatMaxMembers - 1} />
        {group && (
          <div className="flex flex-col gap-3 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200">
            <Field
              label={t("groupName")}
              hint={t("groupNameHint")}
              value={name}
              maxLength={LIMITS.channelNameMaxChars}
              onChange={(e) => setName(e.target.value)}
              placeholder={selected.map((p) => p.name).join(", ")}
            />
            <PhotoPicker image={image} onChange={setImage} onError={(code) => setError(errorText(code))} />
          </div>
        )}
        {error && <Alert>{error}</Alert>}
        <div className="flex items-center justify-end gap-2">
          {selected.length > 0 && <span className="mr-auto text-sm text-stone-500">{t("selected", { count: selected.length })}</span>}
          <Button variant="ghost" onClick={() => reset(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={selected.length === 0 || busy}>
            {group ? t("createGroup") : t("startChat")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
