/**
 * The markdown a message may use, parsed (never rendered as HTML): bold, italic,
 * ~~strikethrough~~, `code`, fenced code blocks, > quotes, lists, and autolinked URLs.
 *
 * micromark (the CommonMark parser under remark) does the parsing, with the constructs a chat
 * has no use for switched off at the grammar level, so their text stays as typed: headings
 * (a line starting with # is text), raw HTML, images, labelled links and their definitions
 * (a link shows where it goes), indented code (chat indents by accident), thematic breaks.
 * Rendering is components/chat/MessageBody.tsx: a closed set of React elements built from this
 * tree, so no HTML string exists anywhere to sanitize; link URLs pass `safeHref`.
 *
 * The browser does not load this file with a page: the server parses the bodies a page shows
 * (`markdownSeeds`) and the client imports the parser after hydration for the rest
 * (components/chat/useMarkdown.tsx). What reads a tree without parsing is lib/markdown-tree.ts.
 */
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { type MarkdownSeeds, safeHref, treeText } from "./markdown-tree";
import { dropCutMention, mentionsAsNames } from "./mentions";

const OFF = {
  disable: {
    null: [
      "headingAtx",
      "setextUnderline",
      "htmlFlow",
      "htmlText",
      "labelStartImage",
      "labelStartLink",
      "definition",
      "codeIndented",
      "thematicBreak",
    ],
  },
};

const options = {
  extensions: [gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), OFF],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()],
};
const withoutEmphasis = {
  extensions: [gfmAutolinkLiteral(), { disable: { null: [...OFF.disable.null, "attention"] } }],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown()],
};

/** Quote and list markers that open containers on one line, past which they are text. */
const MAX_LINE_NESTING = 6;
/**
 * Runs of * _ ~ in one message past which emphasis is off for it (all of them show as typed):
 * pairing delimiter runs costs the square of their number (500 "*a" took 300 ms).
 */
const MAX_DELIMITER_RUNS = 128;
const CONTAINER_MARKER = /[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;

/**
 * Rewrites what CommonMark would read wrongly for a chat, outside code fences, escaping it:
 * - "2026. 12. 1. 화요일" is how Korean writes a date, and CommonMark reads it as three nested
 *   ordered lists: a number-dot followed by another number-dot on the line stays text (a lone
 *   "1. 첫째" is still a list).
 * - A line of 500 "- " nests 500 lists, at a cost that grows with the square of the depth:
 *   past MAX_LINE_NESTING markers on a line, the next one is escaped and the rest is text.
 */
function tame(body: string): string {
  let fence: string | null = null;
  return body
    .split("\n")
    .map((line) => {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1]![0]!;
        else if (f[1]![0] === fence) fence = null;
        return line;
      }
      if (fence !== null) return line;
      let out = line.replace(/^((?:[ \t]*>)*[ \t]*)(\d{1,9})\.(?=[ \t]+\d{1,9}\.)/, "$1$2\\.");
      let pos = 0;
      for (let depth = 0; ; depth++) {
        CONTAINER_MARKER.lastIndex = pos;
        const m = CONTAINER_MARKER.exec(out);
        if (!m || m[0].length === 0) break;
        if (depth === MAX_LINE_NESTING) {
          const at = pos + m[0].length - m[0].trimStart().length;
          out = `${out.slice(0, at)}\\${out.slice(at)}`;
          break;
        }
        pos += m[0].length;
      }
      return out;
    })
    .join("\n");
}

/** Parsed bodies, by body: a channel re-renders its rows often and a body never changes in place. */
const cache = new Map<string, Root>();
const CACHE_MAX = 2000;

export function parseMarkdown(body: string): Root {
  const hit = cache.get(body);
  if (hit) return hit;
  const runs = body.match(/[*_~]+/g)?.length ?? 0;
  const tree = fromMarkdown(tame(body), runs > MAX_DELIMITER_RUNS ? withoutEmphasis : options);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(body, tree);
  return tree;
}

/** A body's text without the markdown marks (see `treeText`). */
export function markdownText(body: string): string {
  return treeText(parseMarkdown(body));
}

/**
 * The web addresses a body links to, each once, in the order written: exactly the http(s) links
 * the message shows (autolinked URLs; not those inside code, which stay text).
 */
export function linkedUrls(body: string): string[] {
  const out = new Set<string>();
  const walk = (node: Nodes) => {
    if (node.type === "link") {
      const href = safeHref(node.url);
      if (href?.startsWith("http")) out.add(href);
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(parseMarkdown(body));
  return [...out];
}

/**
 * The body as one line of plain text, with mentions as @name and without markdown marks
 * ("**마감**은 `금요일`" → "마감은 금요일"): for previews, reply quotes and notifications. A mention
 * token cut off by an excerpt's end is dropped rather than shown half.
 */
export function plainText(body: string, nameOf: (userId: string) => string | undefined): string {
  return mentionsAsNames(markdownText(dropCutMention(body)), nameOf);
}

/**
 * The trees of the bodies a page renders (with each body's form for plain text, when it
 * differs), without source positions: they travel in the page's props so its first messages,
 * quotes and previews render formatted before the browser has the parser.
 */
export function markdownSeeds(bodies: Iterable<string>): MarkdownSeeds {
  const seeds = new Map<string, Root>();
  for (const body of bodies) {
    for (const key of [body, dropCutMention(body)]) {
      if (!seeds.has(key)) seeds.set(key, withoutPositions(parseMarkdown(key)) as Root);
    }
  }
  return [...seeds];
}

function withoutPositions(node: Nodes): Nodes {
  const { position: _, ...rest } = node;
  if (!("children" in rest)) return rest as Nodes;
  return { ...rest, children: (rest.children as Nodes[]).map(withoutPositions) } as Nodes;
}
