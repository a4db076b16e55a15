"use client";
import { EmojiPicker as Picker } from "frimousse";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { recentEmoji } from "@/lib/recent-emoji";

/**
 * The full emoji picker (loaded lazily by EmojiPicker.tsx): frimousse, with its data from our
 * own origin (app/emojibase), recent emoji on top. Type to search, arrows to move, Enter to pick.
 */
export default function EmojiPickerPanel({ onPick, autoFocus = true }: { onPick: (emoji: string) => void; autoFocus?: boolean }) {
  const t = useTranslations("emoji");
  const locale = useLocale();
  const [recent] = useState(recentEmoji);
  return (
    <Picker.Root
      locale={locale === "ko" ? "ko" : "en"}
      emojibaseUrl="/emojibase"
      columns={8}
      onEmojiSelect={({ emoji }) => onPick(emoji)}
      className="isolate flex h-[22rem] w-[min(20rem,calc(100vw-1rem))] flex-col rounded-xl bg-white text-stone-800 shadow-lg ring-1 ring-stone-200"
    >
      <div className="flex items-center gap-1 p-2">
        <Picker.Search
          autoFocus={autoFocus}
          aria-label={t("search")}
          placeholder={t("search")}
          className="h-9 min-w-0 flex-1 appearance-none rounded-lg bg-stone-100 px-3 text-sm ring-1 ring-stone-200 outline-none placeholder:text-stone-500 focus:ring-2 focus:ring-brand-500"
        />
        <Picker.SkinToneSelector
          aria-label={t("skinTone")}
          className="size-9 shrink-0 rounded-lg text-lg hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
        />
      </div>
      {recent.length > 0 && (
        <div role="group" aria-label={t("recent")} className="px-2 pb-1" data-testid="recent-emoji">
          <p className="px-1 pb-0.5 text-xs font-semibold text-stone-600">{t("recent")}</p>
          <div className="flex flex-wrap">
            {recent.slice(0, 8).map((e) => (
              <button
                key={e}
                type="button"
                aria-label={e}
                onClick={() => onPick(e)}
                className="flex size-9 items-center justify-center rounded-md text-xl hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
              >
                {e}
              </button>
            ))}
          </div>
        </div>
      )}
      <Picker.Viewport className="relative flex-1 outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset">
        <Picker.Loading className="absolute inset-0 flex items-center justify-center text-sm text-stone-500">{t("loading")}</Picker.Loading>
        <Picker.Empty className="absolute inset-0 flex items-center justify-center px-4 text-center text-sm text-stone-500">
          {({ search }) => t("none", { query: search })}
        </Picker.Empty>
        <Picker.List
          className="pb-1.5 select-none"
          components={{
            CategoryHeader: ({ category, ...props }) => (
              <div className="bg-white px-3 pt-3 pb-1.5 text-xs font-semibold text-stone-600" {...props}>
                {category.label}
              </div>
            ),
            Row: ({ children, ...props }) => (
              <div className="scroll-my-1.5 px-1.5" {...props}>
                {children}
              </div>
            ),
            Emoji: ({ emoji, ...props }) => (
              <button className="flex size-9 items-center justify-center rounded-md text-xl data-[active]:bg-stone-200" {...props}>
                {emoji.emoji}
              </button>
            ),
          }}
        />
      </Picker.Viewport>
    </Picker.Root>
  );
}
