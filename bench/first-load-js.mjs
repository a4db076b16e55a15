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

// Libraries that must stay out of first load, by a string only their code holds (it survives
// minification): zod validates on the server only, simple-peer belongs to the lazy video room.
const MARKERS = { zod: "$ZodType", "simple-peer": "cannot signal after peer is destroyed" };
const texts = new Map();
function holds(file, marker) {
  if (!texts.has(file)) texts.set(file, readFileSync(path.join(next, file), "utf8"));
  return texts.get(file).includes(marker);
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
  const carries = Object.entries(MARKERS)
    .filter(([, marker]) => [...chunks].some((chunk) => holds(chunk, marker)))
    .map(([name]) => name);
  rows.push({ route: route.replace(/\/page$/, "") || "/", chunks: chunks.size, kb: Math.round(bytes / 102.4) / 10, carries });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
for (const r of rows)
  console.log(
    `${r.kb.toFixed(1).padStart(7)} KB  ${String(r.chunks).padStart(3)} chunks  ${r.route}${r.carries.length ? `  (carries ${r.carries.join(", ")})` : ""}`,
  );
