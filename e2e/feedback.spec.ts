import type { Browser, Locator, Page } from "@playwright/test";
import { channelReady, expect, makeUser, sendMessage, signUp, spaceWith, test } from "./fixtures";
import { chatRow, newChat, say } from "./chats.pages";
import { channelLink, createChannel, openChannel } from "./spaces.pages";

const favicon = (page: Page) => page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.getAttribute("href") ?? "");

test("the tab title and the favicon count unread live, unread channels and chats are bold, and both clear once read", async ({
  alice,
  bob,
}) => {
  test.slow(); // two users, a space, a channel and a dm on two shared cores
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Signals");
  await createChannel(alice, { name: "news" });
  await openChannel(alice, "general");
  await expect(alice).toHaveTitle(/^[^(]/);
  const plainIcon = await favicon(alice);
  expect(plainIcon).not.toMatch(/^data:/);
  await expect(channelLink(alice, "news")).toHaveCSS("font-weight", "400");

  await bob.reload();
  await openChannel(bob, "news");
  await sendMessage(bob, "headline one");
  await expect(alice).toHaveTitle(/^\(1\) /);
  await expect.poll(() => favicon(alice)).toMatch(/^data:image\/png;base64,/);
  await expect(channelLink(alice, "news")).toHaveCSS("font-weight", "700");
  await sendMessage(bob, "headline two");
  await expect(alice).toHaveTitle(/^\(2\) /);

  await channelLink(alice, "news").click();
  await expect(alice.getByTestId("message-body").filter({ hasText: "headline two" })).toBeVisible();
  await expect(alice).toHaveTitle(/^[^(]/);
  await expect.poll(() => favicon(alice)).toBe(plainIcon);
  await expect(channelLink(alice, "news")).toHaveCSS("font-weight", "600"); // the open one, not "unread"

  // A dm counts too, and its row in the chat list is bold until opened.
  await newChat(bob, ["Alice"]);
  await say(bob, "psst");
  await expect(alice).toHaveTitle(/^\(1\) /);
  await alice.goto("/chats");
  await expect(alice).toHaveTitle(/^\(1\) /); // the new page's own title gets the count again
  await expect(chatRow(alice, "Bob").getByTestId("conversation-name")).toHaveCSS("font-weight", "800");
  await chatRow(alice, "Bob").click();
  await expect(alice.getByTestId("message-body").filter({ hasText: "psst" })).toBeVisible();
  await expect(alice).toHaveTitle(/^[^(]/);
});

/** Records every permission request and every notification shown, passing them on to the real API. */
async function recordingNotifications(browser: Browser, grant: boolean) {
  const context = await browser.newContext({ locale: "en-US", permissions: grant ? ["notifications"] : [] });
  // Headless Chromium has no "not asked yet" state (it answers "denied" to a site never
  // granted): without a grant, the page is told "default", as a fresh desktop browser would say.
  if (!grant) await context.addInitScript(() => Object.defineProperty(Notification, "permission", { get: () => "default" }));
  await context.addInitScript(() => {
    const calls = { requests: 0, shown: [] as string[] };
    (window as unknown as { __notifications: typeof calls }).__notifications = calls;
    const Real = window.Notification;
    const request = Real.requestPermission.bind(Real);
    Real.requestPermission = (...args: Parameters<typeof request>) => {
      calls.requests++;
      return request(...args);
    };
    window.Notification = new Proxy(Real, {
      construct(target, args: [string, NotificationOptions?]) {
        calls.shown.push(args[0]);
        return Reflect.construct(target, args);
      },
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function" ? (value as () => unknown).bind(target) : value;
      },
    });
  });
  return { context, page: await context.newPage() };
}
const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notifications: { requests: number; shown: string[] } }).__notifications);

test("notification permission is never asked on load: only from the prompt after the user's first message, and that prompt is offered once", async ({
  browser,
}) => {
  const { context, page } = await recordingNotifications(browser, false);
  await signUp(page, makeUser("Dana"));
  await page.goto("/spaces");
  await spaceWith(page, [], "Quiet");
  await page.reload();
  await channelReady(page);
  expect(await calls(page)).toEqual({ requests: 0, shown: [] });
  await expect(page.getByTestId("notify-prompt")).toHaveCount(0);

  await sendMessage(page, "hello");
  const prompt = page.getByRole("region", { name: "Get notified of new messages?" });
  await expect(prompt).toBeVisible();
  expect((await calls(page)).requests).toBe(0);
  await prompt.getByRole("button", { name: "Turn on" }).click();
  await expect.poll(async () => (await calls(page)).requests).toBe(1);
  await expect(prompt).toHaveCount(0);
  await sendMessage(page, "again");
  await page.reload();
  await channelReady(page);
  await expect(page.getByTestId("notify-prompt")).toHaveCount(0); // answered once: not offered again
  expect((await calls(page)).requests).toBe(0);
  await context.close();
});

test("with notifications on, a message elsewhere shows one and a click opens it; the channel being looked at in a focused tab shows none", async ({
  browser,
  bob,
}) => {
  test.slow(); // two users and a space on two shared cores
  const { context, page: alice } = await recordingNotifications(browser, true);
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Pings");
  await createChannel(alice, { name: "elsewhere" });
  await openChannel(alice, "general");
  expect((await calls(alice)).requests).toBe(0);

  await alice.getByRole("button", { name: "Account", exact: true }).last().click();
  const item = alice.getByRole("menuitemcheckbox", { name: "Desktop notifications" });
  await expect(item).toHaveAttribute("aria-checked", "false");
  await item.click();
  await expect(item).toHaveAttribute("aria-checked", "true");
  await alice.keyboard.press("Escape");

  await bob.reload();
  await channelReady(bob);
  await sendMessage(bob, "in the open channel"); // alice is looking at it
  await expect(alice.getByTestId("message-body").filter({ hasText: "in the open channel" })).toBeVisible();
  await openChannel(bob, "elsewhere");
  await sendMessage(bob, "in another channel");
  await expect.poll(async () => (await calls(alice)).shown).toEqual(["Pings"]);
  await context.close();
});

test("only the screen one is on looks selected in the rail, and on a phone the spaces tab counts unread space messages as the rail does", async ({
  alice,
  bob,
}) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "모임 스터디");

  // Desktop, on the chat list: Chats is the selected one; Home looks like Friends, not like Chats.
  await bob.setViewportSize({ width: 1440, height: 900 });
  await bob.goto("/chats");
  const rail = bob.getByRole("navigation").first();
  const railLink = (name: string) => rail.getByRole("link", { name, exact: true });
  const [home, chats, friends] = [railLink("홈"), railLink("채팅"), railLink("친구")];
  await expect(chats).toHaveAttribute("aria-current", "page");
  await expect(home).not.toHaveAttribute("aria-current");
  const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(home)).toBe(await background(friends));
  expect(await background(home)).not.toBe(await background(chats));
  await home.click();
  await expect(home).toHaveAttribute("aria-current", "page");

  // Phone, on the spaces list: Alice writes twice; the tab shows 2, as the rail's space badge does on a desktop.
  await bob.setViewportSize({ width: 390, height: 844 });
  const tabBadge = bob.getByTestId("spaces-unread-tab");
  await expect(tabBadge).toHaveCount(0);
  await sendMessage(alice, "오늘 7시에 봬요");
  await sendMessage(alice, "장소는 강남역 2번 출구");
  await expect(tabBadge).toHaveText("2");
  await bob.setViewportSize({ width: 1440, height: 900 });
  await expect(bob.getByRole("link", { name: "모임 스터디" }).locator("..").getByTestId("space-unread")).toHaveText("2");
});
