// Loaded into a server under test (node --require ./bench/support/memory-probe.cjs): samples
// process.memoryUsage() every 50 ms, and on SIGUSR2 appends the peaks since the last SIGUSR2 and
// the usage now as one JSON line to the file MEMPROBE_OUT names, then starts a new window.
// bench/upload.ts sends one signal before an upload and one after it: a window is one upload.
"use strict";
const { appendFileSync } = require("node:fs");
const out = process.env.MEMPROBE_OUT;
const fields = ["rss", "heapUsed", "heapTotal", "external", "arrayBuffers"];
let start = process.memoryUsage();
let peak = { ...start };
const sample = () => {
  const now = process.memoryUsage();
  for (const f of fields) if (now[f] > peak[f]) peak[f] = now[f];
  return now;
};
setInterval(sample, 50).unref();
process.on("SIGUSR2", () => {
  const now = sample();
  const pick = (u) => Object.fromEntries(fields.map((f) => [f, u[f]]));
  if (out) appendFileSync(out, `${JSON.stringify({ start: pick(start), peak: pick(peak), now: pick(now) })}\n`);
  start = now;
  peak = { ...now };
});
