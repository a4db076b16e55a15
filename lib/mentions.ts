import { markdownText } from "./markdown";

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

/**
 * The body as one line of plain text, with mentions as @name and without markdown marks
 * ("**마감**은 `금요일`" → "마감은 금요일"): for previews, reply quotes and notifications. A mention
 * token cut off by an excerpt's end is dropped rather than shown half.
 */
export function plainText(body: string, nameOf: (userId: string) => string | undefined): string {
  return parseBody(markdownText(body.replace(/<@[0-9a-f-]{0,35}$/, "")))
    .map((p) => ("text" in p ? p.text : `@${nameOf(p.mention) ?? "?"}`))
    .join("");
}
