"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { sendJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import type { SpaceView, UserSummary } from "@/lib/realtime/contract";
import { StudySettings, useStudyGroup } from "@/components/study/StudySettings";
import { FormActions, FormDialog } from "./FormDialog";
import { IconPicker } from "./IconPicker";
import { useLeaveSpace } from "./useSpaceLive";
import { useAction } from "./useAction";

interface InviteRow {
  code: string;
  creator: { id: string; name: string };
  uses: number;
  maxUses: number | null;
  expiresAt: string | null;
}

export type SettingsTab = "general" | "study" | "invites" | "bans";

/** Space settings for its owner and admins: name and icon, the study group, working invites, and (owner) bans. */
export function SpaceSettingsDialog({
  view,
  onClose,
  initialTab = "general",
}: {
  view: SpaceView;
  onClose: () => void;
  initialTab?: SettingsTab;
}) {
  const t = useTranslations("spaces");
  const [tab, setTab] = useState<SettingsTab>(initialTab);
  const study = useStudyGroup(view.space.id);
  const pending = study.group?.pendingRequests ?? 0;
  const tabs: SettingsTab[] = view.myRole === "owner" ? ["general", "study", "invites", "bans"] : ["general", "study", "invites"];
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("settingsTitle", { space: view.space.name })}>
      <div className="flex flex-col gap-4">
        <div role="tablist" className="flex gap-1 rounded-xl bg-stone-100 p-1">
          {tabs.map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              onClick={() => setTab(key)}
              className={`flex-1 rounded-lg px-2 py-1.5 text-sm font-semibold transition ${tab === key ? "bg-white text-stone-900 shadow-sm" : "text-stone-500 hover:text-stone-800"}`}
            >
              {t(`tabs.${key}`)}
              {key === "study" && pending > 0 && (
                <span className="ml-1 rounded-full bg-brand-500 px-1.5 text-xs text-white" data-testid="study-pending-count">
                  {pending}
                </span>
              )}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="min-h-48">
          {tab === "general" && <GeneralSettings view={view} onClose={onClose} />}
          {tab === "study" && <StudySettings spaceId={view.space.id} study={study} />}
          {tab === "invites" && <InviteList spaceId={view.space.id} />}
          {tab === "bans" && <BanList spaceId={view.space.id} />}
        </div>
      </div>
    </Dialog>
  );
}

function GeneralSettings({ view, onClose }: { view: SpaceView; onClose: () => void }) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  const [name, setName] = useState(view.space.name);
  const [icon, setIcon] = useState(view.space.icon);
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => sendJson("PATCH", `/api/spaces/${view.space.id}`, { name, icon }), onClose);
      }}
    >
      <IconPicker name={name} value={icon} onChange={setIcon} />
      <Field
        label={t("name")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={LIMITS.spaceNameMaxChars}
        autoFocus // rather than the first tab, which would show a focus ring on open
      />
      <FormActions error={error} submitLabel={t("save")} disabled={busy || !name.trim()} onCancel={onClose} />
    </form>
  );
}

/** Loads a list from the server and reloads it after each change. */
function useList<T>(url: string, pick: (body: Record<string, unknown>) => T[]) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const result = await sendJson<Record<string, unknown>>("GET", url);
    if (result.ok) setRows(pick(result));
    else setFailed(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- pick is a fixed accessor
  }, [url]);
  useEffect(() => {
    void load();
  }, [load]);
  return { rows, failed, load };
}

function InviteList({ spaceId }: { spaceId: string }) {
  const t = useTranslations("spaces");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const { error, run } = useAction();
  const { rows, failed, load } = useList<InviteRow>(`/api/spaces/${spaceId}/invites`, (b) => b.invites as InviteRow[]);
  if (failed) return <Alert>{t("loadFailed")}</Alert>;
  if (!rows) return <p className="text-sm text-stone-500">…</p>;
  if (rows.length === 0) return <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-500">{t("noInvites")}</p>;
  return (
    <div className="flex flex-col gap-2">
      <ul
        className="flex max-h-72 flex-col divide-y divide-stone-100 overflow-y-auto rounded-xl ring-1 ring-stone-200"
        data-testid="invite-list"
      >
        {rows.map((invite) => (
          <li key={invite.code} className="flex items-center gap-3 px-3 py-2.5" data-testid="invite-row">
            <div className="min-w-0 flex-1">
              <p className="truncate font-mono text-sm font-semibold">{invite.code}</p>
              <p className="truncate text-xs text-stone-500">
                {t("inviteMeta", {
                  creator: invite.creator.name,
                  uses: invite.maxUses === null ? String(invite.uses) : `${invite.uses}/${invite.maxUses}`,
                  expiry: invite.expiresAt ? format.relativeTime(new Date(invite.expiresAt), now) : t("expiry.never"),
                })}
              </p>
            </div>
            <Button
              variant="ghost"
              className="h-8 shrink-0 px-2 text-red-600 hover:bg-red-50 hover:text-red-700"
              onClick={() =>
                void run(
                  () => sendJson("DELETE", `/api/spaces/${spaceId}/invites/${invite.code}`),
                  () => void load(),
                )
              }
            >
              {t("revoke")}
            </Button>
          </li>
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function BanList({ spaceId }: { spaceId: string }) {
  const t = useTranslations("spaces");
  const { error, run } = useAction();
  const { rows, failed, load } = useList<UserSummary>(`/api/spaces/${spaceId}/bans`, (b) => b.bans as UserSummary[]);
  if (failed) return <Alert>{t("loadFailed")}</Alert>;
  if (!rows) return <p className="text-sm text-stone-500">…</p>;
  if (rows.length === 0) return <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-500">{t("noBans")}</p>;
  return (
    <div className="flex flex-col gap-2">
      <ul
        className="flex max-h-72 flex-col divide-y divide-stone-100 overflow-y-auto rounded-xl ring-1 ring-stone-200"
        data-testid="ban-list"
      >
        {rows.map((user) => (
          <li key={user.id} className="flex items-center gap-3 px-3 py-2">
            <Avatar name={user.name} image={user.image} size={28} />
            <span className="min-w-0 flex-1 truncate text-sm font-medium">{user.name}</span>
            <Button
              variant="secondary"
              className="h-8 shrink-0 px-3"
              onClick={() =>
                void run(
                  () => sendJson("DELETE", `/api/spaces/${spaceId}/bans/${user.id}`),
                  () => void load(),
                )
              }
            >
              {t("unban")}
            </Button>
          </li>
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

/** The owner deletes the space after typing its name. */
export function DeleteSpaceDialog({ view, onClose }: { view: SpaceView; onClose: () => void }) {
  const t = useTranslations("spaces");
  const { busy, error, run } = useAction();
  const goAway = useLeaveSpace();
  const [typed, setTyped] = useState("");
  return (
    <FormDialog
      title={t("deleteSpaceTitle", { space: view.space.name })}
      description={t("deleteSpaceHint")}
      onClose={onClose}
      error={error}
      submitLabel={t("deleteSpace")}
      disabled={busy || typed.trim() !== view.space.name}
      danger
      onSubmit={() =>
        void run(
          () => sendJson("DELETE", `/api/spaces/${view.space.id}`, { confirmName: typed }),
          () => goAway(view.space.name, "deleted"),
          false,
        )
      }
    >
      <Field
        label={t("typeNameToConfirm", { space: view.space.name })}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
      />
    </FormDialog>
  );
}
