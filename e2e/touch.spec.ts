import { devices, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { chatComposer, newChat, say } from "./chats.pages";
import { composer, expect, makeUser, sendMessage, signIn, signUp, spaceWith, test, UI_ONLY } from "./fixtures";
import { joinRoom } from "./video.pages";

// Phones and keyboards: every message action without hovering (issue 10, points 4 and 7).

/** A phone: touch, a 390×844 screen, mobile viewport rules (our Chromium, Pixel 7's traits). */
async function phone(browser: Browser, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const { userAgent: _ua, defaultBrowserType: _type, ...pixel } = devices["Pixel 7"];
  const context = await browser.newContext({
    ...pixel,
    viewport: { width: 390, height: 844 },
    locale,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  return { context, page: await context.newPage() };
}

/** The message whose own text (not a quote of it) contains `text`. */
function row(page: Page, text: string) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-body").filter({ hasText: text }) });
}

function sheet(page: Page) {
  return page.getByTestId("message-sheet");
}

/** A finger held on the message (real touch events through CDP) until its sheet opens, then lifted. */
async function longPress(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const point = { x: box.x + Math.min(20, box.width / 2), y: box.y + box.height / 2 };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await expect(sheet(page)).toBeVisible();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
  await expect(sheet(page)).toBeVisible(); // lifting the finger does not tap what is under it
}

test("on a phone a long press opens the message's sheet: react, who reacted, reply, copy, edit and delete with a styled confirm", async ({
  alice,
  browser,
}) => {
  const { context, page: bob } = await phone(browser, "ko-KR");
  bob.on("dialog", () => {
    throw new Error("a native dialog opened");
  });
  const b = makeUser("Bob");
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Phone club");
  await sendMessage(alice, "점심 뭐 먹을까요?");
  const question = row(bob, "점심 뭐 먹을까요?");
  await expect(question).toBeVisible();

  // Nothing hovers on a phone: the desktop toolbar stays away, a "⋯" is always there
  await expect(question.getByTestId("message-more-touch")).toBeVisible();
  await expect(question.getByTestId("message-toolbar")).toBeHidden();
  await expect(row(alice, "점심 뭐 먹을까요?").getByTestId("message-more-touch")).toBeHidden();

  // A finger that moves (scrolling) does not open the sheet
  const cdp = await context.newCDPSession(bob);
  const box = (await question.getByTestId("message-body").boundingBox())!;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: box.x + 10, y: box.y + 5 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: box.x + 10, y: box.y + 60 }] });
  // Only waiting can show that nothing happens: longer than the press takes (450 ms).
  await bob.waitForTimeout(900);
  await expect(sheet(bob)).toHaveCount(0);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();

  // React from the sheet; the sheet then says who reacted (a phone has no tooltip)
  await longPress(bob, question.getByTestId("message-body"));
  await expect(sheet(bob)).toContainText("점심 뭐 먹을까요?");
  await sheet(bob).getByRole("button", { name: "👍 반응 남기기" }).click();
  await expect(sheet(bob)).toHaveCount(0);
  await expect(question.getByTestId("reaction")).toHaveText("👍1");
  await expect(row(alice, "점심 뭐 먹을까요?").getByTestId("reaction")).toHaveText("👍1");
  await longPress(bob, question.getByTestId("message-body"));
  await expect(sheet(bob).getByTestId("reacted-by")).toContainText(b.name);
  await expect(sheet(bob).getByRole("button", { name: "👍 반응 남기기" })).toHaveAttribute("aria-pressed", "true");
  // "다른 이모지" opens the full picker (search, every emoji), not the quick six again
  await sheet(bob).getByRole("button", { name: "다른 이모지" }).click();
  const picker = sheet(bob).getByTestId("sheet-emoji-picker");
  await picker.getByLabel("이모지 검색").fill("피자");
  await picker.getByRole("gridcell").filter({ hasText: "🍕" }).click();
  await expect(sheet(bob)).toHaveCount(0);
  await expect(question.getByTestId("reaction").filter({ hasText: "🍕" })).toHaveText("🍕1");
  await longPress(bob, question.getByTestId("message-body"));

  // Reply: the quote is in the composer and the keyboard can come up there
  await sheet(bob).getByRole("button", { name: "답장" }).click();
  await expect(sheet(bob)).toHaveCount(0);
  await expect(bob.getByTestId("replying-to")).toContainText("점심 뭐 먹을까요?");
  await expect(composer(bob)).toBeFocused();
  await composer(bob).fill("김밥이요");
  await composer(bob).press("Enter");
  const mine = row(bob, "김밥이요");
  await expect(mine.getByTestId("reply-quote")).toContainText("점심 뭐 먹을까요?");

  // The ⋯ opens the same sheet with a tap; copy puts the text on the clipboard
  await mine.getByTestId("message-more-touch").tap();
  await expect(sheet(bob)).toBeVisible();
  await sheet(bob).getByRole("button", { name: "텍스트 복사" }).click();
  await expect(sheet(bob)).toHaveCount(0);
  expect(await bob.evaluate(() => navigator.clipboard.readText())).toBe("김밥이요");

  // Edit
  await longPress(bob, mine.getByTestId("message-body"));
  await sheet(bob).getByRole("button", { name: "수정" }).click();
  const editBox = bob.getByRole("textbox", { name: "수정" });
  await expect(editBox).toBeFocused();
  await editBox.fill("떡볶이요");
  await editBox.press("Enter");
  const edited = row(bob, "떡볶이요");
  await expect(edited).toContainText("(수정됨)");
  await expect(row(alice, "떡볶이요")).toContainText("(edited)");

  // Delete asks in a styled dialog; Cancel keeps the message
  await longPress(bob, edited.getByTestId("message-body"));
  await sheet(bob).getByRole("button", { name: "삭제" }).click();
  const confirm = bob.getByRole("dialog", { name: "메시지 삭제" });
  await expect(confirm).toContainText("되돌릴 수 없어요");
  await confirm.getByRole("button", { name: "취소" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(edited).toBeVisible();
  await longPress(bob, edited.getByTestId("message-body"));
  await sheet(bob).getByRole("button", { name: "삭제" }).click();
  await confirm.getByRole("button", { name: "삭제" }).click();
  await expect(bob.getByTestId("message-deleted")).toHaveText("삭제된 메시지입니다.");
  await expect(alice.getByTestId("message-deleted")).toHaveText("This message was deleted.");

  // Someone else's message offers no edit or delete
  await longPress(bob, question.getByTestId("message-body"));
  await expect(sheet(bob).getByRole("button", { name: "답장" })).toBeVisible();
  await expect(sheet(bob).getByRole("button", { name: "수정" })).toHaveCount(0);
  await expect(sheet(bob).getByRole("button", { name: "삭제" })).toHaveCount(0);
  await context.close();
});

test("with the keyboard alone a grouped message is reached, reacted to, replied to, edited and deleted, and focus comes back each time", UI_ONLY, async ({
  alice,
}) => {
  alice.on("dialog", () => {
    throw new Error("a native dialog opened");
  });
  await signUp(alice, makeUser("Alice"));
  await spaceWith(alice, [], "Keys club");
  for (const text of ["first note", "second note", "third note"]) {
    await sendMessage(alice, text);
    await expect(row(alice, text)).toBeVisible();
  }
  const second = row(alice, "second note");
  await expect(second.getByTestId("message-author")).toHaveCount(0); // grouped under the first

  // Shift+Tab from the composer enters the list at the newest message; ↑ moves to the grouped one
  await expect(composer(alice)).toBeFocused();
  await alice.keyboard.press("Shift+Tab");
  await expect(row(alice, "third note")).toBeFocused();
  await alice.keyboard.press("ArrowUp");
  await expect(second).toBeFocused();
  await expect(second.getByTestId("message-toolbar")).toBeVisible(); // shown on focus, not only on hover

  // Enter opens the actions; react with the keys; focus comes back to the message
  await alice.keyboard.press("Enter");
  await expect(sheet(alice)).toBeVisible();
  await expect(sheet(alice).getByRole("button", { name: "Reply" })).toBeFocused();
  await alice.keyboard.press("Shift+Tab");
  await alice.keyboard.press("Shift+Tab");
  await expect(sheet(alice).getByRole("button", { name: "React with 🎉" })).toBeFocused();
  await alice.keyboard.press("Enter");
  await expect(sheet(alice)).toHaveCount(0);
  await expect(second.getByTestId("reaction")).toHaveText("🎉1");
  await expect(second).toBeFocused();

  // Escape closes the sheet back to the message
  await alice.keyboard.press("Enter");
  await expect(sheet(alice)).toBeVisible();
  await alice.keyboard.press("Escape");
  await expect(sheet(alice)).toHaveCount(0);
  await expect(second).toBeFocused();

  // The toolbar's own buttons work with keys too: Tab past the reaction to "Add reaction"
  await alice.keyboard.press("Tab"); // the 🎉 chip
  await alice.keyboard.press("Tab");
  await expect(second.getByRole("button", { name: "Add reaction" })).toBeFocused();
  await alice.keyboard.press("Enter");
  await expect(second.getByRole("button", { name: "👍" })).toBeFocused();
  await alice.keyboard.press("Enter");
  await expect(second.getByTestId("reaction").filter({ hasText: "👍" })).toHaveText("👍1");
  await expect(second).toBeFocused();

  // R replies: the composer has the quote and the focus
  await alice.keyboard.press("r");
  await expect(alice.getByTestId("replying-to")).toContainText("second note");
  await expect(composer(alice)).toBeFocused();
  await alice.keyboard.type("answer to the second");
  await alice.keyboard.press("Enter");
  await expect(row(alice, "answer to the second").getByTestId("reply-quote")).toContainText("second note");

  // Back into the list (it remembers the message last focused), ↑ to the first, E edits
  await alice.keyboard.press("Shift+Tab");
  for (let i = 0; i < 6 && !(await alice.evaluate(() => document.activeElement?.hasAttribute("data-message-row"))); i++)
    await alice.keyboard.press("Shift+Tab");
  await expect(second).toBeFocused();
  await alice.keyboard.press("ArrowUp");
  const first = row(alice, "first note");
  await expect(first).toBeFocused();
  await alice.keyboard.press("e");
  const editBox = alice.getByRole("textbox", { name: "Edit" });
  await expect(editBox).toBeFocused();
  await alice.keyboard.press("ControlOrMeta+a");
  await alice.keyboard.type("first note, edited");
  await alice.keyboard.press("Enter");
  await expect(row(alice, "first note, edited")).toContainText("(edited)");
  await expect(row(alice, "first note, edited")).toBeFocused();

  // Delete asks; Cancel has the focus first; Tab, Enter deletes; focus moves to the next message
  const firstId = await first.getAttribute("data-message-id");
  await alice.keyboard.press("Delete");
  const confirm = alice.getByRole("dialog", { name: "Delete message" });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await alice.keyboard.press("Tab");
  await alice.keyboard.press("Enter");
  await expect(confirm).toHaveCount(0);
  await expect(alice.locator(`[data-message-id="${firstId}"]`).getByTestId("message-deleted")).toBeVisible();
  await expect(second).toBeFocused();
});

/** The two boxes share no area. */
function apart(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
}

test("an incoming call's bar pushes the chat list down instead of covering it, on a phone and on a desktop", UI_ONLY, async ({
  alice,
  bob,
  browser,
}) => {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Ring club");
  await newChat(alice, [b.name]);
  await say(alice, "Call?");
  const { context, page: bobPhone } = await phone(browser, "ko-KR");
  await signIn(bobPhone, b);
  await expect(bobPhone).not.toHaveURL(/\/signin/);
  for (const page of [bob, bobPhone]) {
    await page.goto("/chats");
    await expect(page.getByTestId("chat-list").getByTestId("conversation-row")).toHaveCount(1);
  }
  await bob.setViewportSize({ width: 1440, height: 900 });

  await alice.getByRole("button", { name: /^(Start a call|통화 시작)$/ }).click();
  await joinRoom(alice);
  for (const page of [bob, bobPhone]) {
    const ring = page.getByTestId("incoming-call");
    await expect(ring).toContainText(a.name);
    const list = page.getByTestId("chat-list");
    expect(apart((await ring.boundingBox())!, (await list.boundingBox())!)).toBe(true);
    // The list's first row is still there to be tapped, and nothing lies on it
    const first = list.getByTestId("conversation-row").first();
    const box = (await first.boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="conversation-row"]') !== null, {
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    });
    expect(hit).toBe(true);
  }
  await expect(chatComposer(alice)).toBeVisible();
  await context.close();
});
