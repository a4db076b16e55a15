#!/usr/bin/env node
// Screenshots of the screens that show other people (a video channel's occupants, a group's
// members panel, the chat list with a blocked person's message) at desktop and phone width, in
// Korean and English. Drives the app with the e2e page objects, in English, and switches the
// language cookie for each picture. Needs a running Moim: BASE_URL (default
// http://localhost:3000); writes to OUT_DIR. Run: node --import tsx scripts/screenshots-chats.mts
import { expect, type Page } from "@playwright/test";
import { chatRow, newChat, say } from "../e2e/chats.pages";
import { makeUser, signUp, spaceWith } from "../e2e/fixtures";
import { channelLink, createChannel } from "../e2e/spaces.pages";
import { joinRoom } from "../e2e/video.pages";
import { LOCALE_COOKIE } from "../lib/i18n";
import { base, launchBrowser, outDir, sizes } from "./screenshot-kit.mjs";

const browser = await launchBrowser();

async function setLanguage(page: Page, lang: string) {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: base }]);
  await page.reload();
}

for (const lang of ["ko", "en"]) {
  const open = async () => (await browser.newContext({ locale: "en-US", baseURL: base, viewport: sizes.desktop })).newPage();
  const [a, b, c] = [await open(), await open(), await open()];
  /** One picture per width in `lang`; `prepare` runs after each reload (dialogs close on one). */
  const shoot = async (page: Page, name: string, prepare?: () => Promise<void>) => {
    await setLanguage(page, lang);
    for (const [size, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      await prepare?.();
      await page.screenshot({ path: `${outDir}/${lang}-${size}-${name}.png` });
    }
    await page.setViewportSize(sizes.desktop);
    await setLanguage(page, "en");
  };
  const [ua, ub, uc] = [makeUser("Alice"), makeUser("Bob"), makeUser("Carol")];
  for (const [page, user] of [
    [a, ua],
    [b, ub],
    [c, uc],
  ] as const)
    await signUp(page, user);

  // Alice sits in a video channel; Bob sees her under it in the channel list.
  const url = await spaceWith(a, [b, c], "Algorithm");
  await createChannel(a, { name: "Study room", kind: "Video" });
  await channelLink(a, "Study room").click();
  await joinRoom(a);
  await b.goto(url);
  await expect(b.getByTestId("occupant-name")).toHaveCount(1);
  await shoot(b, "occupants", async () => {
    const menu = b.getByRole("button", { name: /^(Menu|메뉴)$/ });
    if (await menu.isVisible()) await menu.click(); // the phone's channel drawer
  });

  // A group's members panel.
  await newChat(a, [ub.name, uc.name], "Study group");
  await shoot(a, "group-members", async () => {
    await expect(a.getByTestId("message-list")).toHaveAttribute("data-state", "ready");
    const panel = a.getByTestId("group-members");
    if (!(await panel.isVisible())) await a.getByRole("button", { name: /^(Members|멤버)$/ }).click();
    await panel.waitFor();
  });

  // Bob writes to Alice, who blocks him: her chat list hides what he wrote.
  await newChat(b, [ua.name]);
  await say(b, "What time tomorrow?");
  await a.goto("/chats");
  await chatRow(a, ub.name).click();
  await a.getByTestId("message").last().getByRole("button", { name: ub.name, exact: true }).click();
  await a.getByRole("button", { name: "Block" }).click();
  await a.keyboard.press("Escape");
  await a.goto("/chats");
  await expect(chatRow(a, ub.name).getByTestId("conversation-preview")).toHaveText("Message from a blocked user");
  await shoot(a, "chat-list-blocked");
  for (const context of browser.contexts()) await context.close();
}
await browser.close();
console.log(`screenshots in ${outDir}/`);
