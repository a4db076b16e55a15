// First-load font bytes and Lighthouse scores for sign-in, the chat list and a channel with a
// week of Korean chat, desktop and mobile, against a running production server:
//
//   npx next build
//   DATA_DIR=$(mktemp -d) PORT=3320 TZ=UTC npm run serve &
//   BASE_URL=http://localhost:3320 node bench/lighthouse.mjs
//
// A fresh user is signed up (and a second one, so the chat list has a chat); Debian's Chromium
// (/usr/bin/chromium, headless, no sandbox) runs both Playwright and Lighthouse, sharing its
// signed-in user's session cookie as a request header.
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";

const base = process.env.BASE_URL ?? "http://localhost:3320";
const tag = Date.now().toString(36);
const KOREAN = [
  "오늘 저녁에 스터디 모임 있는 거 다들 기억하죠?",
  "네 7시에 강남역 2번 출구에서 만나요",
  "저는 조금 늦을 것 같아요 ㅠㅠ 회의가 길어져서",
  "괜찮아요! 먼저 시작하고 있을게요",
  "이번 주 발표 자료는 공유 폴더에 올려 두었습니다",
  "감사합니다 👍 내일 아침까지 읽어 볼게요",
  "다음 주에는 알고리즘 문제 풀이를 같이 해 봐요",
  "좋아요, 각자 세 문제씩 골라 오기로 해요",
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });

async function signUp(page, name, handle) {
  const user = { name, email: `${handle}.${tag}@example.test`, password: `pass-${tag}-9` };
  await page.goto(`${base}/signup`);
  await page.getByLabel(/닉네임|Display name/).fill(user.name);
  await page.getByLabel(/^(이메일|Email)$/).fill(user.email);
  await page.getByLabel(/^(비밀번호|Password)$/).fill(user.password);
  await page.getByRole("button", { name: /^(회원가입|Sign up)$/ }).click();
  await page.waitForURL(/\/spaces$/).catch(async (e) => {
    await page.screenshot({ path: "/tmp/lighthouse-signup.png" });
    throw e;
  });
  return user;
}

// Seed: 지민 makes a space, 서연 joins, both chat in Korean, and 서연 opens a dm with 지민.
const main = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
const jimin = await main.newPage();
const other = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
const seoyeon = await other.newPage();
await signUp(jimin, "지민", "jimin");
await signUp(seoyeon, "서연", "seoyeon");
await jimin.goto(`${base}/spaces`);
await jimin.getByLabel(/스페이스 이름|Space name/).fill("스터디 모임");
await jimin.getByRole("button", { name: /^(만들기|Create)$/ }).click();
await jimin.getByTestId("space-name").waitFor();
const channelUrl = jimin.url();
await jimin.getByRole("button", { name: /^(초대하기|Invite people)$/ }).click();
await jimin.waitForFunction(() => /\/invite\/[\w-]+$/.test(document.querySelector("[data-testid=invite-link]")?.value ?? ""));
const invite = await jimin.getByTestId("invite-link").inputValue();
await jimin.keyboard.press("Escape");
await seoyeon.goto(invite);
await seoyeon.getByRole("main").getByRole("button").click();
await seoyeon.getByTestId("space-name").waitFor();
for (const [i, text] of KOREAN.entries()) {
  const page = i % 2 ? seoyeon : jimin;
  const box = page.getByRole("textbox", { name: /에 메시지 보내기|Message #/ });
  await box.fill(text);
  await box.press("Enter");
  await page.getByTestId("message-body").filter({ hasText: text }).first().waitFor();
}
await seoyeon.goto(`${base}/chats`);
await seoyeon.getByRole("button", { name: /^(새 채팅|New chat)$/ }).click();
await seoyeon.getByRole("dialog").getByRole("checkbox", { name: "지민", exact: true }).check();
await seoyeon
  .getByRole("dialog")
  .getByRole("button", { name: /^(채팅하기|Chat)$/ })
  .click();
await seoyeon.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
const dm = seoyeon.getByRole("textbox", { name: /에게 메시지 보내기$|^Message / });
await dm.fill("지민님 오늘 자료 고마워요!");
await dm.press("Enter");
await other.close();

const pages = [
  { name: "sign-in", url: `${base}/signin`, signedIn: false },
  { name: "chat list", url: `${base}/chats`, signedIn: true },
  { name: "channel", url: channelUrl, signedIn: true },
];

// Font bytes on a first load: a fresh context (empty cache) per page, the session cookie copied.
const cookies = await main.cookies();
console.log("\nFont bytes on first load (sum of font responses, fresh cache):");
for (const p of pages) {
  const context = await browser.newContext({ locale: "ko-KR" });
  if (p.signedIn) await context.addCookies(cookies);
  const page = await context.newPage();
  const fonts = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() === "font") fonts.push(response.body().then((b) => b.length));
  });
  await page.goto(p.url, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(fonts)).reduce((a, b) => a + b, 0);
  console.log(`  ${p.name.padEnd(10)} ${(bytes / 1024).toFixed(0).padStart(5)} KB in ${fonts.length} files`);
  await context.close();
}

// With SHOTS_DIR, screenshots of the signed-in pages at desktop and phone width, both languages.
if (process.env.SHOTS_DIR) {
  for (const locale of ["ko-KR", "en-US"]) {
    for (const [form, viewport] of [
      ["desktop", { width: 1440, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ]) {
      const context = await browser.newContext({ locale, viewport, timezoneId: "Asia/Seoul" });
      await context.addCookies(cookies.filter((c) => c.name !== "moim-locale" && c.name !== "moim-tz"));
      await context.addCookies([{ name: "moim-locale", value: locale.slice(0, 2), url: base }]);
      const page = await context.newPage();
      for (const p of pages.filter((p) => p.signedIn)) {
        await page.goto(p.url, { waitUntil: "networkidle" });
        await page.screenshot({ path: `${process.env.SHOTS_DIR}/${p.name.replace(" ", "-")}-${form}-${locale}.png` });
      }
      await context.close();
    }
  }
}
await browser.close();

const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--lang=ko-KR"],
});
console.log("\nLighthouse (performance / accessibility / best practices):");
for (const [form, config] of [
  ["desktop", desktopConfig],
  ["mobile", undefined],
]) {
  for (const p of pages) {
    const result = await lighthouse(
      p.url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        extraHeaders: p.signedIn ? { Cookie: cookie } : undefined,
      },
      config,
    );
    const c = result.lhr.categories;
    const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
    const lcp = result.lhr.audits["largest-contentful-paint"]?.displayValue ?? "?";
    const failed = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    console.log(
      `  ${form.padEnd(8)} ${p.name.padEnd(10)} ${score("performance")} / ${score("accessibility")} / ${score("best-practices")}  LCP ${lcp}  failing: ${failed.join(", ") || "none"}`,
    );
  }
}
chrome.kill();
