import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser's CSP has no 'unsafe-eval', and zod probes `new Function` unless told not to:
 * lib/schemas.ts sets that, so every shared module that builds schemas imports it (the CSP
 * e2e test saw the violation on every page when three did not).
 */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? modules(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : [],
  );
}

describe("shared schema modules", () => {
  it("import lib/schemas (jitless zod in the browser) wherever they import zod", () => {
    const missing = modules("lib")
      .filter((file) => file !== path.join("lib", "schemas.ts"))
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        if (!/import \{[^}]*\bz\b[^}]*\} from "zod"/.test(source) || /^import "server-only"/m.test(source)) return false;
        return !/from "(\.\.?\/)+(schemas|api\/schemas)"|import "(\.\.?\/)+schemas"|from "\.\/schemas"/.test(source);
      });
    expect(missing).toEqual([]);
  });
});
