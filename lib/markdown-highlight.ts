/**
 * Syntax highlighting for fenced code blocks, loaded only when a message has one with a language
 * (`import()` from components/chat/MessageBody.tsx): highlight.js grammars through lowlight,
 * which returns a tree of spans rather than an HTML string.
 */
import type { Root } from "hast";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";

const lowlight = createLowlight({ bash, c, cpp, css, diff, go, java, javascript, json, kotlin, python, rust, sql, typescript, xml, yaml });
lowlight.registerAlias({ bash: ["sh", "shell", "zsh"], xml: ["html", "svg"], javascript: ["jsx"], typescript: ["tsx"] });

/** The code as highlighted spans, or null for a language we do not carry. */
export function highlight(code: string, language: string): Root | null {
  if (!lowlight.registered(language)) return null;
  return lowlight.highlight(language, code);
}
