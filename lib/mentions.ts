/**
 * Mentions travel inside a message body as `<@userId>` tokens, so renaming a user never
 * breaks them; clients show them as @name from the member list they hold.
 */
const MENTION = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/g;

export function mentionToken(userId: string): string {
  return `<@${userId}>`;
}

export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((m) => m[1]!))];
}

export type BodyPart = { text: string } | { mention: string };

/** Splits a body into text and mention parts, for rendering. */
export function parseBody(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const m of body.matchAll(MENTION)) {
    if (m.index > last) parts.push({ text: body.slice(last, m.index) });
    parts.push({ mention: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** A body without a mention token cut off at its end by an excerpt (dropped rather than shown half). */
export function dropCutMention(body: string): string {
  return body.replace(/<@[0-9a-f-]{0,35}$/, "");
}

/** Text with its mention tokens as "@name" ("@?" for someone unknown). */
export function mentionsAsNames(text: string, nameOf: (userId: string) => string | undefined): string {
  return parseBody(text)
    .map((p) => ("text" in p ? p.text : `@${nameOf(p.mention) ?? "?"}`))
    .join("");
}
