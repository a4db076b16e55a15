import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromiumLaunchOptions } from "./e2e/chromium.mjs";

/**
 * End-to-end: a production build of Moim on its own data directory (SQLite, or MariaDB when
 * DATABASE_URL is set), a local Kakao stand-in, and Debian's Chromium.
 * `npm test` builds first; `npm run test:e2e` expects a build in .next.
 */
const appPort = Number(process.env.E2E_PORT ?? 3210);
const kakaoPort = Number(process.env.E2E_KAKAO_PORT ?? 3211);
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "moim-e2e-"));
const kakao = { KAKAO_CLIENT_ID: "e2e-kakao-client", KAKAO_CLIENT_SECRET: "e2e-kakao-secret" };
const server = "node --require ./server/preload.cjs --import tsx";

export default defineConfig({
  testDir: "./e2e",
  // A whole multi-user flow (sign-ups, invites, several browsers with fake video) on two cores;
  // single steps still wait at most `expect.timeout`.
  timeout: 60_000,
  expect: { timeout: 10_000 }, // two cores run the server and up to three browsers
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    // A click or fill that cannot happen (a covered or missing target) fails after this, with
    // its log, instead of waiting out the whole test.
    actionTimeout: 20_000,
    baseURL: `http://localhost:${appPort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      command: `${server} e2e/kakao/main.ts`,
      url: `http://127.0.0.1:${kakaoPort}/v2/user/me`, // 401 without a token: up
      reuseExistingServer: false,
      env: { ...kakao, KAKAO_STANDIN_PORT: String(kakaoPort) },
      stdout: "pipe",
    },
    {
      command: `${server} server/index.ts`,
      url: `http://localhost:${appPort}/signin`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...kakao,
        NODE_ENV: "production",
        // One access-log line per request (static chunks too) would bury the run's own output;
        // warnings and errors still show.
        LOG_LEVEL: "warn",
        // The server's own zone must never leak into what users read (e2e/time.spec.ts).
        TZ: "UTC",
        PORT: String(appPort),
        DATA_DIR: process.env.E2E_DATA_DIR,
        KAKAO_AUTH_BASE_URL: `http://127.0.0.1:${kakaoPort}`,
        KAKAO_API_BASE_URL: `http://127.0.0.1:${kakaoPort}`,
        // Rooms of three, so e2e/video.spec.ts can fill one and see the next joiners refused.
        VIDEO_ROOM_CAP: "3",
        // Every e2e user signs up and signs in from 127.0.0.1: the per-address limits are for
        // strangers, not for this one test client (tests/auth-limits.test.ts tests them).
        SIGNUPS_PER_IP_PER_HOUR: "100000",
        SIGNIN_ATTEMPTS_PER_IP: "100000",
        // Every browser context of the run connects from this one address.
        CONNECTIONS_PER_IP_PER_MINUTE: "100000",
        // Chat files of kind "file" up to 1 MiB, so e2e/lightbox.spec.ts can show one refused in
        // the composer without building a 25 MB body (the other specs' files are a few KB).
        ATTACHMENT_MAX_MB_FILE: "1",
        // Test only: link previews may fetch the page e2e/link-preview.spec.ts serves on 127.0.0.1.
        LINK_PREVIEW_ALLOW_HOSTS: "127.0.0.1",
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      },
      stdout: "pipe",
    },
  ],
});
