import type { Page } from "@playwright/test";
import { chatComposer, chatRow, newChat } from "./chats.pages";
import { expect, makeUser, signUp, spaceWith, test } from "./fixtures";

// Reading is true: a chat opens where unread starts, stays pinned while it settles, and a
// message is read only once it was on screen in a visible, focused tab.

// Each test signs up two people, builds a space and a dm first: on the shared two-core test
// machine that alone can take most of the default minute.
test.beforeEach(() => test.slow());

/** Pretends the tab is hidden and unfocused (or back), as a tab in the background is. */
async function setAttention(page: Page, attentive: boolean) {
  await page.evaluate((on) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (on ? "visible" : "hidden") });
    document.hasFocus = () => on;
    document.dispatchEvent(new Event("visibilitychange"));
    if (on) window.dispatchEvent(new Event("focus"));
  }, attentive);
}

/** With SHOTS_DIR set, keeps a screenshot for looking at (not an assertion). */
async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
}

/** Six lines each: a dozen of them are taller than the screen. */
const tall = (i: number) => `Tall message ${String(i).padStart(2, "0")}\nline two\nline three\nline four\nline five\nline six`;

/** Sends from the composer without waiting for each to arrive. */
async function sendMany(page: Page, bodies: string[]) {
  for (const body of bodies) {
    await chatComposer(page).fill(body);
    await chatComposer(page).press("Enter");
  }
}

function row(page: Page, text: string) {
  return page.getByTestId("message").filter({ hasText: text });
}

/** Alice and Bob share a space and a dm; Alice has the dm open. */
async function dmPair(alice: Page, bob: Page) {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Reading club");
  const dmId = await newChat(alice, [b.name]);
  await expect(alice.getByTestId("message-list")).toHaveAttribute("data-joined", "true");
  return { a, b, dmUrl: `/chats/${dmId}` };
}

test("opening a chat with more unread than fits starts at the divider and reads only what was on screen; scrolling reads the rest", async ({
  alice,
  bob,
}) => {
  const { a } = await dmPair(alice, bob);
  await bob.goto("/chats");
  await sendMany(
    alice,
    Array.from({ length: 12 }, (_, i) => tall(i + 1)),
  );
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveText("12");

  await chatRow(bob, a.name).click();
  const list = bob.getByTestId("message-list");
  await expect(list).toHaveAttribute("data-joined", "true");
  await expect(bob.getByTestId("new-divider")).toBeInViewport();
  await expect(row(bob, "Tall message 01")).toBeInViewport();
  await expect(row(bob, "Tall message 12")).not.toBeInViewport();
  await shot(bob, "opened-at-divider-ko-desktop");

  // What Bob saw is read (Alice's "1" goes from the first ones) ...
  await expect(row(alice, "Tall message 01").getByTestId("unread-by")).toHaveCount(0);
  // ... and what is below the fold is not: her "1" stays, and so do Bob's badges, here and on the server.
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveText(/^([1-9]|1[01])$/);
  await bob.goto("/chats");
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveText(/^([1-9]|1[01])$/);
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");

  // Scrolling down through them reads them.
  await chatRow(bob, a.name).click();
  await expect(list).toHaveAttribute("data-joined", "true");
  const box = (await list.boundingBox())!;
  await bob.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // As a reader does, a wheel notch at a time (each row passes through the screen).
  for (let i = 0; i < 20 && !(await inView(bob, "Tall message 12")); i++) {
    const before = await list.evaluate((el) => el.scrollTop);
    await bob.mouse.wheel(0, 250);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).not.toBe(before);
  }
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveCount(0);
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveCount(0);
});

async function inView(page: Page, text: string) {
  return row(page, text).evaluate((el) => {
    const list = el.closest("[data-testid=message-list]")!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= list.top && r.bottom <= list.bottom;
  });
}

test("a background tab reads nothing; back in front, unread above the fold gets the jump bar, and Esc marks it read", async ({
  alice,
  bob,
}) => {
  const { dmUrl } = await dmPair(alice, bob);
  await bob.goto(dmUrl);
  await expect(bob.getByTestId("message-list")).toHaveAttribute("data-joined", "true");
  await setAttention(bob, false);
  await sendMany(
    alice,
    Array.from({ length: 12 }, (_, i) => tall(i + 1)),
  );
  await expect(row(bob, "Tall message 12")).toBeInViewport(); // pinned to the bottom as they came
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");

  await setAttention(bob, true);
  // The newest are on screen, but the first ones scrolled by unseen: nothing is read yet.
  const bar = bob.getByTestId("unread-bar");
  await expect(bar).toContainText("새 메시지 12개");
  await shot(bob, "jump-bar-ko-desktop");
  await expect(row(alice, "Tall message 01").getByTestId("unread-by")).toHaveText("1");
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");

  // Jump takes Bob to the first unread, which is then read.
  await bar.getByRole("button", { name: /새 메시지 12개/ }).click();
  await expect(row(bob, "Tall message 01")).toBeInViewport();
  await expect(row(alice, "Tall message 01").getByTestId("unread-by")).toHaveCount(0);
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveText("1");

  // Esc marks the rest as read.
  await chatComposer(bob).focus();
  await bob.keyboard.press("Escape");
  await expect(row(alice, "Tall message 12").getByTestId("unread-by")).toHaveCount(0);
  await expect(bar).toHaveCount(0);
});

test("a chat with nothing unread opens at the very bottom and stays there once rows settle", async ({ alice, bob }) => {
  const { dmUrl } = await dmPair(alice, bob);
  await sendMany(alice, [...Array.from({ length: 10 }, (_, i) => tall(i + 1)), "short one", "the newest"]);
  await expect(row(alice, "the newest")).toBeVisible();
  await alice.goto(dmUrl);
  const list = alice.getByTestId("message-list");
  await expect(list).toHaveAttribute("data-joined", "true");
  const fromBottom = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await expect.poll(fromBottom).toBeLessThanOrEqual(1);
  // Let every row leave its placeholder height (content-visibility) and fonts load: still at the bottom.
  await alice.evaluate(() => document.fonts.ready);
  await list.evaluate((el) => el.querySelectorAll("li").forEach((li) => li.getBoundingClientRect()));
  await alice.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await fromBottom()).toBeLessThanOrEqual(1);
  await expect(row(alice, "the newest")).toBeInViewport();
  await shot(alice, "pinned-bottom-en-desktop");
  await expect(alice.getByTestId("new-divider")).toHaveCount(0);
});

test("unread that fits on screen is read as soon as the opened chat is live: the sender's number goes and stays gone after a reload", async ({
  alice,
  bob,
}) => {
  const { dmUrl } = await dmPair(alice, bob);
  await bob.goto("/chats");
  await sendMany(alice, ["짧은 질문 하나", "내일 시간 돼요?"]);
  await expect(row(alice, "내일 시간 돼요?").getByTestId("unread-by")).toHaveText("1");
  // Bob opens the dm with a fresh page load: the page brings the two messages, the socket joins
  // after, and the join has nothing new to add. Both are on screen, so both are read.
  await bob.goto(dmUrl);
  await expect(bob.getByTestId("message-list")).toHaveAttribute("data-joined", "true");
  await expect(row(bob, "내일 시간 돼요?")).toBeInViewport();
  await expect(row(alice, "내일 시간 돼요?").getByTestId("unread-by")).toHaveCount(0);
  await expect(row(alice, "짧은 질문 하나").getByTestId("unread-by")).toHaveCount(0);
  await alice.reload();
  await expect(row(alice, "내일 시간 돼요?")).toBeVisible();
  await expect(row(alice, "내일 시간 돼요?").getByTestId("unread-by")).toHaveCount(0);
});

test("a fast burst of 15 sends goes out by itself, paced, in order, with nothing to retry", async ({ alice, bob }) => {
  const { dmUrl } = await dmPair(alice, bob);
  const burst = Array.from({ length: 15 }, (_, i) => `burst ${i + 1}`);
  await sendMany(alice, burst);
  await expect(alice.getByTestId("message-body")).toHaveText(burst);
  await expect(alice.getByTestId("pending-message")).toHaveCount(0);
  await expect(alice.getByRole("button", { name: /^(Retry|다시 시도)$/ })).toHaveCount(0);
  await bob.goto(dmUrl);
  await expect(bob.getByTestId("message-body")).toHaveText(burst);
});

test("what I send from one tab is never unread in my other tab, nor after a reload", async ({ alice, bob }) => {
  const { b, dmUrl } = await dmPair(alice, bob);
  const otherTab = await alice.context().newPage();
  await otherTab.goto("/chats");
  await expect(chatRow(otherTab, b.name)).toBeVisible();

  // Tab A sends while in the background (it marks nothing itself): the server moves my cursor.
  await setAttention(alice, false);
  const mine = ["from tab A, 1", "from tab A, 2", "from tab A, 3"];
  await sendMany(alice, mine);
  await expect(alice.getByTestId("message-body")).toHaveText(mine);

  await expect(chatRow(otherTab, b.name).getByTestId("conversation-preview")).toHaveText("from tab A, 3");
  await expect(chatRow(otherTab, b.name).getByTestId("conversation-unread")).toHaveCount(0);
  await otherTab.reload();
  await expect(chatRow(otherTab, b.name).getByTestId("conversation-preview")).toHaveText("from tab A, 3");
  await expect(chatRow(otherTab, b.name).getByTestId("conversation-unread")).toHaveCount(0);
  // Opening it there shows no "new messages" divider above my own.
  await otherTab.goto(dmUrl);
  await expect(otherTab.getByTestId("message-body").last()).toHaveText("from tab A, 3");
  await expect(otherTab.getByTestId("new-divider")).toHaveCount(0);
});

test("the newest page comes with the page itself: in the server's HTML, and on screen before any socket joins", async ({ alice, bob }) => {
  const { dmUrl } = await dmPair(alice, bob);
  await sendMany(alice, ["rendered on the server"]);
  await expect(row(alice, "rendered on the server")).toBeVisible();

  const html = await (await bob.request.get(dmUrl)).text();
  expect(html).toContain("rendered on the server");

  // No socket at all: the message still shows, then nothing joins.
  const noSocket = await bob.context().newPage();
  // Neither transport reaches the server: the WebSocket is answered by nobody, polling fails.
  await noSocket.routeWebSocket(/\/socket\.io\//, () => {});
  await noSocket.route("**/socket.io/**", (route) => route.abort());
  await noSocket.goto(dmUrl);
  await expect(row(noSocket, "rendered on the server")).toBeVisible();
  await expect(noSocket.getByTestId("message-list")).toHaveAttribute("data-joined", "false");
  await expect(noSocket.getByTestId("message-skeleton")).toHaveCount(0);
  // The log is silent about pages: nothing of the history is in the live region.
  await expect(noSocket.getByTestId("arrival-announcer")).toHaveText("");
});
