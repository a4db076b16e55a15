/** The parts of a text, with each case-insensitive occurrence of `term` marked (for <mark>). */
export function highlightParts(text: string, term: string): Array<{ text: string; match: boolean }> {
  const needle = term.toLowerCase();
  if (!needle) return [{ text, match: false }];
  const hay = text.toLowerCase();
  const parts: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** A long message cut to show the words around its first match (the context of a result). */
export function searchExcerpt(text: string, term: string, before = 60, length = 240): string {
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at <= before) return text.length > length ? `${text.slice(0, length)}…` : text;
  const start = at - before;
  const cut = text.slice(start, start + length);
  return `…${cut}${start + length < text.length ? "…" : ""}`;
}
