"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useRealtime } from "@/components/chat/RealtimeProvider";
import { SelectField } from "@/components/spaces/SelectField";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { toastDone } from "@/components/ui/Toaster";
import { useErrorText } from "@/components/ui/useErrorText";
import { postJson, sendJson } from "@/lib/api-client";
import {
  JOIN_MODES,
  STUDY_LIMITS,
  STUDY_STATUSES,
  type JoinMode,
  type StudyGroupInfo,
  type StudyJoinRequest,
  type StudyStatus,
} from "@/lib/study-group-types";

/** Reads the space's study group, again whenever its members are told it changed. */
export function useStudyGroup(spaceId: string) {
  const { socket } = useRealtime();
  const [group, setGroup] = useState<StudyGroupInfo | null | undefined>(undefined);
  const load = useCallback(async () => {
    const result = await sendJson<{ group: StudyGroupInfo | null }>("GET", `/api/spaces/${spaceId}/study`);
    if (result.ok) setGroup(result.group);
  }, [spaceId]);
  useEffect(() => {
    void load();
    if (!socket) return;
    const onChanged = (e: { spaceId: string }) => e.spaceId === spaceId && void load();
    const onRequests = (e: { spaceId: string; pending: number }) =>
      e.spaceId === spaceId && setGroup((g) => (g ? { ...g, pendingRequests: e.pending } : g));
    socket.on("study:changed", onChanged);
    socket.on("space:changed", onChanged); // members came or went: the count
    socket.on("space:memberJoined", onChanged);
    socket.on("study:requests", onRequests);
    socket.io.on("reconnect", load);
    return () => {
      socket.off("study:changed", onChanged);
      socket.off("space:changed", onChanged);
      socket.off("space:memberJoined", onChanged);
      socket.off("study:requests", onRequests);
      socket.io.off("reconnect", load);
    };
  }, [socket, spaceId, load]);
  return { group, setGroup };
}

/** The space settings' "Study" tab: the group's card and rules, and its pending join requests. */
export function StudySettings({ spaceId, study: { group, setGroup } }: { spaceId: string; study: ReturnType<typeof useStudyGroup> }) {
  if (group === undefined) return <p className="text-sm text-stone-500">…</p>;
  return (
    // Waiting requests come first: the summary's "N join requests" opens this tab for them.
    <div className="flex flex-col gap-6">
      {group && group.pendingRequests > 0 && <JoinRequests spaceId={spaceId} pending={group.pendingRequests} />}
      <StudyForm key={group ? "on" : "off"} spaceId={spaceId} group={group} onSaved={setGroup} />
      {group && group.pendingRequests === 0 && <JoinRequests spaceId={spaceId} pending={0} />}
    </div>
  );
}

function StudyForm({
  spaceId,
  group,
  onSaved,
}: {
  spaceId: string;
  group: StudyGroupInfo | null;
  onSaved: (g: StudyGroupInfo | null) => void;
}) {
  const t = useTranslations("study");
  const errorText = useErrorText();
  const [enabled, setEnabled] = useState(group !== null);
  const [description, setDescription] = useState(group?.description ?? "");
  const [target, setTarget] = useState(group?.target ?? "");
  const [capacity, setCapacity] = useState(group?.capacity === null || !group ? "" : String(group.capacity));
  const [status, setStatus] = useState<StudyStatus>(group?.status ?? "recruiting");
  const [listed, setListed] = useState(group?.listed ?? true);
  const [joinMode, setJoinMode] = useState<JoinMode>(group?.joinMode ?? "request");
  const [tags, setTags] = useState((group?.tags ?? []).join(", "));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-col gap-4"
      data-testid="study-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const body = enabled
          ? {
              enabled,
              description,
              target,
              capacity: capacity.trim() ? Number(capacity) : null,
              status,
              listed,
              joinMode,
              tags: tags
                .split(/[,，]/)
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : { enabled };
        const result = await sendJson<{ group: StudyGroupInfo | null }>("PATCH", `/api/spaces/${spaceId}/study`, body);
        setBusy(false);
        if (!result.ok) return setError(errorText(result.error.code));
        onSaved(result.group);
        toastDone(t("saved"));
      }}
    >
      <Checkbox label={t("enabled")} checked={enabled} onChange={setEnabled} testId="study-enabled" />
      {enabled && (
        <>
          <Field
            label={t("target")}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            maxLength={STUDY_LIMITS.targetMaxChars}
            placeholder={t("targetPlaceholder")}
          />
          <label className="flex flex-col gap-1.5 text-sm font-medium text-stone-700">
            {t("description")}
            <textarea
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={STUDY_LIMITS.descriptionMaxChars}
              rows={3}
              placeholder={t("descriptionPlaceholder")}
              className="resize-none rounded-lg border border-stone-300 bg-white px-3 py-2 text-[15px] font-normal outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
            />
          </label>
          <Field
            label={t("tags")}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            placeholder={t("tagsPlaceholder")}
            hint={t("tagsHint", { max: STUDY_LIMITS.tagsMax, chars: STUDY_LIMITS.tagMaxChars })}
            maxLength={(STUDY_LIMITS.tagMaxChars + 2) * STUDY_LIMITS.tagsMax}
          />
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label={t("statusFilter")}
              value={status}
              onChange={(v) => setStatus(v as StudyStatus)}
              options={STUDY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
            <SelectField
              label={t("joinMode")}
              value={joinMode}
              onChange={(v) => setJoinMode(v as JoinMode)}
              options={JOIN_MODES.map((m) => ({ value: m, label: t(`joinModes.${m}`) }))}
            />
          </div>
          <Field
            label={t("capacity")}
            type="number"
            inputMode="numeric"
            min={STUDY_LIMITS.capacityMin}
            max={STUDY_LIMITS.capacityMax}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            hint={t("capacityHint", { min: STUDY_LIMITS.capacityMin, max: STUDY_LIMITS.capacityMax })}
          />
          <div className="flex flex-col gap-1">
            <Checkbox label={t("listed")} checked={listed} onChange={setListed} testId="study-listed" />
            <p className="pl-6 text-xs text-stone-500">{t("listedHint")}</p>
          </div>
        </>
      )}
      {error && <Alert>{error}</Alert>}
      <Button type="submit" disabled={busy} className="self-end">
        {t("save")}
      </Button>
    </form>
  );
}

function Checkbox({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm font-semibold">
      <input
        type="checkbox"
        className="h-4 w-4 shrink-0 accent-brand-500"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

function JoinRequests({ spaceId, pending }: { spaceId: string; pending: number }) {
  const t = useTranslations("study");
  const errorText = useErrorText();
  const [rows, setRows] = useState<StudyJoinRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await sendJson<{ requests: StudyJoinRequest[] }>("GET", `/api/spaces/${spaceId}/study/requests`);
    if (result.ok) setRows(result.requests);
  }, [spaceId]);
  // The live count moved (a new ask, a cancel, another admin's decision): the list follows.
  useEffect(() => void load(), [load, pending]);
  const decide = async (userId: string, approve: boolean) => {
    setError(null);
    const result = await postJson(`/api/spaces/${spaceId}/study/requests/${userId}`, { approve });
    if (!result.ok) setError(errorText(result.error.code));
    void load();
  };
  return (
    <section className="flex flex-col gap-2" aria-labelledby="study-requests-title">
      <h3 id="study-requests-title" className="text-sm font-bold">
        {t("requests")} <span className="text-stone-500">({pending})</span>
      </h3>
      {rows === null ? null : rows.length === 0 ? (
        <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-500">{t("noRequests")}</p>
      ) : (
        <ul
          className="flex max-h-72 flex-col divide-y divide-stone-100 overflow-y-auto rounded-xl ring-1 ring-stone-200"
          data-testid="study-requests"
        >
          {rows.map((r) => (
            <li key={r.user.id} className="flex items-start gap-3 px-3 py-2.5" data-testid="study-request">
              <Avatar name={r.user.name} image={r.user.image} size={32} />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-semibold">{r.user.name}</p>
                {r.message && <p className="text-xs break-words whitespace-pre-line text-stone-600">{r.message}</p>}
              </div>
              <div className="flex shrink-0 gap-1">
                <Button className="h-8 px-3" onClick={() => void decide(r.user.id, true)}>
                  {t("approve")}
                </Button>
                <Button variant="ghost" className="h-8 px-2" onClick={() => void decide(r.user.id, false)}>
                  {t("decline")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
