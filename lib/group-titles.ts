// How an unnamed group chat is titled, without zod (the chat list and the conversation screen
// import it in the browser); lib/conversations.ts re-exports it for the server.

/** How many members a group chat shows in its stacked avatar. */
export const STACKED_AVATARS = 4;

/** An unnamed group's title names this many of the others, then "and N others". */
export const TITLE_NAMES = 3;

/**
 * The parts of an unnamed group's title for one reader: the first few other members' names and
 * how many more there are ("Bob, Carol" · 0; "Bob, Carol, Dave" · 3 for "… 외 3명").
 */
export function groupTitleParts(otherNames: string[], otherCount = otherNames.length): { names: string[]; more: number } {
  const names = otherNames.slice(0, TITLE_NAMES);
  return { names, more: Math.max(0, otherCount - names.length) };
}
