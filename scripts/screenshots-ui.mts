#!/usr/bin/env node
// Screenshots of the chat screen's details: the sidebar footer with a long Korean name, the
// rail's selected destination, the phone tab badges, the composer's placeholder, the "jump to
// latest" pill, a pending send, the phone action sheet's full emoji picker, and a video channel
// with its chat. 1440×900 and 390×844, Korean and English, light and dark, browser in Asia/Seoul.
// Needs a running Moim: BASE_URL (default http://localhost:3000); writes to OUT_DIR.
// Run: node --import tsx scripts/screenshots-ui.mts
import { expect, type Page } from "@playwright/test";
import { channelReady, composer, makeUser, signUp, spaceWith } from "../e2e/fixtures";
import { channelLink, createChannel } from "../e2e/spaces.pages";
import { LOCALE_COOKIE } from "../lib/i18n";
import { THEME_COOKIE } from "../lib/theme";
import { base, launchBrowser, outDir } from "./screenshot-kit.mjs";

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const browser = await launchBrowser();
const open = async (touch = false) =>
  (
    await browser.newContext({
      locale: "en-US", // the e2e page objects speak English; each picture sets its language cookie
      timezoneId: "Asia/Seoul",
      baseURL: base,
      viewport: touch ? phone : desktop,
      hasTouch: touch,
      isMobile: touch,
    })
  ).newPage();

const [seoyeon, minjun, jiho] = [await open(), await open(), await open()];
await signUp(seoyeon, { ...makeUser("Seoyeon"), name: "김서연바다하늘별님" });
await signUp(minjun, { ...makeUser("Minjun"), name: "박민준" });
await signUp(jiho, { ...makeUser("Jiho"), name: "이지호" });
const url = await spaceWith(seoyeon, [minjun, jiho], "주말 등산 모임");
await createChannel(seoyeon, { name: "북한산 코스 정하기" });
await createChannel(seoyeon, { name: "토요일 화상 회의", kind: "Video" });

const lines: [Page, string][] = [
  [minjun, "이번 주 토요일 북한산 가실 분 계신가요?"],
  [jiho, "저요! 몇 시에 모여요?"],
  [minjun, "**오전 8시** 구파발역 1번 출구에서 만나요"],
  [seoyeon, "좋아요. 준비물은 `물 1L`, 간식, 우비 챙겨주세요"],
  [jiho, "> 우비\n비 온다는 예보 있어요?"],
  [minjun, "오후에 30% 정도래요. 코스는 https://example.com/bukhansan 참고하세요"],
  [seoyeon, "그럼 백운대까지만 다녀오고 점심은 내려와서 먹어요 🍜"],
  [jiho, "~~막걸리~~ 아니 국수 좋아요"],
  [minjun, "1. 구파발역 집합\n2. 북한산성 입구\n3. 백운대 정상\n4. 하산 후 점심"],
  [jiho, "완벽해요 👍 저는 등산 스틱 두 개 가져갈게요"],
  [seoyeon, "토요일에 봬요! 늦으면 이 채널에 남겨주세요"],
  [minjun, "넵 알겠습니다"],
];
for (const [i, [page, text]] of lines.entries()) {
  await page.goto(url);
  await channelReady(page);
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(page.getByTestId("message")).toHaveCount(i + 1);
}
// Something unread in another channel, for the badges.
await minjun.goto(url);
await channelLink(minjun, "북한산 코스 정하기").click();
await expect(channelLink(minjun, "북한산 코스 정하기")).toHaveAttribute("aria-current", "page");
await channelReady(minjun);
await composer(minjun).fill("코스 후보 두 개 올려둘게요");
await composer(minjun).press("Enter");

const viewer = await open();
const viewerTouch = await open(true);
await viewer.context().addCookies(await seoyeon.context().cookies());
await viewerTouch.context().addCookies(await seoyeon.context().cookies());

async function setLook(page: Page, lang: string, theme: string) {
  await page.context().addCookies([
    { name: LOCALE_COOKIE, value: lang, url: base },
    { name: THEME_COOKIE, value: theme, url: base },
  ]);
}

for (const lang of ["ko", "en"]) {
  for (const theme of ["light", "dark"]) {
    const name = (what: string) => `${outDir}/${lang}-${theme}-${what}.png`;
    for (const page of [viewer, viewerTouch]) await setLook(page, lang, theme);

    // Desktop: the channel, a message's toolbar under the mouse, the footer with the long name.
    await viewer.goto(url);
    await channelReady(viewer);
    await viewer.getByTestId("message").nth(-3).hover();
    await viewer.screenshot({ path: name("desktop-channel") });
    await viewer.goto("/chats");
    await viewer.screenshot({ path: name("desktop-chats-rail") });

    // Desktop: the video channel with its chat beside the call.
    await viewer.goto(url);
    await channelLink(viewer, "토요일 화상 회의").click();
    await expect(viewer.getByTestId("prejoin")).toBeVisible();
    const videoUrl = viewer.url();
    await viewer.screenshot({ path: name("desktop-video") });

    // Phone: the channel (composer placeholder), scrolled up (the pill), a pending send, the sheet.
    await viewerTouch.goto(url);
    await channelReady(viewerTouch);
    await viewerTouch.screenshot({ path: name("phone-channel") });
    await viewerTouch.getByTestId("message-list").evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 400));
    await viewerTouch.getByRole("button", { name: /Jump to latest|최신/ }).waitFor();
    await viewerTouch.screenshot({ path: name("phone-jump") });
    await viewerTouch.context().setOffline(true);
    await composer(viewerTouch).fill("**7시 50분**에 도착 예정이에요 `2번 칸`");
    await composer(viewerTouch).press("Enter");
    await viewerTouch.getByTestId("pending-body").waitFor();
    await viewerTouch.screenshot({ path: name("phone-pending") });
    await viewerTouch.context().setOffline(false);
    await viewerTouch.getByTestId("pending-message").waitFor({ state: "detached" });
    await viewerTouch.getByTestId("message").nth(-2).getByTestId("message-more-touch").tap();
    await viewerTouch.getByTestId("message-sheet").waitFor();
    await viewerTouch.screenshot({ path: name("phone-sheet") });
    await viewerTouch.getByRole("button", { name: /More emoji|다른 이모지/ }).tap();
    await viewerTouch.getByTestId("sheet-emoji-picker").getByRole("gridcell").first().waitFor();
    await viewerTouch.screenshot({ path: name("phone-sheet-picker") });
    await viewerTouch.keyboard.press("Escape");

    // Phone: the channel drawer (footer), the video channel, the spaces tab with its badge.
    await viewerTouch.getByRole("button", { name: /^(Menu|메뉴)$/ }).tap();
    await viewerTouch.screenshot({ path: name("phone-drawer") });
    await viewerTouch.goto(videoUrl);
    await expect(viewerTouch.getByTestId("prejoin")).toBeVisible();
    await viewerTouch.screenshot({ path: name("phone-video") });
    await viewerTouch.goto("/spaces");
    await viewerTouch.screenshot({ path: name("phone-spaces-tab") });
  }
}
await browser.close();
console.log(`screenshots in ${outDir}/`);
