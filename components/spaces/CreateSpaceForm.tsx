"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import { IconPicker } from "./IconPicker";

export function CreateSpaceForm() {
  const t = useTranslations("spaces");
  const errorText = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState("");
  const [icon, setIcon] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    const result = await postJson<{ space: { id: string; defaultChannelId: string } }>("/api/spaces", { name, icon });
    if (!result.ok) {
      setBusy(false);
      setError(errorText(result.error.code));
      return;
    }
    router.push(`/spaces/${result.space.id}/${result.space.defaultChannelId}`);
    router.refresh();
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="mt-4 flex flex-col gap-4"
    >
      <IconPicker name={name} value={icon} onChange={setIcon} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field
            label={t("name")}
            name="name"
            placeholder={t("namePlaceholder")}
            required
            maxLength={LIMITS.spaceNameMaxChars}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <Button type="submit" disabled={busy} className="h-11">
          {t("createButton")}
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
    </form>
  );
}
