"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Field } from "@/components/ui/Field";
import { LIMITS } from "@/lib/limits";

/** A study subject, with the user's recent subjects offered as they type. */
export function SubjectField({
  value,
  onChange,
  recentSubjects,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  recentSubjects: string[];
  placeholder?: string;
  testId: string;
}) {
  const t = useTranslations("studyTimer");
  const listId = useId();
  return (
    <>
      <Field
        label={t("subject")}
        value={value}
        required
        maxLength={LIMITS.studySubjectMax}
        placeholder={placeholder}
        list={listId}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      <datalist id={listId}>
        {recentSubjects.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </>
  );
}
