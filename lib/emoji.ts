/**
 * What counts as one emoji, without zod: lib/schemas.ts builds the `emoji` schema the server
 * checks reactions with from these, and the browser checks its stored recent emoji with the
 * same rules (lib/recent-emoji.ts).
 */

/** Longer than this many UTF-16 units is never one emoji (checked before any regex runs). */
export const EMOJI_MAX_CHARS = 32;
/** Any emoji of the Unicode list the runtime knows (flags and keycaps included), by its sequence. */
const RGI_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");
/** An emoji newer than the runtime's Unicode: pictographs with their modifiers and joiners. */
const PICTOGRAPHIC = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u;

/** Made of emoji only: a known sequence, or pictographs with their modifiers and joiners. */
export function isEmojiSequence(s: string): boolean {
  return RGI_EMOJI.test(s) || (PICTOGRAPHIC.test(s) && /\p{Extended_Pictographic}/u.test(s));
}

/** One user-perceived character (grapheme). */
export function isOneGrapheme(s: string): boolean {
  return [...new Intl.Segmenter().segment(s)].length === 1;
}

/** One emoji (with its modifiers and joiners), as a reaction: what the `emoji` schema accepts. */
export function isOneEmoji(value: unknown): value is string {
  return typeof value === "string" && value.length <= EMOJI_MAX_CHARS && isEmojiSequence(value) && isOneGrapheme(value);
}
