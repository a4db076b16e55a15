"use client";
import type { Root } from "mdast";
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { type MarkdownSeeds as Seeds, oneLine, treeText } from "@/lib/markdown-tree";
import { dropCutMention, mentionsAsNames } from "@/lib/mentions";

/**
 * Message markdown without the parser in the first load. The parser (lib/markdown.ts, ~20 KB
 * gzipped) is a chunk of its own that the browser imports after hydration; until then a body
 * renders from the tree the server sent with the page (`MarkdownSeeds`), or as the text typed,
 * and every user of `useMarkdown` re-renders formatted once the parser is there.
 *
 * Hydration sees the parser as not loaded (the server snapshot below), so the browser's first
 * render is the server's whatever has loaded by then: both read the same seeds.
 */
type Parser = typeof import("@/lib/markdown");

let parser: Parser | null = null;
let loading: Promise<Parser> | null = null;
const listeners = new Set<() => void>();

/** The parser, imported once; every `useMarkdown` re-renders when it arrives. */
export function loadMarkdown(): Promise<Parser> {
  loading ??= import("@/lib/markdown").then((m) => {
    parser = m;
    for (const listener of listeners) listener();
    return m;
  });
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const SeedContext = createContext<ReadonlyMap<string, Root>>(new Map());

/** Hands the trees a server page parsed (lib/markdown.ts `markdownSeeds`) to what renders inside it. */
export function MarkdownSeeds({ seeds, children }: { seeds: Seeds; children: ReactNode }) {
  const outer = useContext(SeedContext);
  const map = useMemo(() => (outer.size === 0 ? new Map(seeds) : new Map([...outer, ...seeds])), [outer, seeds]);
  return <SeedContext.Provider value={map}>{children}</SeedContext.Provider>;
}

export interface Markdown {
  /** The body's tree, or null while the parser is still loading and the page did not bring it. */
  tree(body: string): Root | null;
  /** One line of text without marks, mentions as @name (as typed while the parser loads). */
  plain(body: string, nameOf: (userId: string) => string | undefined): string;
}

export function useMarkdown(): Markdown {
  const seeds = useContext(SeedContext);
  const loaded = useSyncExternalStore(
    subscribe,
    () => parser !== null,
    () => false,
  );
  useEffect(() => {
    if (!loaded) void loadMarkdown();
  }, [loaded]);
  return useMemo(() => {
    const tree = (body: string) => seeds.get(body) ?? (loaded && parser ? parser.parseMarkdown(body) : null);
    return {
      tree,
      plain(body, nameOf) {
        const cut = dropCutMention(body);
        const parsed = tree(cut);
        return mentionsAsNames(parsed ? treeText(parsed) : oneLine(cut), nameOf);
      },
    };
  }, [seeds, loaded]);
}
