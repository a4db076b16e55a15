import sharp from "sharp";
import type { Page } from "@playwright/test";
import { newChat, say } from "./chats.pages";
import { a11yViolations, channelReady, composer, expect, makeUser, sendMessage, signUp, socketOf, spaceWith, test } from "./fixtures";

const photo = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
const pdf = Buffer.from("%PDF-1.7\n%week 3 slides\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

/** Chatter after the shared things, sent by a socket as the page's user, so they scroll out of view. */
async function chatter(page: Page, baseURL: string, channelId: string, count: number) {
  const socket = await socketOf(page, baseURL);
  for (let k = 0; k < count; k++) {
    for (;;) {
      const ack = await socket.timeout(5000).emitWithAck("message:send", { channelId, clientId: `drawer-chatter-${k}-xxxxxxxx`, body: `잡담 ${k}` });
      if (ack.ok) break;
      await new Promise((r) => setTimeout(r, 350)); // rate_limited: wait for a token
    }
  }
  socket.close();
}

const drawer = (page: Page) => page.getByTestId("drawer");

/** What axe finds serious or critical in the open drawer (WCAG 2.2 AA, as e2e/a11y.spec.ts asks of every screen). */
const drawerViolations = (page: Page) => a11yViolations(page, '[data-testid="drawer"]');

test("the drawer shows a photo, a PDF and a link in their tabs, in both languages, and each jumps to its message", async ({ alice, bob, baseURL }, info) => {
  test.setTimeout(120_000);
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  const channelUrl = await spaceWith(alice, [bob], "서랍 모임");
  const channelId = channelUrl.split("/").at(-1)!;

  // Nothing shared yet: each tab says so.
  await alice.getByTestId("drawer-button").click();
  await expect(drawer(alice).getByRole("tablist")).toBeVisible();
  await expect(drawer(alice).getByTestId("drawer-empty")).toHaveText("No photos or videos have been shared here yet.");
  await alice.keyboard.press("Escape");
  await expect(drawer(alice)).toHaveCount(0);

  await alice.getByTestId("attach-input").setInputFiles([
    { name: "칠판.jpg", mimeType: "image/jpeg", buffer: await photo() },
    { name: "3주차 발표.pdf", mimeType: "application/pdf", buffer: pdf },
  ]);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(2);
  await composer(alice).fill("이번 주 자료");
  await composer(alice).press("Enter");
  await sendMessage(alice, "slides online: https://www.example.com/week-3 (read before Friday)");
  await expect(alice.getByTestId("message").last()).toContainText("https://www.example.com/week-3");
  await chatter(bob, baseURL!, channelId, 40);
  await expect(alice.getByTestId("message").last()).toContainText("잡담 39");
  const withFiles = alice.getByTestId("message").filter({ has: alice.getByTestId("attachment-photo") });
  const withLink = alice.getByTestId("message").filter({ hasText: "slides online" });
  await expect(withFiles).not.toBeInViewport();

  // Desktop, English: a panel at the right edge; the photo's thumbnail, the PDF's card, the link's host.
  await alice.setViewportSize({ width: 1280, height: 800 });
  await alice.getByTestId("drawer-button").click();
  const media = drawer(alice).getByTestId("drawer-media-item");
  await expect(media).toHaveCount(1);
  await expect.poll(() => media.locator("img").evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(media.locator("img")).toHaveAttribute("src", /variant=thumb/);
  await expect(drawer(alice).getByTestId("drawer-more")).toHaveCount(0);
  await alice.screenshot({ path: info.outputPath("drawer-en-desktop-light.png") });

  // The tabs are a tablist the arrow keys walk.
  await drawer(alice).getByRole("tab", { name: "Photos & videos" }).focus();
  await alice.keyboard.press("ArrowRight");
  await expect(drawer(alice).getByRole("tab", { name: "Files" })).toHaveAttribute("aria-selected", "true");
  await expect(drawer(alice).getByTestId("drawer-file-item")).toHaveCount(1);
  await expect(drawer(alice).getByTestId("drawer-file-item")).toContainText("3주차 발표.pdf");
  await expect(drawer(alice).getByTestId("drawer-file-item")).toContainText("Alice");
  await expect(drawer(alice).getByRole("link", { name: "Download 3주차 발표.pdf" })).toHaveAttribute("href", /download=1/);
  await alice.keyboard.press("ArrowRight");
  await expect(drawer(alice).getByRole("tab", { name: "Links" })).toHaveAttribute("aria-selected", "true");
  const link = drawer(alice).getByTestId("drawer-link-item");
  await expect(link).toHaveCount(1);
  await expect(link).toContainText("example.com");
  await expect(link).toContainText("https://www.example.com/week-3");
  expect(await drawerViolations(alice)).toEqual([]);
  await alice.emulateMedia({ colorScheme: "dark" });
  await alice.screenshot({ path: info.outputPath("drawer-en-desktop-dark.png") });
  expect(await drawerViolations(alice)).toEqual([]);
  await alice.emulateMedia({ colorScheme: "light" });

  // Choosing the link closes the drawer and brings its message into view.
  await link.click();
  await expect(drawer(alice)).toHaveCount(0);
  await expect(withLink).toBeInViewport();
  await alice.getByTestId("jump-to-latest").click();
  await expect(withLink).not.toBeInViewport();

  // Phone, Korean: the whole screen; the photo jumps to its message.
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.goto(channelUrl);
  await channelReady(bob);
  await bob.screenshot({ path: info.outputPath("drawer-ko-phone-header.png") });
  await bob.getByRole("button", { name: "서랍: 사진, 파일, 링크" }).click();
  await expect(drawer(bob).getByRole("tab", { name: "사진·동영상" })).toHaveAttribute("aria-selected", "true");
  await expect(drawer(bob).getByTestId("drawer-media-item")).toHaveCount(1);
  expect(await drawer(bob).evaluate((el) => el.getBoundingClientRect().width)).toBe(390);
  await bob.screenshot({ path: info.outputPath("drawer-ko-phone-light.png") });
  await drawer(bob).getByRole("tab", { name: "파일" }).click();
  await expect(drawer(bob).getByTestId("drawer-file-item")).toContainText("3주차 발표.pdf");
  await bob.emulateMedia({ colorScheme: "dark" });
  await bob.screenshot({ path: info.outputPath("drawer-ko-phone-dark.png") });
  expect(await drawerViolations(bob)).toEqual([]);
  await drawer(bob).getByRole("tab", { name: "사진·동영상" }).click();
  await drawer(bob).getByTestId("drawer-media-item").click();
  await expect(drawer(bob)).toHaveCount(0);
  await expect(bob.getByTestId("message").filter({ has: bob.getByTestId("attachment-photo") })).toBeInViewport();

  // A dm has its drawer too, in the chat's own header.
  const dm = await newChat(alice, ["Bob"]);
  await say(alice, "여기 https://moim.test/dm-notes 참고");
  await alice.getByTestId("drawer-button").click();
  await drawer(alice).getByRole("tab", { name: "Links" }).click();
  await expect(drawer(alice).getByTestId("drawer-link-item")).toHaveText(/moim\.test.*https:\/\/moim\.test\/dm-notes/);
  await expect(drawer(alice).getByRole("link", { name: "Open moim.test in a new tab" })).toHaveAttribute("href", "https://moim.test/dm-notes");
  await drawer(alice).getByTestId("drawer-link-item").click();
  await expect(drawer(alice)).toHaveCount(0);
  await expect(alice).toHaveURL(new RegExp(`/chats/${dm}$`));
  await bob.goto(`/chats/${dm}`);
  await expect(bob.getByTestId("drawer-button")).toBeVisible();
  // Search, drawer, call and mute share the phone's header with the name, and the name is read whole.
  await expect(bob.getByTestId("conversation-title")).toHaveText("Alice");
  expect(await bob.getByTestId("conversation-title").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await bob.screenshot({ path: info.outputPath("drawer-ko-phone-dm-header-dark.png") });
});
