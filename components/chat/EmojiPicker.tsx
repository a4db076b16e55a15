"use client";

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🎉"] as const;

/** Picks one emoji (for a reaction or the composer). */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void; onClose?: () => void }) {
  return (
    <>
      {QUICK_REACTIONS.map((e) => (
        <button key={e} type="button" aria-label={e} onClick={() => onPick(e)} className="rounded p-1 text-base hover:bg-stone-100">
          {e}
        </button>
      ))}
    </>
  );
}
