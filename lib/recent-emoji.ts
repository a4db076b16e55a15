/** The emoji this browser picked last (for reactions and the composer), newest first, in localStorage. */
import { isOneEmoji } from "./emoji";

const KEY = "moim:recent-emoji";
export const RECENT_EMOJI_MAX = 16;
/** A longer stored list is not ours (or was tampered with): it is ignored whole. */
const STORED_MAX = 100;

export function recentEmoji(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(list) || list.length > STORED_MAX) return [];
    // whatever else wrote there (an old version, a hand edit) is dropped, item by item; the
    // same rules as the server's `emoji` schema (lib/emoji.ts), without zod in the browser
    return list.filter(isOneEmoji).slice(0, RECENT_EMOJI_MAX);
  } catch {
    return [];
  }
}

export function rememberEmoji(picked: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([picked, ...recentEmoji().filter((e) => e !== picked)].slice(0, RECENT_EMOJI_MAX)));
  } catch {
    // storage full or off (private mode): the picker works without a history
  }
}
