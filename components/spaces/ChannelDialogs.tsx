"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { postJson, sendJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import type { Category, ChannelSummary, SpaceMember, SpaceView } from "@/lib/realtime/contract";
import { rawCapFor } from "@/lib/names";
import { channelName, shapeChannelName } from "@/lib/space-choices";
import { FormDialog } from "./FormDialog";
import { SelectField } from "./SelectField";
import { useAction } from "./useAction";
import { VideoIcon } from "./VideoIcon";

/** Creates a text or video channel, in a category, public or for chosen members. */
export function CreateChannelDialog({
  view,
  categoryId: initialCategory,
  myId,
  onClose,
}: {
  view: SpaceView;
  categoryId: string | null;
  myId: string;
  onClose: () => void;
}) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"text" | "video">("text");
  const [categoryId, setCategoryId] = useState(initialCategory ?? "");
  const [isPrivate, setPrivate] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  return (
    <FormDialog
      title={t("createChannel")}
      onClose={onClose}
      error={error}
      submitLabel={t("createButton")}
      disabled={busy || !channelName(name)}
      onSubmit={() =>
        void run(
          () =>
            postJson(`/api/spaces/${view.space.id}/channels`, {
              name,
              kind,
              categoryId: categoryId || null,
              isPrivate,
              memberIds: isPrivate ? [...chosen] : [],
            }),
          onClose,
        )
      }
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-sm font-medium text-stone-700">{t("channelKind")}</legend>
        {(["text", "video"] as const).map((k) => (
          <label
            key={k}
            className={`flex cursor-pointer items-center gap-3 rounded-xl px-3 py-2.5 ring-1 ${kind === k ? "bg-brand-50 ring-brand-500" : "ring-stone-200 hover:bg-stone-50"}`}
          >
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="accent-brand-500" />
            <span className="text-lg text-stone-500">{k === "text" ? "#" : <VideoIcon />}</span>
            <span className="flex flex-col">
              <span className="text-sm font-semibold">{t(`kinds.${k}`)}</span>
              <span className="text-xs text-stone-500">{t(`kinds.${k}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ChannelFields
        categories={view.categories}
        name={name}
        onName={setName}
        categoryId={categoryId}
        onCategory={setCategoryId}
        placeholder={kind === "text" ? t("channelNamePlaceholder") : t("videoNamePlaceholder")}
      />
      <label className="flex cursor-pointer items-start gap-3">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} className="mt-1 accent-brand-500" />
        <span className="flex flex-col">
          <span className="text-sm font-semibold">{t("privateChannel")}</span>
          <span className="text-xs text-stone-500">{t("privateHint")}</span>
        </span>
      </label>
      {isPrivate && (
        <MemberChecklist
          members={view.members.filter((m) => m.id !== myId && m.role === "member")}
          checked={chosen}
          onToggle={(id, on) => setChosen((s) => toggled(s, id, on))}
        />
      )}
    </FormDialog>
  );
}

/** Renames a channel or moves it to another category. */
export function EditChannelDialog({ view, channel, onClose }: { view: SpaceView; channel: ChannelSummary; onClose: () => void }) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  const [name, setName] = useState(channel.name);
  const [categoryId, setCategoryId] = useState(channel.categoryId ?? "");
  return (
    <FormDialog
      title={t("editChannel")}
      onClose={onClose}
      error={error}
      submitLabel={t("save")}
      disabled={busy || !channelName(name)}
      onSubmit={() =>
        void run(
          () => sendJson("PATCH", `/api/spaces/${view.space.id}/channels/${channel.id}`, { name, categoryId: categoryId || null }),
          onClose,
        )
      }
    >
      <ChannelFields
        categories={view.categories}
        name={name}
        onName={setName}
        categoryId={categoryId}
        onCategory={setCategoryId}
      />
    </FormDialog>
  );
}

/** A channel's name (with how it will be shaped) and its category. */
function ChannelFields({
  categories,
  name,
  onName,
  categoryId,
  onCategory,
  placeholder,
}: {
  categories: Category[];
  name: string;
  onName: (name: string) => void;
  categoryId: string;
  onCategory: (id: string) => void;
  placeholder?: string;
}) {
  const t = useTranslations("spaces");
  const tn = useTranslations("onboarding");
  const shaped = shapeChannelName(name);
  const hint = shaped.ok && shaped.name !== name ? t("willBeNamed", { name: shaped.name }) : undefined;
  const problem = !shaped.ok && name && shaped.problem !== "empty" ? tn(`nameProblems.${shaped.problem}`) : undefined;
  return (
    <>
      <Field
        label={t("channelName")}
        value={name}
        onChange={(e) => onName(e.target.value)}
        required
        maxLength={rawCapFor(LIMITS.channelNameMaxChars)}
        placeholder={placeholder}
        hint={hint}
        error={problem}
      />
      {categories.length > 0 && (
        <SelectField
          label={t("category")}
          value={categoryId}
          onChange={onCategory}
          options={[{ value: "", label: t("noCategory") }, ...categories.map((c) => ({ value: c.id, label: c.name }))]}
        />
      )}
    </>
  );
}

function toggled(set: Set<string> | null, id: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** Who is in a private channel: admins tick members in and out (owner and admins see it anyway). */
export function ChannelMembersDialog({ view, channel, onClose }: { view: SpaceView; channel: ChannelSummary; onClose: () => void }) {
  const t = useTranslations("spaces");
  const { error, run } = useAction();
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const url = `/api/spaces/${view.space.id}/channels/${channel.id}/members`;

  useEffect(() => {
    void sendJson<{ userIds: string[] }>("GET", url).then((r) => r.ok && setChosen(new Set(r.userIds)));
  }, [url]);

  function toggle(userId: string, on: boolean) {
    void run(
      () => (on ? postJson(url, { userId }) : sendJson("DELETE", `${url}/${userId}`)),
      () => setChosen((s) => toggled(s, userId, on)),
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t("channelMembersTitle", { channel: channel.name })}
      description={t("channelMembersHint")}
    >
      <div className="flex flex-col gap-3">
        {chosen ? (
          <MemberChecklist members={view.members.filter((m) => m.role === "member")} checked={chosen} onToggle={toggle} />
        ) : (
          <p className="text-sm text-stone-500">…</p>
        )}
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end">
          <Button onClick={onClose}>{t("done")}</Button>
        </div>
      </div>
    </Dialog>
  );
}

function MemberChecklist({
  members,
  checked,
  onToggle,
}: {
  members: SpaceMember[];
  checked: Set<string>;
  onToggle: (userId: string, on: boolean) => void;
}) {
  const t = useTranslations("spaces");
  if (members.length === 0) return <p className="rounded-lg bg-stone-50 p-3 text-sm text-stone-500">{t("noMembersToChoose")}</p>;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1.5 text-sm font-medium text-stone-700">{t("whoCanSee")}</legend>
      <ul className="max-h-52 overflow-y-auto rounded-xl ring-1 ring-stone-200">
        {members.map((m) => (
          <li key={m.id}>
            <label className="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-stone-50">
              <input
                type="checkbox"
                checked={checked.has(m.id)}
                onChange={(e) => onToggle(m.id, e.target.checked)}
                className="accent-brand-500"
              />
              <Avatar name={m.name} image={m.image} size={28} />
              <span className="min-w-0 flex-1 truncate text-sm">{m.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <p className="text-xs text-stone-500">{t("adminsAlwaysSee")}</p>
    </fieldset>
  );
}

/** Creates a category, or renames one. */
export function CategoryDialog({ spaceId, category, onClose }: { spaceId: string; category: Category | null; onClose: () => void }) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  const [name, setName] = useState(category?.name ?? "");
  return (
    <FormDialog
      title={category ? t("renameCategory") : t("createCategory")}
      onClose={onClose}
      error={error}
      submitLabel={category ? t("save") : t("createButton")}
      disabled={busy || !name.trim()}
      onSubmit={() =>
        void run(
          () =>
            category
              ? sendJson("PATCH", `/api/spaces/${spaceId}/categories/${category.id}`, { name })
              : postJson(`/api/spaces/${spaceId}/categories`, { name }),
          onClose,
        )
      }
    >
      <Field
        label={t("categoryName")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={LIMITS.categoryNameMaxChars}
        placeholder={t("categoryNamePlaceholder")}
      />
    </FormDialog>
  );
}
