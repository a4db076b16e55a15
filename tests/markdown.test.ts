import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageBody } from "@/components/chat/MessageBody";
import { MarkdownSeeds } from "@/components/chat/useMarkdown";
import { LIMITS } from "@/lib/limits";
import { markdownSeeds, markdownText, plainText } from "@/lib/markdown";
import { mentionToken } from "@/lib/mentions";
import { messageBody } from "@/lib/schemas";
import { XSS_CORPUS, XSS_MENTION_ID } from "./helpers/xss-corpus";

const ME = "11111111-2222-4333-8444-555555555555";
const names = new Map([
  [ME, "민지"],
  [XSS_MENTION_ID, "Bob"],
]);
const nameOf = (id: string) => names.get(id);

/** A body as the server renders it in a page: parsed there, handed down as the page's seeds. */
function html(body: string): string {
  return renderToStaticMarkup(
    createElement(MarkdownSeeds, { seeds: markdownSeeds([body]), children: createElement(MessageBody, { body, myId: ME, nameOf }) }),
  );
}

/** A body the page did not bring parsed, before the browser has loaded the parser. */
function pendingHtml(body: string): string {
  return renderToStaticMarkup(createElement(MessageBody, { body, myId: ME, nameOf }));
}

/** Every element and attribute MessageBody may produce; anything else in its markup is a hole. */
const ELEMENTS = new Set(["span", "div", "p", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "br", "a"]);
const ATTRIBUTES = new Set([
  "class",
  "data-testid",
  "data-markdown",
  "data-mention",
  "data-language",
  "href",
  "target",
  "rel",
  "start",
  "tabindex",
]);

function decode(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Asserts the markup holds only allowed elements and attributes, and links only to the web or mail. */
function expectSafe(markup: string, body: string) {
  // React escapes every "<" of text, so each "<" in the markup opens a real tag.
  for (const [, tag, attrs] of markup.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    expect(ELEMENTS, `element <${tag}> from ${JSON.stringify(body)}`).toContain(tag!.toLowerCase());
    for (const [, name, value] of attrs!.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      expect(ATTRIBUTES, `attribute ${name} from ${JSON.stringify(body)}`).toContain(name!.toLowerCase());
      if (name === "href") {
        expect(decode(value!)).toMatch(/^(https?:\/\/|mailto:)/);
        expect(decode(value!)).not.toMatch(/["<>\s]/);
      }
    }
    if (tag === "a") {
      expect(attrs).toContain('target="_blank"');
      expect(attrs).toContain('rel="noopener noreferrer nofollow"');
    }
  }
  // a mention element only where the body has a real token
  const mentions = markup.match(/<span data-mention=/g)?.length ?? 0;
  expect(mentions, `mentions from ${JSON.stringify(body)}`).toBeLessThanOrEqual(body.split(mentionToken(XSS_MENTION_ID)).length - 1);
}

describe("message rich text", () => {
  it("renders bold, italic, strikethrough, code, fenced code, quotes, lists and links", () => {
    const out = html(
      [
        "**굵게** *기울임* _기울임_ ~~취소~~ `npm test`",
        "",
        "> 인용문",
        "",
        "- 하나",
        "- 둘",
        "",
        "1. 첫째",
        "2. 둘째",
        "",
        "```ts",
        "const a = 1;",
        "```",
        "",
        "https://example.com/a?b=c 와 www.moim.kr 참고",
      ].join("\n"),
    );
    expect(out).toContain('<strong class="font-semibold">굵게</strong>');
    expect(out).toContain("<em>기울임</em> <em>기울임</em>");
    expect(out).toContain("<del>취소</del>");
    expect(out).toMatch(/<code class="[^"]*font-mono[^"]*">npm test<\/code>/);
    expect(out).toMatch(/<blockquote[^>]*><p>인용문<\/p><\/blockquote>/);
    expect(out).toMatch(/<ul[^>]*><li[^>]*>하나<\/li><li[^>]*>둘<\/li><\/ul>/);
    expect(out).toMatch(/<ol[^>]*><li[^>]*>첫째<\/li><li[^>]*>둘째<\/li><\/ol>/);
    expect(out).toMatch(/<pre[^>]*data-language="ts"[^>]*><code>const a = 1;<\/code><\/pre>/);
    expect(out).toContain('<a href="https://example.com/a?b=c" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).toContain('<a href="http://www.moim.kr/" target="_blank" rel="noopener noreferrer nofollow"');
  });

  it("shows a body the page did not parse as typed, mentions as names, until the parser has loaded", () => {
    const body = `**굵게** ${mentionToken(ME)} <b>x</b>`;
    expect(pendingHtml(body)).toBe(
      '<span data-testid="message-body" data-markdown="pending" class="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">' +
        '**굵게** <span data-mention="me" class="rounded px-0.5 font-semibold whitespace-nowrap bg-amber-200 text-amber-900">@민지</span> &lt;b&gt;x&lt;/b&gt;</span>',
    );
    // the same body with the tree the server sent renders formatted
    expect(html(body)).toContain('<strong class="font-semibold">굵게</strong>');
  });

  it("sends trees without source positions, and a cut excerpt's form beside the body", () => {
    const excerpt = `봐 주세요 ${mentionToken(ME)}`.slice(0, 12);
    const seeds = markdownSeeds(["**a**", "**a**", excerpt]);
    expect(seeds.map(([body]) => body)).toEqual(["**a**", excerpt, "봐 주세요 "]);
    expect(JSON.stringify(seeds)).not.toContain("position");
    expect(seeds[0]![1]).toEqual({
      type: "root",
      children: [{ type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: "a" }] }] }],
    });
  });

  it("shows a link's text without bidi controls, so it reads where it goes", () => {
    const out = html("https://example.com/\u202egnp.exe");
    expect(out).toContain('href="https://example.com/%E2%80%AEgnp.exe"');
    expect(out).toContain(">https://example.com/gnp.exe</a>");
  });

  it("keeps headings, images, labelled links, HTML, rules and indented code as the text typed", () => {
    expect(html("# 공지")).toBe('<span data-testid="message-body" class="break-words whitespace-pre-wrap [overflow-wrap:anywhere]"># 공지</span>');
    expect(html("![고양이](https://example.com/cat.png)")).not.toContain("<img");
    const link = html("[여기](https://example.com)");
    expect(link).toContain("[여기](");
    expect(link).toContain('<a href="https://example.com/"'); // the address itself is still a link
    expect(html("<b>굵게</b>")).toContain("&lt;b&gt;굵게&lt;/b&gt;");
    expect(html("---")).toContain("---");
    expect(html("    들여쓴 줄")).not.toContain("<pre");
  });

  it("reads a Korean date at the start of a line as text, not as nested lists", () => {
    expect(html("2026. 12. 1. 화요일에 만나요")).not.toContain("<ol");
    expect(html("2026. 12. 1. 화요일에 만나요")).toContain("2026. 12. 1. 화요일에 만나요");
    expect(html("1. 첫째\n2. 둘째")).toContain("<ol");
  });

  it("shows mentions as names inside markdown, highlights the reader's own, and never forges one", () => {
    const out = html(`**${mentionToken(ME)} 확인** > ${mentionToken(XSS_MENTION_ID)}`);
    expect(out).toMatch(/<strong[^>]*><span data-mention="me"[^>]*>@민지<\/span> 확인<\/strong>/);
    expect(out).toMatch(/<span data-mention="other"[^>]*>@Bob<\/span>/);
    expect(html(`\`${mentionToken(ME)}\``)).toMatch(/<code[^>]*>@민지<\/code>/); // in code: the name, as text
    expect(html('<span data-mention="me">@민지</span>')).not.toContain("<span data-mention=");
    expect(html("[@민지](https://evil.example)")).not.toContain("<span data-mention=");
    expect(html("*@민지*")).toBe('<span data-testid="message-body" class="break-words whitespace-pre-wrap [overflow-wrap:anywhere]"><em>@민지</em></span>');
  });

  it(`renders none of ${XSS_CORPUS.length} hostile bodies into anything that can run or navigate away`, () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(50);
    for (const payload of XSS_CORPUS) {
      const body = messageBody.parse(payload); // each is a message the server would take
      for (const markup of [html(body), pendingHtml(body)]) {
        expectSafe(markup, body);
        expect(markup).not.toMatch(
          /<(script|img|svg|iframe|style|object|embed|form|input|math|meta|base|link|video|source|details|x)[\s>]/i,
        );
        expect(markup).not.toMatch(/<[^>]*\son\w+=/i);
      }
    }
  });

  it("renders pathological markdown at the length limit in bounded time", () => {
    const max = LIMITS.messageMaxChars;
    const bodies = [
      "*".repeat(max),
      "_".repeat(max),
      "[".repeat(max),
      "`".repeat(max),
      "~".repeat(max),
      ">".repeat(max),
      "> ".repeat(max / 2),
      "- ".repeat(max / 2),
      "*a".repeat(max / 2),
      "**a*".repeat(max / 4),
      "[a](".repeat(max / 4),
      "<a".repeat(max / 2),
      "https://a.".repeat(max / 10),
      Array.from({ length: max / 4 }, (_, i) => `${" ".repeat(i % 40)}- x`).join("\n").slice(0, max),
    ];
    for (const body of bodies) {
      const started = performance.now();
      const markup = html(body);
      const ms = performance.now() - started;
      expect(markup).toContain('data-testid="message-body"');
      expectSafe(markup, body);
      expect(ms, `${JSON.stringify(body.slice(0, 12))}… took ${ms} ms`).toBeLessThan(1500);
    }
    // nesting is drawn at most six deep, whatever the input
    expect(html(">".repeat(max)).match(/<blockquote/g)?.length ?? 0).toBeLessThanOrEqual(6);
  });
});

describe("plain text of a body", () => {
  it("drops the markdown marks and shows mentions as names, on one line", () => {
    const body = `**마감**은 \`금요일\`, ${mentionToken(ME)} ~~확인~~\n\n> 인용\n- 하나\n- 둘\n\n\`\`\`js\nrun()\n\`\`\``;
    expect(plainText(body, nameOf)).toBe("마감은 금요일, @민지 확인 인용 하나 둘 run()");
    expect(markdownText("# 공지 <b>x</b>")).toBe("# 공지 <b>x</b>");
  });

  it("drops a mention token cut in half by a reply excerpt", () => {
    const excerpt = `봐 주세요 ${mentionToken(ME)}`.slice(0, 12);
    expect(plainText(excerpt, nameOf)).toBe("봐 주세요");
  });
});
