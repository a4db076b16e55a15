"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useErrorText } from "@/components/ui/useErrorText";
import { uploadImage } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import { SpaceIcon } from "./SpaceIcon";

/** Picks and uploads a space icon; shows it (or the first letter) beside the choose/remove buttons. */
export function IconPicker({ name, value, onChange }: { name: string; value: string | null; onChange: (url: string | null) => void }) {
  const t = useTranslations("spaces");
  const errorText = useErrorText();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    const result = await uploadImage(file);
    setBusy(false);
    if (result.ok) onChange(result.url);
    else setError(errorText(result.error.code));
  }

  return (
    <div className="flex items-center gap-3">
      <SpaceIcon name={name || "?"} icon={value} size={56} />
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap gap-2">
          <label
            htmlFor={id}
            className={`inline-flex h-9 cursor-pointer items-center rounded-lg bg-white px-3 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100 ${busy ? "opacity-60" : ""}`}
          >
            {busy ? t("uploading") : value ? t("changeIcon") : t("chooseIcon")}
          </label>
          <input
            id={id}
            type="file"
            accept={LIMITS.uploadImageTypes.join(",")}
            className="sr-only"
            aria-label={t("icon")}
            disabled={busy}
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          {value && (
            <button
              type="button"
              onClick={() => onChange(null)}
              className="h-9 rounded-lg px-3 text-sm font-medium text-stone-600 hover:bg-stone-100"
            >
              {t("removeIcon")}
            </button>
          )}
        </div>
        {error ? (
          <p role="alert" className="text-xs text-red-600">
            {error}
          </p>
        ) : (
          <p className="text-xs text-stone-500">{t("iconHint")}</p>
        )}
      </div>
    </div>
  );
}
