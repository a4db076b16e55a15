import type { Nodes } from "mdast";
import { parseMarkdown } from "@/lib/markdown";

/**
 * The web links of a message body as readers see them linked (the same markdown parse as the
 * renderer, so a URL inside `code` gets no card), first ones first, each once, at most `max`.
 */
export function linksOf(body: string, max: number): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (found.length >= max) return;
    if (node.type === "link") {
      const href = webHref(node.url);
      if (href && !found.includes(href)) found.push(href);
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(parseMarkdown(body));
  return found;
}

function webHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    parsed.hash = "";
    return parsed.href.length <= 2048 ? parsed.href : null;
  } catch {
    return null;
  }
}
