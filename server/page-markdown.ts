import "server-only";
import { markdownSeeds } from "@/lib/markdown";
import type { MarkdownSeeds } from "@/lib/markdown-tree";
import type { ChatMessage, ConversationSummary } from "@/lib/realtime/contract";

/**
 * The parsed bodies a page's first render shows, for `<MarkdownSeeds>`: the browser gets the
 * markdown parser only after hydration (components/chat/useMarkdown.tsx), and what the server
 * rendered formatted must hydrate formatted.
 */

/** A channel's first messages and the replies' quotes. */
export function messageSeeds(messages: ChatMessage[] | undefined): MarkdownSeeds {
  const bodies: string[] = [];
  for (const m of messages ?? []) {
    if (m.body) bodies.push(m.body);
    if (m.replyTo?.excerpt) bodies.push(m.replyTo.excerpt);
  }
  return markdownSeeds(bodies);
}

/** The chat list's previews. */
export function previewSeeds(conversations: ConversationSummary[]): MarkdownSeeds {
  return markdownSeeds(conversations.flatMap((c) => (c.lastMessage?.body ? [c.lastMessage.body] : [])));
}
