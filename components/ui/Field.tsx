import { useId, type InputHTMLAttributes } from "react";

/** A labelled text input with an optional hint or error under it. */
export function Field({
  label,
  hint,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string }) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-stone-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        {...input}
        className="h-11 rounded-lg border border-stone-300 bg-white px-3 text-[15px] outline-none transition focus:border-brand-500 focus:ring-2 focus:ring-brand-200 aria-invalid:border-red-500"
      />
      {note && (
        <p id={`${id}-note`} className={`text-xs ${error ? "text-red-600" : "text-stone-500"}`}>
          {note}
        </p>
      )}
    </div>
  );
}
