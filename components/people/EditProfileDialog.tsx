"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import { uploadImage } from "@/lib/api-client";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { Profile } from "@/lib/realtime/contract";
import type { ProfileInput } from "@/lib/schemas";
import { peopleApi } from "./api";

/** A picture being edited: kept, replaced by a picked file (not uploaded until Save), or removed. */
type Picture = { kind: "keep" } | { kind: "new"; file: File; preview: string } | { kind: "remove" };

/** The signed-in user edits their name, status message, picture and background. */
export function EditProfileDialog({ myId, onClose }: { myId: string; onClose: () => void }) {
  const t = useTranslations("people");
  const errorText = useErrorText();
  const router = useRouter();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [name, setName] = useState("");
  const [status, setStatus] = useState("");
  const [avatar, setAvatar] = useState<Picture>({ kind: "keep" });
  const [background, setBackground] = useState<Picture>({ kind: "keep" });
  const [error, setError] = useState<ErrorCode | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void peopleApi.profile(myId).then((res) => {
      if (!res.ok) return setError(res.error.code);
      setProfile(res.profile);
      setName(res.profile.name);
      setStatus(res.profile.statusMessage ?? "");
    });
  }, [myId]);

  const pick = (set: (p: Picture) => void) => (file: File) => {
    // The same checks the upload makes, answered before Save.
    if (file.size > LIMITS.uploadMaxBytes) return setError("upload_too_large");
    if (!(LIMITS.uploadImageTypes as readonly string[]).includes(file.type)) return setError("upload_type");
    setError(null);
    set({ kind: "new", file, preview: URL.createObjectURL(file) });
  };

  const shown = (p: Picture, current: string | null) => (p.kind === "new" ? p.preview : p.kind === "remove" ? null : current);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!profile) return;
    setSaving(true);
    setError(null);
    const patch: ProfileInput = {};
    if (name.trim() !== profile.name) patch.name = name;
    if (status.trim() !== (profile.statusMessage ?? "")) patch.statusMessage = status;
    for (const [key, picture] of [
      ["image", avatar],
      ["backgroundImage", background],
    ] as const) {
      if (picture.kind === "remove") patch[key] = null;
      if (picture.kind === "new") {
        const uploaded = await uploadImage(picture.file);
        if (!uploaded.ok) {
          setSaving(false);
          return setError(uploaded.error.code);
        }
        patch[key] = uploaded.url;
      }
    }
    const res = Object.keys(patch).length ? await peopleApi.updateProfile(patch) : null;
    setSaving(false);
    if (res && !res.ok) return setError(res.error.code);
    router.refresh();
    onClose();
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("edit.title")}>
      <form onSubmit={save} className="flex flex-col gap-4" data-testid="edit-profile">
        <div
          className="relative h-28 overflow-hidden rounded-xl bg-gradient-to-br from-brand-400 to-brand-700 bg-cover bg-center"
          style={
            shown(background, profile?.backgroundImage ?? null)
              ? { backgroundImage: `url(${shown(background, profile?.backgroundImage ?? null)})` }
              : undefined
          }
        >
          <div className="absolute right-2 bottom-2 flex gap-1.5">
            <PictureButtons
              label={t("edit.background")}
              onPick={pick(setBackground)}
              onRemove={shown(background, profile?.backgroundImage ?? null) ? () => setBackground({ kind: "remove" }) : undefined}
              onDark
            />
          </div>
          <div className="absolute bottom-2 left-3 rounded-full bg-white p-0.5">
            <Avatar name={name || profile?.name || "?"} image={shown(avatar, profile?.image ?? null)} size={64} />
          </div>
        </div>
        <div className="flex items-center justify-between gap-2">
          <span className="text-sm font-medium text-stone-700">{t("edit.avatar")}</span>
          <div className="flex gap-1.5">
            <PictureButtons
              label={t("edit.avatar")}
              onPick={pick(setAvatar)}
              onRemove={shown(avatar, profile?.image ?? null) ? () => setAvatar({ kind: "remove" }) : undefined}
            />
          </div>
        </div>
        <Field
          label={t("edit.name")}
          name="name"
          value={name}
          required
          maxLength={LIMITS.nameMaxChars}
          onChange={(e) => setName(e.target.value)}
          disabled={!profile}
        />
        <Field
          label={t("edit.status")}
          name="statusMessage"
          value={status}
          placeholder={t("edit.statusPlaceholder")}
          maxLength={LIMITS.statusMessageMaxChars}
          hint={t("edit.count", { count: [...status].length, max: LIMITS.statusMessageMaxChars })}
          onChange={(e) => setStatus(e.target.value)}
          disabled={!profile}
        />
        {error && <Alert>{errorText(error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t("edit.cancel")}
          </Button>
          <Button type="submit" disabled={!profile || saving || !name.trim()}>
            {saving ? t("edit.saving") : t("edit.save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Change" (a file picker labelled with what it changes) and "Remove" for one picture. */
function PictureButtons({
  label,
  onPick,
  onRemove,
  onDark = false,
}: {
  label: string;
  onPick: (file: File) => void;
  onRemove?: () => void;
  onDark?: boolean;
}) {
  const t = useTranslations("people");
  const id = useId();
  const style = onDark ? "bg-black/45 text-white hover:bg-black/60" : "bg-white text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100";
  return (
    <>
      <input
        id={id}
        type="file"
        accept={LIMITS.uploadImageTypes.join(",")}
        aria-label={label}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onPick(file);
          e.target.value = "";
        }}
      />
      <label htmlFor={id} className={`cursor-pointer rounded-lg px-2.5 py-1 text-xs font-semibold ${style}`}>
        {t("edit.change")}
      </label>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`${t("edit.remove")}: ${label}`}
          className={`rounded-lg px-2.5 py-1 text-xs font-semibold ${style}`}
        >
          {t("edit.remove")}
        </button>
      )}
    </>
  );
}
