import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, APP_ROUTES } from "@/lib/api/contract";
import { ERROR_CODES } from "@/lib/error-codes";
import { clientPayloads } from "@/lib/realtime/contract";
import { openApiDocument } from "@/lib/api/openapi";
import { routeFiles } from "./helpers/api-server";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** What a route file exports, by method: `export const GET =`, `export (async) function GET`, `export { handler as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  return [...found].filter((name) => METHODS.includes(name));
}

/** `/api/channels/[channelId]/messages` → `/api/channels/{channelId}/messages` (a catch-all `[...x]` → `{x}`). */
const openApiPath = (p: string) => p.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");

const served = routeFiles().flatMap(({ path: p, file }) =>
  exportedMethods(readFileSync(file, "utf8")).map((method) => ({
    key: `${method} ${openApiPath(p)}`,
    file,
    source: readFileSync(file, "utf8"),
  })),
);

describe("the OpenAPI document", () => {
  it("is what `npm run openapi` generates from lib/api/contract.ts (run it after changing a route or schema)", () => {
    const checkedIn = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../docs/openapi.json"), "utf8"));
    expect(checkedIn).toEqual(openApiDocument());
  });

  it("lists exactly the routes app/api serves, method by method: none added or removed without the document following", () => {
    expect(served.length).toBeGreaterThan(40); // the walk found the route files at all
    const documented = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...new Set(served.map((s) => s.key))].sort()).toEqual([...documented].sort());
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const inDoc = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(inDoc.sort()).toEqual([...documented].sort());
  });

  it("has each app-client route file parse with the table entry of its own method and path", () => {
    const used = new Set<string>();
    for (const { key, source } of served) {
      const method = key.split(" ")[0]!;
      const m = new RegExp(`export const ${method} = (?:apiRoute|openRoute)\\(\\s*APP_ROUTES\\.(\\w+)`).exec(source);
      if (!m) continue;
      const route = APP_ROUTES[m[1] as keyof typeof APP_ROUTES];
      expect(`${route.method} ${route.path}`, key).toBe(key);
      used.add(m[1]!);
    }
    // endOtherSessions predates the table and stays a userRoute; every other entry has its file.
    expect([...used, "endOtherSessions"].sort()).toEqual(Object.keys(APP_ROUTES).sort());
  });

  it("resolves every $ref to a schema it defines", () => {
    const doc = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(doc.components.schemas)).toContain(ref.replace("#/components/schemas/", ""));
  });
});

describe("docs/protocol.md", () => {
  const protocol = readFileSync(path.resolve(import.meta.dirname, "../docs/protocol.md"), "utf8");
  it("names every error code and every client event, so neither can be added without the protocol saying so", () => {
    for (const code of ERROR_CODES) expect(protocol, code).toContain(`| \`${code}\` |`);
    for (const event of Object.keys(clientPayloads)) expect(protocol, event).toContain(`| \`${event}\` |`);
    for (const route of Object.values(APP_ROUTES)) expect(protocol, route.path).toContain(route.path.replace("{channelId}", "{id}"));
  });
});
