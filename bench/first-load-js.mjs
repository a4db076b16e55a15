// First-load JavaScript per route, gzipped, from a production build (`npx next build` first).
// What a browser fetches before the page is interactive: the framework's root chunks plus every
// chunk the route's layouts and page list in their client reference manifest (Turbopack's
// `entryJSFiles`). Chunks loaded later by `import()` are not counted.
//
//   node bench/first-load-js.mjs            # every page
//   node bench/first-load-js.mjs channel    # routes whose path contains "channel"
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const next = path.resolve(".next");
const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));
const filter = process.argv[2] ?? "";

function manifests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return manifests(full);
    return name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

const sizes = new Map();
function gz(file) {
  if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(path.join(next, file))).length);
  return sizes.get(file);
}

const rows = [];
for (const file of manifests(path.join(next, "server/app"))) {
  const sandbox = { globalThis: {} };
  new Function("globalThis", readFileSync(file, "utf8"))(sandbox.globalThis);
  const [[route, manifest]] = Object.entries(sandbox.globalThis.__RSC_MANIFEST);
  if (!route.includes(filter)) continue;
  const chunks = new Set(build.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles)) for (const chunk of list) chunks.add(chunk);
  const bytes = [...chunks].reduce((sum, chunk) => sum + gz(chunk), 0);
  rows.push({ route: route.replace(/\/page$/, "") || "/", chunks: chunks.size, kb: Math.round(bytes / 102.4) / 10 });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
for (const r of rows) console.log(`${r.kb.toFixed(1).padStart(7)} KB  ${String(r.chunks).padStart(3)} chunks  ${r.route}`);
