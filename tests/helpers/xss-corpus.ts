/**
 * Hostile message bodies for the rich-text tests (tests/markdown.test.ts renders each one to
 * markup; e2e/xss.spec.ts sends each through the app). Every payload that could run sets
 * `window.__pwned` or calls alert, so a browser test can tell. Each fits in one message.
 */
import { LIMITS } from "@/lib/limits";

/** Mention tokens the corpus forges or abuses (any well-formed id). */
export const XSS_MENTION_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const token = `<@${XSS_MENTION_ID}>`;
const P = "window.__pwned=1";

export const XSS_CORPUS: readonly string[] = [
  // raw HTML: tags, handlers, SVG, frames, style
  `<script>${P}</script>`,
  `<img src=x onerror="${P}">`,
  `<svg onload="${P}">`,
  `<svg><script>${P}</script></svg>`,
  `<svg><a xlink:href="javascript:${P}"><text x="20" y="20">click</text></a></svg>`,
  `<iframe src="javascript:${P}"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<body onload=${P}>`,
  `<a href="javascript:${P}">click</a>`,
  `<a href="&#x6A;avascript:${P}">click</a>`,
  `<x onclick=${P}>click</x>`,
  `<style>body{background:url("javascript:${P}")}</style>`,
  `<div style="background:url(javascript:${P})">x</div>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`,
  `<noscript><p title="</noscript><img src=x onerror=${P}>">`,
  `<object data="javascript:${P}"></object>`,
  `<embed src="javascript:${P}">`,
  `<form action="javascript:${P}"><button>go</button></form>`,
  `<input autofocus onfocus=${P}>`,
  `<details open ontoggle=${P}>`,
  `<video><source onerror="${P}"></video>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<base href="javascript:/">`,
  `<link rel=import href="data:text/html,<script>alert(1)</script>">`,
  `<!-- --><script>${P}</script>`,
  `<![CDATA[<script>${P}</script>]]>`,
  `<scr<script>ipt>${P}</script>`,
  `"><script>${P}</script>`,
  `<img src="x\n" onerror="${P}">`,
  `{{constructor.constructor('${P}')()}} \${alert(1)}`,
  // markdown link and image tricks
  `[click](javascript:${P})`,
  `[click](JaVaScRiPt:${P})`,
  `[click](  javascript:${P})`,
  `[click](java&#115;cript:${P})`,
  `[click](&#106;avascript:${P})`,
  `[click](javascript&colon;${P})`,
  `[click](java\u200bscript:${P})`,
  `[click](javascript://%0A${P})`,
  `[click](vbscript:msgbox(1))`,
  `[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)`,
  `[click](data:text/html,<script>${P}</script>)`,
  `[x](https://example.com" onclick="${P})`,
  `![x](javascript:${P})`,
  `![x](x" onerror="${P})`,
  `[x]: javascript:${P}\n\n[x]`,
  `[x][1]\n\n[1]: javascript:alert(1)`,
  // autolinks
  `<javascript:${P}>`,
  `<vbscript:msgbox(1)>`,
  `<data:text/html,<script>alert(1)</script>>`,
  `javascript:${P}`,
  `https://example.com/"onmouseover="${P}`,
  `https://example.com/"><img src=x onerror=${P}>`,
  `www.example.com/<script>${P}</script>`,
  `https://example.com/?q=<img src=x onerror=${P}>`,
  `mailto:x@example.com?body=<script>alert(1)</script>`,
  `https://example.com/\u202egnp.exe`,
  // entities
  `&lt;script&gt;${P}&lt;/script&gt;`,
  `&#60;script&#62;${P}&#60;/script&#62;`,
  `\\<script>${P}</script>`,
  // inside code, quotes, lists, emphasis
  `\`<script>${P}</script>\``,
  "```html\n<script>" + P + "</script>\n<img src=x onerror=" + P + ">\n```",
  "```javascript:" + P + "\nx\n```",
  '```" onmouseover="' + P + "\nx\n```",
  `> <script>${P}</script>\n>> <img src=x onerror=${P}>`,
  `- <svg onload=${P}>\n  - [x](javascript:alert(1))`,
  `**<img src=x onerror=${P}>**`,
  `~~<iframe src=javascript:alert(1)>~~`,
  // mention tokens: forged, broken, smuggled
  `${token}<img src=x onerror=${P}>`,
  `<@${XSS_MENTION_ID}" onmouseover="${P}>`,
  `<span data-mention="me" class="bg-amber-200">@Admin</span>`,
  `[@Admin](https://evil.example)`,
  `\`${token}\` and **${token}** and > ${token}`,
  `<<@${XSS_MENTION_ID}>script>alert(1)<</script>`,
  // deep nesting and pathological markdown, at the length limit
  ">".repeat(LIMITS.messageMaxChars - 40) + `<img src=x onerror=${P}>`,
  Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i % 15)}- [x](javascript:alert(1))`).join("\n").slice(0, LIMITS.messageMaxChars),
  "[".repeat(400) + `](javascript:${P})` + "]".repeat(400),
  "*".repeat(450) + `<script>${P}</script>` + "_".repeat(450),
];
