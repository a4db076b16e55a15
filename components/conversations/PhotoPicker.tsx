"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { uploadImage, type ErrorCode } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import { CameraIcon } from "./icons";

/** A group photo: uploads the chosen image at once and hands back its URL. */
export function PhotoPicker({
  image,
  onChange,
  onError,
  preview = true,
}: {
  image: string | null;
  /** Show the chosen photo (or a placeholder) beside the button. */
  preview?: boolean;
  onChange: (url: string) => void;
  onError: (code: ErrorCode) => void;
}) {
  const t = useTranslations("conversations");
  const id = useId();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-3">
      {!preview ? null : image ? (
        // eslint-disable-next-line @next/next/no-img-element -- an uploaded group photo
        <img src={image} alt={t("groupPhoto")} className="h-12 w-12 rounded-2xl object-cover" />
      ) : (
        <span aria-hidden className="flex h-12 w-12 items-center justify-center rounded-2xl bg-stone-200 text-stone-400">
          <CameraIcon />
        </span>
      )}
      <label
        htmlFor={id}
        className="cursor-pointer rounded-lg bg-white px-3 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100"
      >
        {busy ? "…" : image ? t("changePhoto") : t("choosePhoto")}
      </label>
      <input
        id={id}
        type="file"
        accept={LIMITS.uploadImageTypes.join(",")}
        aria-label={t("groupPhoto")}
        className="sr-only"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          setBusy(true);
          const result = await uploadImage(file);
          setBusy(false);
          if (result.ok) onChange(result.url);
          else onError(result.error.code);
        }}
      />
    </div>
  );
}
