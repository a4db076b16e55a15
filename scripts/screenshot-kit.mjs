// What every screenshot script shares: where Moim runs (BASE_URL), where the pictures go
// (OUT_DIR), the two widths, and Debian's Chromium.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { chromiumLaunchOptions } from "../e2e/chromium.mjs";

export const base = process.env.BASE_URL ?? "http://localhost:3000";
export const outDir = process.env.OUT_DIR ?? "screenshots";
export const sizes = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } };

export function launchBrowser() {
  mkdirSync(outDir, { recursive: true });
  return chromium.launch(chromiumLaunchOptions);
}
