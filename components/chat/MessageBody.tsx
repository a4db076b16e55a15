"use client";
import type { Root as HastRoot, RootContent as HastNode } from "hast";
import type { Nodes, Root } from "mdast";
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { codeLanguage, safeHref } from "@/lib/markdown-tree";
import { parseBody } from "@/lib/mentions";
import { useMarkdown } from "./useMarkdown";

/**
 * A message's text as the reader sees it: the markdown subset of lib/markdown.ts rendered as a
 * closed set of elements (p, strong, em, del, code, pre, blockquote, ul/ol/li, br, a), with
 * mention tokens shown as names (your own highlighted). Nothing here sets HTML: text is text,
 * the only attribute that carries user input is a link's href, and that passed `safeHref`.
 * A body that is one paragraph renders inline (so "(edited)" and "unread by N" follow it).
 * Until the parser has loaded (useMarkdown), a body the page did not bring parsed shows as
 * typed, mentions as names, and renders again formatted when it is there.
 */
export function MessageBody({
  body,
  myId,
  nameOf,
  testId = "message-body",
}: {
  body: string;
  myId: string;
  nameOf: (userId: string) => string | undefined;
  /** A send not yet stored is rendered the same, but is not one of the list's messages. */
  testId?: string;
}) {
  const tree = useMarkdown().tree(body);
  const ctx: Ctx = { myId, nameOf, depth: 0 };
  if (!tree) {
    return (
      <span data-testid={testId} data-markdown="pending" className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
        <Mentions text={body} ctx={ctx} />
      </span>
    );
  }
  const only = tree.children.length === 1 && tree.children[0]!.type === "paragraph" ? tree.children[0] : null;
  if (only || tree.children.length === 0) {
    return (
      <span data-testid={testId} className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
        {only ? children(only, ctx) : body}
      </span>
    );
  }
  return (
    <div data-testid={testId} className="space-y-1 break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
      {children(tree, ctx)}
    </div>
  );
}

interface Ctx {
  myId: string;
  nameOf: (userId: string) => string | undefined;
  /** Quote and list nesting so far: past MAX_DEPTH, nested blocks render flat (hostile input nests a thousand deep). */
  depth: number;
  /** Inside code, mentions are plain "@name" text. */
  code?: boolean;
  /** Inside a link, bidi controls are dropped: "example.com/\u202egnp.exe" must not read "exe.png". */
  link?: boolean;
}

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

const MAX_DEPTH = 6;

function children(node: Extract<Nodes, { children: unknown }> | Root, ctx: Ctx): ReactNode {
  return (node.children as Nodes[]).map((child, i) => <Fragment key={i}>{render(child, ctx)}</Fragment>);
}

function render(node: Nodes, ctx: Ctx): ReactNode {
  switch (node.type) {
    case "text":
      return <Mentions text={node.value} ctx={ctx} />;
    case "paragraph":
      return <p>{children(node, ctx)}</p>;
    case "strong":
      return <strong className="font-semibold">{children(node, ctx)}</strong>;
    case "emphasis":
      return <em>{children(node, ctx)}</em>;
    case "delete":
      return <del>{children(node, ctx)}</del>;
    case "inlineCode":
      return (
        <code className="rounded bg-stone-100 px-1 py-0.5 font-mono text-[0.875em] text-stone-800 ring-1 ring-stone-200">
          <Mentions text={node.value} ctx={{ ...ctx, code: true }} />
        </code>
      );
    case "code":
      return <CodeBlock code={node.value} language={codeLanguage(node.lang)} ctx={ctx} />;
    case "break":
      return <br />;
    case "blockquote":
      if (ctx.depth >= MAX_DEPTH) return children(node, ctx);
      return (
        <blockquote className="border-l-4 border-stone-300 pl-3 text-stone-600">{children(node, { ...ctx, depth: ctx.depth + 1 })}</blockquote>
      );
    case "list": {
      if (ctx.depth >= MAX_DEPTH) return children(node, ctx);
      const inner = { ...ctx, depth: ctx.depth + 1 };
      if (!node.ordered) return <ul className="list-disc space-y-0.5 pl-6">{children(node, inner)}</ul>;
      const start = node.start ?? 1;
      return (
        <ol className="list-decimal space-y-0.5 pl-8" start={start === 1 ? undefined : start}>
          {children(node, inner)}
        </ol>
      );
    }
    case "listItem":
      // A tight item's paragraph is its line, not a block of its own.
      return (
        <li>
          {node.spread
            ? children(node, ctx)
            : node.children.map((child, i) => <Fragment key={i}>{child.type === "paragraph" ? children(child, ctx) : render(child, ctx)}</Fragment>)}
        </li>
      );
    case "link": {
      const href = safeHref(node.url);
      if (!href) return children(node, ctx);
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline hover:text-brand-800">
          {children(node, { ...ctx, link: true })}
        </a>
      );
    }
    case "html":
      // Raw HTML is off in the grammar; should any reach here it is shown as the text it is.
      return node.value;
    default:
      // Any other construct (none is switched on) renders its text only.
      return "children" in node ? children(node, ctx) : "value" in node ? String(node.value) : null;
  }
}

/** Text with its mention tokens as names: highlighted spans, or plain "@name" inside code. */
function Mentions({ text, ctx }: { text: string; ctx: Ctx }) {
  return parseBody(ctx.link ? text.replace(BIDI_CONTROLS, "") : text).map((part, i) => {
    if ("text" in part) return part.text;
    const name = `@${ctx.nameOf(part.mention) ?? "?"}`;
    if (ctx.code) return name;
    return (
      <span
        key={i}
        data-mention={part.mention === ctx.myId ? "me" : "other"}
        className={`rounded px-0.5 font-semibold whitespace-nowrap ${part.mention === ctx.myId ? "bg-amber-200 text-amber-900" : "bg-brand-100 text-brand-700"}`}
      >
        {name}
      </span>
    );
  });
}

/**
 * A fenced block: plain at once, highlighted once the highlighter (a chunk of its own, fetched
 * the first time a block names a language) has run. Long lines scroll inside the block.
 */
function CodeBlock({ code, language, ctx }: { code: string; language: string | null; ctx: Ctx }) {
  const [tree, setTree] = useState<{ code: string; language: string; tree: HastRoot | null } | null>(null);
  useEffect(() => {
    if (!language) return;
    let live = true;
    void import("@/lib/markdown-highlight").then((m) => {
      if (live) setTree({ code, language, tree: m.highlight(code, language) });
    });
    return () => {
      live = false;
    };
  }, [code, language]);
  const highlighted = tree && tree.code === code && tree.language === language ? tree.tree : null;
  return (
    <pre
      className="max-h-96 max-w-full overflow-auto rounded-md bg-stone-100 p-2 font-mono text-[13px] leading-snug whitespace-pre text-stone-800 ring-1 ring-stone-200 [overflow-wrap:normal]"
      data-language={language ?? undefined}
      tabIndex={0}
    >
      <code>{highlighted ? highlighted.children.map((n, i) => <Hast key={i} node={n} />) : <Mentions text={code} ctx={{ ...ctx, code: true }} />}</code>
    </pre>
  );
}

/** highlight.js's token classes in Tailwind colours (so the theme can remap them). */
const TOKEN: Record<string, string> = {
  "hljs-keyword": "text-violet-700",
  "hljs-built_in": "text-sky-700",
  "hljs-type": "text-sky-700",
  "hljs-literal": "text-amber-700",
  "hljs-number": "text-amber-700",
  "hljs-string": "text-emerald-700",
  "hljs-regexp": "text-emerald-700",
  "hljs-comment": "text-stone-500 italic",
  "hljs-title": "text-blue-700",
  "hljs-function": "text-blue-700",
  "hljs-params": "text-stone-800",
  "hljs-attr": "text-rose-700",
  "hljs-attribute": "text-rose-700",
  "hljs-tag": "text-rose-700",
  "hljs-name": "text-rose-700",
  "hljs-meta": "text-stone-600",
  "hljs-variable": "text-orange-700",
  "hljs-symbol": "text-orange-700",
  "hljs-addition": "text-emerald-700",
  "hljs-deletion": "text-red-700",
  "hljs-selector-tag": "text-violet-700",
  "hljs-selector-class": "text-blue-700",
  "hljs-property": "text-sky-700",
};

/** lowlight's output: spans with token classes, and text. Nothing else is rendered. */
function Hast({ node }: { node: HastNode }): ReactNode {
  if (node.type === "text") return node.value;
  if (node.type !== "element" || node.tagName !== "span") return null;
  const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
  const className = classes.map((c) => TOKEN[c] ?? TOKEN[c.split(" ")[0]!]).filter(Boolean).join(" ");
  return (
    <span className={className || undefined}>
      {node.children.map((n, i) => (
        <Hast key={i} node={n} />
      ))}
    </span>
  );
}
