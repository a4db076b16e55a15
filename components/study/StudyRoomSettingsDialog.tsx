"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/spaces/FormDialog";
import { SelectField } from "@/components/spaces/SelectField";
import { useAction } from "@/components/spaces/useAction";
import { sendJson } from "@/lib/api-client";
import { LIMITS } from "@/lib/limits";
import type { ChannelSummary, StudyRoomView } from "@/lib/realtime/contract";

const CHIMES = ["bell", "wood", "digital", "none"] as const;

/** Owner and admins: make a channel a study room, set its pomodoro, chime, who controls it and whether time counts. */
export function StudyRoomSettingsDialog({ spaceId, channel, onClose }: { spaceId: string; channel: ChannelSummary; onClose: () => void }) {
  const t = useTranslations("studyRoom");
  const { busy, error, run } = useAction();
  const url = `/api/spaces/${spaceId}/channels/${channel.id}/study-room`;
  const [loaded, setLoaded] = useState(false);
  const [enabled, setEnabled] = useState(true);
  const [focusMinutes, setFocus] = useState(String(LIMITS.pomodoroFocusMinutes.default));
  const [breakMinutes, setBreak] = useState(String(LIMITS.pomodoroBreakMinutes.default));
  const [chime, setChime] = useState<StudyRoomView["chime"]>("bell");
  const [control, setControl] = useState<StudyRoomView["control"]>("everyone");
  const [countTime, setCountTime] = useState(true);
  useEffect(() => {
    void sendJson<{ room: StudyRoomView | null }>("GET", url).then((result) => {
      if (result.ok && result.room) {
        const r = result.room;
        setFocus(String(r.focusMinutes));
        setBreak(String(r.breakMinutes));
        setChime(r.chime);
        setControl(r.control);
        setCountTime(r.countTime);
      } else if (result.ok) setEnabled(false);
      setLoaded(true);
    });
  }, [url]);
  const whole = (text: string, range: { min: number; max: number }) => /^\d{1,3}$/.test(text) && Number(text) >= range.min && Number(text) <= range.max;
  const valid = !enabled || (whole(focusMinutes, LIMITS.pomodoroFocusMinutes) && whole(breakMinutes, LIMITS.pomodoroBreakMinutes));
  return (
    <FormDialog
      title={t("settingsTitle")}
      description={t("settingsHint")}
      onClose={onClose}
      error={error}
      submitLabel={t("save")}
      disabled={busy || !loaded || !valid}
      onSubmit={() =>
        void run(
          () =>
            sendJson("PATCH", url, enabled ? { enabled, focusMinutes: Number(focusMinutes), breakMinutes: Number(breakMinutes), chime, control, countTime } : { enabled }),
          onClose,
        )
      }
    >
      <label className="flex cursor-pointer items-center gap-3">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="accent-brand-500" data-testid="study-room-enabled" />
        <span className="text-sm font-semibold">{t("enabled")}</span>
      </label>
      {enabled && (
        <>
          <div className="grid grid-cols-2 gap-3">
            <Field
              label={t("focusMinutes")}
              inputMode="numeric"
              value={focusMinutes}
              onChange={(e) => setFocus(e.target.value)}
              min={LIMITS.pomodoroFocusMinutes.min}
              max={LIMITS.pomodoroFocusMinutes.max}
              type="number"
            />
            <Field
              label={t("breakMinutes")}
              inputMode="numeric"
              value={breakMinutes}
              onChange={(e) => setBreak(e.target.value)}
              min={LIMITS.pomodoroBreakMinutes.min}
              max={LIMITS.pomodoroBreakMinutes.max}
              type="number"
            />
          </div>
          <SelectField label={t("chime")} value={chime} onChange={(v) => setChime(v as typeof chime)} options={CHIMES.map((c) => ({ value: c, label: t(`chimes.${c}`) }))} />
          <SelectField
            label={t("control")}
            value={control}
            onChange={(v) => setControl(v as typeof control)}
            options={(["everyone", "admins"] as const).map((c) => ({ value: c, label: t(`controls.${c}`) }))}
          />
          <label className="flex cursor-pointer items-start gap-3">
            <input type="checkbox" checked={countTime} onChange={(e) => setCountTime(e.target.checked)} className="mt-1 accent-brand-500" />
            <span className="flex flex-col">
              <span className="text-sm font-semibold">{t("countTime")}</span>
              <span className="text-xs text-stone-500">{t("countTimeHint")}</span>
            </span>
          </label>
        </>
      )}
    </FormDialog>
  );
}
