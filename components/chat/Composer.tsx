"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** The message box: Enter sends, Shift+Enter breaks the line; shows the count near the limit. */
export function Composer({
  channelName,
  onSend,
  onTyping,
  maxChars,
}: {
  channelName: string;
  onSend: (body: string) => void;
  onTyping: () => void;
  maxChars: number;
}) {
  const t = useTranslations("chat");
  const [text, setText] = useState("");
  const length = text.trim().length;
  const tooLong = length > maxChars;

  function submit() {
    if (length === 0 || tooLong) return;
    onSend(text.trim());
    setText("");
  }

  return (
    <form
      className="shrink-0 px-3 pb-3 sm:px-4 sm:pb-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div
        className={`flex items-end gap-2 rounded-xl bg-stone-100 p-2 ring-1 ${tooLong ? "ring-red-400" : "ring-stone-200 focus-within:ring-brand-300"}`}
      >
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          rows={1}
          placeholder={t("placeholder", { channel: channelName })}
          aria-label={t("placeholder", { channel: channelName })}
          className="max-h-40 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] outline-none [field-sizing:content]"
        />
        <button
          type="submit"
          disabled={length === 0 || tooLong}
          className="h-9 rounded-lg bg-brand-500 px-4 text-sm font-semibold text-white transition hover:bg-brand-600 disabled:bg-stone-300"
        >
          {t("send")}
        </button>
      </div>
      {length > maxChars * 0.9 && (
        <p className={`mt-1 text-right text-xs ${tooLong ? "text-red-600" : "text-stone-400"}`} role={tooLong ? "alert" : undefined}>
          {t("tooLong", { count: length, max: maxChars })}
        </p>
      )}
    </form>
  );
}
