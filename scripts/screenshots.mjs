#!/usr/bin/env node
// Screenshots of every screen at desktop and phone width, in Korean and English, for a human
// to look at. Needs a running Moim: BASE_URL (default http://localhost:3000). Writes to OUT_DIR.
import { base, launchBrowser, outDir, sizes } from "./screenshot-kit.mjs";

const browser = await launchBrowser();
const tag = Date.now().toString(36);

for (const locale of ["ko-KR", "en-US"]) {
  const lang = locale.slice(0, 2);
  const owner = await browser.newContext({ locale, viewport: sizes.desktop });
  const guest = await browser.newContext({ locale, viewport: sizes.desktop });
  const o = await owner.newPage();
  const g = await guest.newPage();
  const shoot = async (page, name) => {
    for (const [size, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `${outDir}/${lang}-${size}-${name}.png` });
    }
    await page.setViewportSize(sizes.desktop);
  };

  await o.goto(`${base}/signin`);
  await shoot(o, "1-signin");
  await o.goto(`${base}/signup`);
  await o.locator("input[name=name]").fill(lang === "ko" ? "김민지" : "Alice");
  await o.locator("input[name=email]").fill(`owner-${lang}-${tag}@example.test`);
  await o.locator("input[name=password]").fill("weak");
  await o.locator("button[type=submit]").click();
  await o.getByRole("main").getByRole("alert").waitFor();
  await shoot(o, "2-signup-error");
  await o.locator("input[name=password]").fill("good-pass-123");
  await o.locator("button[type=submit]").click();
  await o.waitForURL(/\/spaces$/);
  await shoot(o, "3-home-empty");
  await o.locator("input[name=name]").fill(lang === "ko" ? "알고리즘 스터디" : "Algorithm study");
  await o.locator("form button[type=submit]").click();
  await o.getByTestId("space-name").waitFor();
  await o.getByRole("button", { name: /Invite people|초대하기/ }).click();
  await o.getByTestId("invite-link").and(o.locator("[value*='/invite/']")).waitFor();
  await shoot(o, "4-invite-dialog");
  const invite = await o.getByTestId("invite-link").inputValue();
  await o.keyboard.press("Escape");

  await g.goto(`${base}/signup`);
  await g.locator("input[name=name]").fill(lang === "ko" ? "이준호" : "Bob");
  await g.locator("input[name=email]").fill(`guest-${lang}-${tag}@example.test`);
  await g.locator("input[name=password]").fill("good-pass-123");
  await g.locator("button[type=submit]").click();
  await g.waitForURL(/\/spaces$/);
  await g.goto(invite);
  await shoot(g, "5-invite-page");
  await g.locator("main button").click();
  await g.getByTestId("space-name").waitFor();

  const lines =
    lang === "ko"
      ? ["안녕하세요! 오늘 스터디 몇 시에 시작하나요?", "8시에 시작해요 🙂", "좋아요. 그럼 그때 봬요!\n자료는 미리 올려둘게요."]
      : ["Hi! When does today's study start?", "At 8 🙂", "Great, see you then!\nI'll upload the notes first."];
  const box = (p) => p.getByRole("textbox");
  for (const [i, line] of lines.entries()) {
    const p = i % 2 === 0 ? o : g;
    await box(p).fill(line);
    await box(p).press("Enter");
    await o.getByTestId("message-body").nth(i).waitFor();
  }
  await g
    .getByTestId("message-body")
    .nth(lines.length - 1)
    .waitFor();
  // a reply, a reaction and a mention, as people use them
  const first = g.getByTestId("message").first();
  await first.hover();
  await first.getByRole("button", { name: /Reply|답장/ }).click();
  await box(g).fill(lang === "ko" ? "저도 참석할게요!" : "Count me in!");
  await box(g).press("Enter");
  await first.hover();
  await first.getByRole("button", { name: /Add reaction|반응 추가/ }).click();
  await g.getByRole("button", { name: "👍" }).click();
  await box(g).pressSequentially("@");
  await g
    .getByRole("listbox", { name: /Members to mention|멘션할 멤버/ })
    .getByRole("option")
    .first()
    .waitFor();
  await box(g).press("Enter"); // picks the highlighted suggestion
  await box(g).pressSequentially(lang === "ko" ? "자료 고마워요" : "thanks for the notes");
  await box(g).press("Enter");
  await o
    .getByTestId("message-body")
    .nth(lines.length + 1)
    .waitFor();
  await box(o).pressSequentially(lang === "ko" ? "별말씀을" : "You're welcome");
  await g
    .getByTestId("typing")
    .filter({ hasText: /./ })
    .waitFor({ timeout: 8000 })
    .catch(async (e) => {
      await o.screenshot({ path: `${outDir}/debug-o.png` });
      await g.screenshot({ path: `${outDir}/debug-g.png` });
      throw e;
    });
  await shoot(o, "6-chat");
  await shoot(g, "6-chat-guest");
  await o.setViewportSize(sizes.phone);
  await o.getByRole("button", { name: /Menu|메뉴/ }).click();
  await o.screenshot({ path: `${outDir}/${lang}-phone-7-drawer.png` });
  await o.setViewportSize(sizes.desktop);
  await o.reload();

  // People: a profile card from the member list, a friend request, the friends screen.
  const guestName = lang === "ko" ? "이준호" : "Bob";
  await o.getByTestId("member-list").getByRole("button", { name: guestName, exact: true }).click();
  await o.getByTestId("profile-card").waitFor();
  await shoot(o, "8-profile-card");
  await o
    .getByTestId("profile-card")
    .getByRole("button", { name: /^(Add friend|친구 추가)$/ })
    .click();
  await o
    .getByTestId("profile-card")
    .getByRole("button", { name: /^(Cancel request|요청 취소)$/ })
    .waitFor();
  await g.goto(`${base}/friends`);
  await g.getByRole("tab", { name: /^(Requests|요청)/ }).click();
  await g.getByRole("button", { name: /^(Accept|수락)$/ }).waitFor();
  await shoot(g, "9-friend-requests");
  await g.getByRole("button", { name: /^(Accept|수락)$/ }).click();
  await g.getByRole("tab", { name: /^(Friends|친구)( \d+)?$/ }).click();
  await g.getByTestId("person").first().waitFor();
  await shoot(g, "10-friends");

  // Conversations: a dm from the profile card, then the chat list.
  await o
    .getByTestId("profile-card")
    .getByRole("button", { name: /^(1:1 chat|1:1 채팅)$/ })
    .click();
  await o.waitForURL(/\/chats\//);
  await box(o).fill(lang === "ko" ? "이번 주 자료 공유해 드릴게요" : "I'll share this week's notes");
  await box(o).press("Enter");
  await g.goto(`${base}/chats`);
  await g.getByTestId("conversation-row").first().waitFor();
  await shoot(g, "11-chat-list");

  // A call in the dm: pre-join, the incoming-call banner, the call.
  await o.getByRole("button", { name: /^(Start a call|통화 시작)$/ }).click();
  await o.getByTestId("prejoin").locator("video").waitFor();
  await shoot(o, "12-prejoin");
  await o
    .getByTestId("prejoin")
    .getByRole("button", { name: /^(Join|참여하기)$/ })
    .click();
  await g.getByTestId("incoming-call").waitFor();
  await shoot(g, "13-incoming-call");
  await g
    .getByTestId("incoming-call")
    .getByRole("button", { name: /^(Join|참여)$/ })
    .click();
  await g.getByTestId("prejoin").locator("video").waitFor();
  await g
    .getByTestId("prejoin")
    .getByRole("button", { name: /^(Join|참여하기)$/ })
    .click();
  await o.waitForFunction(() => [...document.querySelectorAll("[data-testid=remote-video]")].some((v) => v.videoWidth > 0));
  await shoot(o, "14-call");
  await owner.close();
  await guest.close();
}
await browser.close();
console.log(`screenshots in ${outDir}/`);
