import {
  channelReady,
  composer,
  copyInviteLink,
  createSpace,
  expect,
  makeUser,
  sendMessage,
  signUp,
  spaceWith,
  test,
  type TestUser,
  UI_ONLY,
} from "./fixtures";
import { chatComposer, newChat } from "./chats.pages";
import { channelLink, createChannel } from "./spaces.pages";
import type { Page } from "@playwright/test";

const focusedIsComposer = (page: Page) => page.evaluate(() => document.activeElement?.hasAttribute("data-composer") ?? false);

test("the skip link is the first stop of Tab, shows itself, and takes the keyboard past the rail to the messages (Korean)", UI_ONLY, async ({
  bob,
}) => {
  await signUp(bob, makeUser("Bob"));
  await createSpace(bob, "키보드");
  await bob.reload(); // arriving on a page is not a switch: focus starts at the top
  await channelReady(bob);
  await bob.keyboard.press("Tab");
  const skip = bob.getByRole("link", { name: "메시지로 건너뛰기" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await bob.keyboard.press("Enter");
  await expect(bob.getByTestId("message-list")).toBeFocused();

  await bob.goto("/friends");
  await bob.keyboard.press("Tab");
  await expect(bob.getByRole("link", { name: "본문으로 건너뛰기" })).toBeFocused();
});

test("after a channel switch the composer has the focus; Alt+↓/↑ step through channels and Alt+Shift+↓ goes to the next unread one", UI_ONLY, async ({
  alice,
  bob,
}) => {
  test.slow(); // several users and spaces on two shared cores
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Keys");
  for (const name of ["one", "two", "three"]) await createChannel(alice, { name });
  await expect(channelLink(alice, "general")).toHaveAttribute("aria-current", "page");
  // No reload here: a refresh her own channel changes started may still be in flight when Bob
  // writes, and its older read must not put the count back to 0 (lib/live-merge.ts).

  // Bob writes in "three": it becomes the next unread one for Alice.
  await bob.reload();
  await channelLink(bob, "three").click();
  await expect(channelLink(bob, "three")).toHaveAttribute("aria-current", "page"); // not still #general
  await channelReady(bob);
  await sendMessage(bob, "over here");
  await expect(channelLink(alice, "three")).toHaveCSS("font-weight", "700");

  await alice.keyboard.press("Alt+ArrowDown");
  await expect(channelLink(alice, "one")).toHaveAttribute("aria-current", "page");
  await channelReady(alice);
  await expect.poll(() => focusedIsComposer(alice)).toBe(true);

  await alice.keyboard.press("Alt+Shift+ArrowDown"); // past "two", which has nothing new
  await expect(channelLink(alice, "three")).toHaveAttribute("aria-current", "page");
  await expect(alice.getByTestId("message-body").filter({ hasText: "over here" })).toBeVisible();

  await alice.keyboard.press("Alt+ArrowUp");
  await expect(channelLink(alice, "two")).toHaveAttribute("aria-current", "page");

  // A click on a channel does the same: the focus goes to its message box, not back to the page.
  await channelLink(alice, "one").click();
  await channelReady(alice);
  await expect.poll(() => focusedIsComposer(alice)).toBe(true);

  // Not while typing in another text box (there Alt+↑ moves the caret).
  await alice
    .getByRole("button", { name: /^(Space menu)$/ })
    .first()
    .click();
  await alice.getByRole("menuitem", { name: /^Create channel$/ }).click();
  await alice.getByLabel("Channel name").press("Alt+ArrowDown");
  await expect(alice.getByLabel("Channel name")).toBeFocused();
  await alice.keyboard.press("Escape");
  await expect(alice.getByLabel("Channel name")).toHaveCount(0);
  await expect(channelLink(alice, "one")).toHaveAttribute("aria-current", "page");
});

test("Ctrl+K opens a quick switcher: typing finds a channel in another space, and a dm by its Korean name (initial consonants too)", async ({
  alice,
  bob,
}) => {
  test.slow(); // several users and spaces on two shared cores
  const minsu: TestUser = { ...makeUser("minsu"), name: "김민수" };
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, minsu);
  await spaceWith(alice, [bob], "Home base");
  await newChat(alice, ["김민수"]);
  await createSpace(alice, "Far away");
  await createChannel(alice, { name: "planning" });
  await channelLink(alice, "planning").click();
  await expect(channelLink(alice, "planning")).toHaveAttribute("aria-current", "page");
  const farAway = alice.url();
  await alice.getByRole("link", { name: "Home base" }).click();
  await channelReady(alice);

  await alice.keyboard.press("Control+k");
  const switcher = alice.getByRole("dialog", { name: "Jump to a space, channel or chat" });
  await expect(switcher).toBeVisible();
  await expect(switcher.getByRole("combobox")).toBeFocused();
  await alice.keyboard.type("plann");
  await expect(switcher.getByRole("option").first()).toContainText("planning");
  await expect(switcher.getByRole("option").first()).toContainText("Far away");
  await alice.keyboard.press("Enter");
  await expect(alice).toHaveURL(farAway);
  await expect(switcher).toHaveCount(0);
  await channelReady(alice);
  await expect.poll(() => focusedIsComposer(alice)).toBe(true);

  // From inside the message box, in Korean: "ㄱㅁ" (initials), then the name itself.
  await alice.keyboard.press("Control+k");
  await alice.keyboard.type("ㄱㅁ");
  await expect(switcher.getByRole("option").first()).toContainText("김민수");
  await switcher.getByRole("combobox").fill("민수");
  await expect(switcher.getByRole("option")).toHaveCount(1);
  await alice.keyboard.press("Enter");
  await expect(alice).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  await expect(chatComposer(alice)).toBeFocused();

  // Esc closes it without going anywhere, and the focus goes back where it was.
  const here = alice.url();
  await alice.keyboard.press("Control+k");
  await expect(switcher).toBeVisible();
  await alice.keyboard.press("Escape");
  await expect(switcher).toHaveCount(0);
  expect(alice.url()).toBe(here);
  await expect(chatComposer(alice)).toBeFocused();
});

test("on a fresh page the menus and the emoji button open from the keyboard: focus in the menu, back on the trigger after Escape", UI_ONLY, async ({
  alice,
}) => {
  // Their Radix code loads with the first press (components/ui/Menu.tsx, EmojiPicker.tsx): the
  // press that loads it must still open it the way Radix's own trigger does.
  await signUp(alice, makeUser("Alice"));
  await createSpace(alice, "Menus");
  await alice.reload();
  await channelReady(alice);
  // By attribute, not role: an open menu hides the rest of the page from the accessibility tree.
  const spaceMenu = alice.locator('button[aria-label="Space menu"]').first();
  await expect(spaceMenu).toHaveAttribute("aria-haspopup", "menu");
  await expect(spaceMenu).toHaveAttribute("aria-expanded", "false");
  await spaceMenu.focus();
  await alice.keyboard.press("Enter");
  await expect(alice.getByRole("menuitem").first()).toBeFocused();
  await expect(spaceMenu).toHaveAttribute("aria-expanded", "true");
  await alice.keyboard.press("ArrowDown");
  await expect(alice.getByRole("menuitem").nth(1)).toBeFocused();
  await alice.keyboard.press("Escape");
  await expect(alice.getByRole("menu")).toHaveCount(0);
  await expect(spaceMenu).toBeFocused();
  await alice.keyboard.press("ArrowDown");
  await expect(alice.getByRole("menuitem").first()).toBeFocused();
  await alice.keyboard.press("Escape");

  // ArrowDown on a trigger not yet pressed, and a pointer press (focus goes to the menu).
  await alice.reload();
  await channelReady(alice);
  const account = alice.locator('button[aria-label="Account"]').first();
  await account.focus();
  await alice.keyboard.press("ArrowDown");
  await expect(alice.getByRole("menuitemradio").first()).toBeFocused();
  await alice.keyboard.press("Escape");
  await expect(account).toBeFocused();
  await spaceMenu.click();
  await expect(alice.getByRole("menu")).toBeFocused();
  await alice.keyboard.press("Escape");

  // The composer's emoji button: Enter opens the picker, Escape closes it and the focus is back.
  await alice.reload();
  await channelReady(alice);
  const emoji = alice.getByRole("button", { name: /^Insert emoji$/ });
  await expect(emoji).toHaveAttribute("aria-expanded", "false");
  await emoji.focus();
  await alice.keyboard.press("Enter");
  await expect(alice.getByTestId("emoji-picker")).toBeVisible();
  await expect(emoji).toHaveAttribute("aria-expanded", "true");
  await alice.keyboard.press("Escape");
  await expect(alice.getByTestId("emoji-picker")).toHaveCount(0);
  await expect(emoji).toBeFocused();
});

test("↑ in an empty message box edits your last message; Enter saves it and the focus comes back to the box", UI_ONLY, async ({ alice }) => {
  await signUp(alice, makeUser("Alice"));
  await createSpace(alice, "Edits");
  await sendMessage(alice, "first try");
  await sendMessage(alice, "secnod try");
  await expect(alice.getByTestId("message-body").filter({ hasText: "secnod try" })).toBeVisible();
  await composer(alice).press("ArrowUp");
  const editor = alice.getByRole("textbox", { name: "Edit" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue("secnod try");
  await editor.fill("second try");
  await editor.press("Enter");
  await expect(alice.getByTestId("message-body").filter({ hasText: "second try" })).toBeVisible();
  await expect(alice.getByTestId("message").filter({ hasText: "second try" })).toContainText("(edited)");
  await expect(composer(alice)).toBeFocused();

  // With text in the box, ↑ is just the caret.
  await composer(alice).fill("draft");
  await composer(alice).press("ArrowUp");
  await expect(editor).toHaveCount(0);
  await expect(composer(alice)).toHaveValue("draft");
});

async function oneH1AndMain(page: Page, label: string) {
  await expect(page.locator("h1"), `${label}: h1`).toHaveCount(1);
  await expect(page.getByRole("main"), `${label}: main`).toHaveCount(1);
}

test("the signed-out pages, an invite and not-found each have exactly one h1 and one main landmark", UI_ONLY, async ({ alice, bob }) => {
  await alice.goto("/signin");
  await oneH1AndMain(alice, "sign-in");
  await alice.goto("/signup");
  await oneH1AndMain(alice, "sign-up");
  await signUp(alice, makeUser("Alice"));
  await createSpace(alice, "Headings");
  await alice.getByRole("button", { name: /^(Invite people)$/ }).click();
  const invite = await alice.getByTestId("invite-link").inputValue();
  await alice.keyboard.press("Escape");
  await bob.goto(invite);
  await oneH1AndMain(bob, "invite (signed out)");
  await signUp(bob, makeUser("Bob"));
  await bob.goto(invite);
  await oneH1AndMain(bob, "invite (signed in)");
  await bob.goto("/no-such-page");
  await oneH1AndMain(bob, "not found");
});

test("every signed-in screen has exactly one h1 and one main landmark", UI_ONLY, async ({ alice, bob }) => {
  test.slow(); // several users and spaces on two shared cores
  const pages: string[] = [];
  const check = async (page: Page, label: string) => {
    await oneH1AndMain(page, label);
    pages.push(label);
  };
  await signUp(alice, makeUser("Alice"));
  await check(alice, "spaces");
  await createSpace(alice, "Headings");
  const channel = alice.url();
  await check(alice, "channel");
  await alice.goto(channel.split("/").slice(0, -1).join("/")); // the space: lands in its first channel
  await channelReady(alice);
  await check(alice, "space");
  await signUp(bob, makeUser("Bob"));
  await bob.goto(await copyInviteLink(alice));
  await bob.getByRole("main").getByRole("button").click();
  await channelReady(bob);
  await alice.goto("/chats");
  await check(alice, "chats");
  await newChat(alice, ["Bob"]);
  await check(alice, "a chat");
  await expect(alice.locator("h1")).toContainText("Bob");
  await alice.goto("/friends");
  await check(alice, "friends");
  expect(pages).toHaveLength(6);
});
