/**
 * Names people give to shared things (channels, spaces), shaped the same way in the form that
 * previews them and the service that stores them. Unicode is welcome (Discord allows it: "공부
 * 방", "Café ☕"); what is refused is what can deceive or break a line: control characters and
 * bidi overrides (which can make "gnp.exe" read "exe.png"). Invisible characters are dropped so
 * that "general" and "gen\u200Beral" are not two different-looking-the-same names.
 */

export type NameProblem = "empty" | "too_long" | "control";
export type NameResult = { ok: true; name: string } | { ok: false; problem: NameProblem };

/**
 * Input longer than this many UTF-16 units is refused before any work is done on it. Generous
 * over the visible limit: a name typed on macOS can arrive decomposed (NFD), where one Hangul
 * syllable is two or three code points.
 */
export const rawCapFor = (maxChars: number) => maxChars * 4;

/** Controls (C0, DEL, C1) and the bidi embeddings, overrides, isolates and marks. */
const FORBIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/u;
/** Zero-width and invisible formatting that carries nothing in a name (ZWJ and ZWNJ are kept: emoji and some scripts need them). */
const INVISIBLE = /[\u00AD\u034F\u180E\u200B\u2060-\u2064\uFEFF]/gu;
/** Every kind of space (tabs, newlines, no-break, ideographic) and the Hangul fillers that render blank. */
const SPACES = /[\s\u115F\u1160\u3164\uFFA0]+/gu;
/** Joiners left at an edge or next to a space join nothing. */
const LOOSE_JOINERS = /^[\u200C\u200D ]+|[\u200C\u200D ]+$|(?<= )[\u200C\u200D]+|[\u200C\u200D]+(?= )/gu;
/** More combining marks on one letter than any script needs ("Zalgo" text that spills over lines). */
const MARK_PILE = /\p{M}{5,}/u;

/**
 * Trims, collapses every run of spaces to one, composes (NFC), drops invisible characters and
 * counts what is left in code points (at most `maxChars`). `stripPrefix` removes leading
 * characters the UI already shows (a text channel's "#").
 */
export function normalizeName(raw: string, maxChars: number, stripPrefix?: RegExp): NameResult {
  if (raw.length > rawCapFor(maxChars)) return { ok: false, problem: "too_long" };
  const composed = raw.normalize("NFC");
  // Whitespace controls (tab, newline) are spaces to collapse, not errors: they come from pasting.
  const spaced = composed.replace(SPACES, " ");
  if (FORBIDDEN.test(spaced) || MARK_PILE.test(spaced)) return { ok: false, problem: "control" };
  let name = spaced.replace(INVISIBLE, "").replace(SPACES, " ").replace(LOOSE_JOINERS, "");
  if (stripPrefix) name = name.replace(stripPrefix, "").replace(LOOSE_JOINERS, "");
  if (!name) return { ok: false, problem: "empty" };
  if ([...name].length > maxChars) return { ok: false, problem: "too_long" };
  return { ok: true, name };
}
