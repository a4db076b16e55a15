/**
 * First message visible after opening a channel: how long from the start of navigation until
 * the first message of a channel is on screen (an element laid out, checked every animation
 * frame from the first script on), and, for comparison, until the socket has joined the channel
 * (`data-joined="true"` on the list). Opens the channel --repeats times in a fresh tab of a
 * signed-in reader, cold (a full page load each time).
 *
 * Expects a production build in .next (`npx next build`). Starts the server itself (a temp
 * DATA_DIR) and Debian's Chromium (e2e/chromium.mjs); signs two people up through the real
 * forms, makes a space with --messages messages in its channel, then measures as the second.
 * Prints a table and writes JSON to bench/results/first-message-<timestamp>.json.
 *
 *   node --import tsx bench/first-message.ts [--repeats 20] [--messages 30] [--port 3320]
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromiumLaunchOptions } from "../e2e/chromium.mjs";
import { startServer, type ServerHandle } from "./support/server";
import { ask, openSocket } from "./support/sockets";
import { distribution, fmtDist, table } from "./support/stats";

const log = (line: string) => console.error(`[first-message] ${line}`);

const { values } = parseArgs({
  options: {
    repeats: { type: "string", default: "20" },
    messages: { type: "string", default: "30" },
    port: { type: "string" },
    "keep-data": { type: "boolean", default: false },
  },
});
const repeats = Number(values.repeats);
const messageCount = Number(values.messages);

/** Runs in the page before any of its scripts: notes when a message first shows and when the socket joined. */
const PROBE = `(() => {
  const marks = (window.__firstMessage = { visible: null, joined: null });
  const tick = () => {
    if (marks.visible === null) {
      const body = document.querySelector('[data-testid="message-body"]');
      if (body && body.getBoundingClientRect().height > 0) marks.visible = performance.now();
    }
    if (marks.joined === null && document.querySelector('[data-testid="message-list"][data-joined="true"]')) marks.joined = performance.now();
    if (marks.visible === null || marks.joined === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel(/Display name|닉네임/).fill(name);
  await page.getByLabel(/^(Email|이메일)$/).fill(email);
  await page.getByLabel(/^(Password|비밀번호)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign up|회원가입)$/ }).click();
  await page.waitForURL(/\/spaces$/);
}

async function main() {
  const server: ServerHandle = await startServer({
    keepData: values["keep-data"] ?? false,
    readyTimeoutMs: 120_000,
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
    const tag = Date.now().toString(36);
    const owner = await browser.newContext({ baseURL: server.url, locale: "en-US" });
    const reader = await browser.newContext({ baseURL: server.url, locale: "ko-KR" });
    const ownerPage = await owner.newPage();
    const readerPage = await reader.newPage();
    log("signing up two people");
    await signUp(ownerPage, "Owner", `owner-${tag}@example.test`, `owner-pass-${tag}`);
    await signUp(readerPage, "Reader", `reader-${tag}@example.test`, `reader-pass-${tag}`);

    log("making a space and its channel's history");
    const spaceRes = await ownerPage.request.post("/api/spaces", { data: { name: "Bench" } });
    const { space } = (await spaceRes.json()) as { space: { id: string; defaultChannelId: string } };
    const { code } = (await (await ownerPage.request.post(`/api/spaces/${space.id}/invites`, { data: {} })).json()) as { code: string };
    await readerPage.request.post(`/api/invites/${code}`, { data: {} });
    const channelUrl = `/spaces/${space.id}/${space.defaultChannelId}`;
    const cookie = (await owner.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket = await openSocket(server, cookie);
    for (let i = 0; i < messageCount; i++) {
      const body = i % 5 === 0 ? `Message ${i + 1}\nwith a second line\nand a third` : `Message ${i + 1}: 오늘 저녁 같이 먹을래요?`;
      for (;;) {
        const ack = await ask(socket, "message:send", { channelId: space.defaultChannelId, clientId: `bench-${tag}-${i}`, body }, 10_000);
        if (ack.ok) break;
        if (ack.error.code !== "rate_limited") throw new Error(`send failed: ${ack.error.code}`);
        await new Promise((r) => setTimeout(r, 400));
      }
    }
    socket.close();

    log(`opening the channel ${repeats} times (plus one warm-up)`);
    await reader.addInitScript(PROBE);
    const visible: number[] = [];
    const joined: number[] = [];
    for (let i = 0; i <= repeats; i++) {
      const page = await reader.newPage();
      await page.goto(channelUrl);
      await page.waitForFunction(() => {
        const m = (window as unknown as { __firstMessage: { visible: number | null; joined: number | null } }).__firstMessage;
        return m.visible !== null && m.joined !== null;
      });
      const marks = await page.evaluate(
        () => (window as unknown as { __firstMessage: { visible: number; joined: number } }).__firstMessage,
      );
      if (i > 0) {
        visible.push(marks.visible);
        joined.push(marks.joined);
      }
      await page.close();
    }
    const rows = [
      ["first message visible", fmtDist(distribution(visible))],
      ["socket joined", fmtDist(distribution(joined))],
    ];
    console.log(table(["from navigation start (ms)", "median / p95 / p99 / max"], rows));
    const out = path.join(import.meta.dirname, "results");
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `first-message-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, JSON.stringify({ repeats, messageCount, visible, joined }, null, 2));
    log(`wrote ${file}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
