"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { useErrorText } from "@/components/ui/useErrorText";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { StudySessionView } from "@/lib/realtime/contract";
import { studyApi } from "./api";
import { SubjectField } from "./SubjectField";
import { fromLocalInput, toLocalInput } from "./zoned-input";

/**
 * Adding a session by hand, or fixing one: subject, start and end in the user's study zone (the
 * inputs are local times there; the server gets UTC instants), an optional note. The server's
 * refusals (impossible times, overlaps) are shown here and nothing typed is lost.
 */
export function SessionDialog({
  session,
  timeZone,
  recentSubjects,
  onClose,
  onSaved,
}: {
  session: StudySessionView | null;
  timeZone: string;
  recentSubjects: string[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("studyTimer");
  const errorText = useErrorText();
  const id = useId();
  const now = Date.now();
  const [subject, setSubject] = useState(session?.subject ?? recentSubjects[0] ?? "");
  const [start, setStart] = useState(toLocalInput(session?.startedAt ?? now - 60 * 60_000, timeZone));
  const [end, setEnd] = useState(toLocalInput(session?.endedAt ?? now, timeZone));
  const [note, setNote] = useState(session?.note ?? "");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const startedAt = fromLocalInput(start, timeZone);
    const endedAt = fromLocalInput(end, timeZone);
    if (!startedAt || !endedAt) return setError("study_time");
    setBusy(true);
    setError(null);
    const body = { subject: subject.trim(), startedAt, endedAt, note: note.trim() || null };
    // An edit sends the times only when they changed: the subject or note alone keep the counted time.
    const unchanged = session && toLocalInput(session.startedAt, timeZone) === start && toLocalInput(session.endedAt, timeZone) === end;
    const res = session
      ? await studyApi.edit(session.id, unchanged ? { subject: body.subject, note: body.note } : body)
      : await studyApi.add(body);
    setBusy(false);
    if (!res.ok) return setError(res.error.code);
    onSaved();
    onClose();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t(session ? "editTitle" : "addTitle")}
      description={t("inZone", { zone: timeZone })}
    >
      <form
        className="flex flex-col gap-4"
        data-testid="session-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <SubjectField value={subject} onChange={setSubject} recentSubjects={recentSubjects} testId="session-subject" />
        <div className="grid gap-3">
          <Field
            label={t("startedAt")}
            type="datetime-local"
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
            data-testid="session-start"
          />
          <Field
            label={t("endedAt")}
            type="datetime-local"
            required
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            data-testid="session-end"
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-note`} className="text-sm font-medium text-stone-700">
            {t("note")}
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={LIMITS.studyNoteMax}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-[15px] outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200"
          />
        </div>
        {error && <Alert>{errorText(error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={busy || !subject.trim()} data-testid="session-save">
            {t("save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
