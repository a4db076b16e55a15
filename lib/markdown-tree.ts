/**
 * What reads a parsed body (lib/markdown.ts) without the parser: link and language checks for
 * the renderer and the text of a tree. The browser has these at first load; the parser is a
 * chunk it loads after hydration (components/chat/useMarkdown.tsx), so this file must not
 * import it.
 */
import type { Nodes, Root } from "mdast";

/** Parsed bodies the server sends with a page, by body, so its first messages hydrate formatted. */
export type MarkdownSeeds = [body: string, tree: Root][];

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL to link to, or null when it is not a web or mail address (javascript:, data:, relative…). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return LINK_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A fenced block's language, as written after the fence ("```ts"): a short plain word or nothing. */
export function codeLanguage(lang: string | null | undefined): string | null {
  return lang && /^[\w+#.-]{1,20}$/.test(lang) ? lang.toLowerCase() : null;
}

/**
 * The text a reader sees, without the markdown marks: for previews, quotes and notifications.
 * Blocks and line breaks become spaces (those surfaces are one line).
 */
export function treeText(tree: Root): string {
  const out: string[] = [];
  const walk = (node: Nodes) => {
    switch (node.type) {
      case "text":
      case "inlineCode":
        out.push(node.value);
        return;
      case "code":
        out.push(" ", node.value, " ");
        return;
      case "break":
        out.push(" ");
        return;
      case "html":
        out.push(node.value);
        return;
      default:
        if ("children" in node) {
          const block = node.type === "paragraph" || node.type === "listItem" || node.type === "blockquote";
          for (const child of node.children) walk(child);
          if (block) out.push(" ");
        }
    }
  };
  walk(tree);
  return oneLine(out.join(""));
}

/** A body's text on one line, as typed: what a surface shows before the parser has loaded. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
