/** The emoji this browser picked last (for reactions and the composer), newest first, in localStorage. */
import { z } from "zod";
import { emoji } from "./schemas";

const KEY = "moim:recent-emoji";
export const RECENT_EMOJI_MAX = 16;
const stored = z.array(z.unknown()).max(100);

export function recentEmoji(): string[] {
  try {
    const list = stored.parse(JSON.parse(localStorage.getItem(KEY) ?? "[]"));
    // whatever else wrote there (an old version, a hand edit) is dropped, item by item
    return list.flatMap((e) => (emoji.safeParse(e).success ? [e as string] : [])).slice(0, RECENT_EMOJI_MAX);
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
