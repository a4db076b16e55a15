import { LIMITS } from "./limits";
import type { Locale } from "./i18n";
import { normalizeName, type NameResult } from "./names";

/**
 * The zod-free half of the space administration inputs: the choices the forms offer and the
 * channel-name shaping their previews use, imported by the browser. lib/space-inputs.ts builds
 * the schemas the services check from these same values and re-exports them.
 */

/** How long a new invite works (seconds; null: until revoked). */
export const INVITE_EXPIRY_CHOICES = [30 * 60, 60 * 60, 24 * 60 * 60, 7 * 24 * 60 * 60, null] as const;
/** How many people a new invite admits (null: any number). */
export const INVITE_MAX_USES_CHOICES = [1, 5, 10, 25, 100, null] as const;

/** The first channel of a new space, in its creator's language. */
export const FIRST_CHANNEL_NAME: Record<Locale, string> = { ko: "일반", en: "general" };

/**
 * A channel's name as it is stored and shown: what was typed, Hangul, capitals and spaces
 * kept ("공부 방", "Study Notes"), normalized by `normalizeName` (lib/names.ts). A leading
 * "#" goes, since the list shows one. Channel URLs use ids, so any name works
 * in them; two channels may share a name, as on Discord.
 */
export function shapeChannelName(raw: string): NameResult {
  return normalizeName(raw, LIMITS.channelNameMaxChars, /^[#\s]+/u);
}

/** The shaped name, or "" when there is none to use (the forms disable their button). */
export function channelName(raw: string): string {
  const shaped = shapeChannelName(raw);
  return shaped.ok ? shaped.name : "";
}
