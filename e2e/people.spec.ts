import type { Page } from "@playwright/test";
import { solidPng } from "../tests/helpers/png";
import { chatRow } from "./chats.pages";
import { createSpace, expect, makeUser, profileCard, sendMessage, signUp, spaceWith, test, UI_ONLY } from "./fixtures";

// ---- page objects (the friends screen and the profile card, in either language) ---------

async function openFriends(page: Page) {
  await page.goto("/friends");
  await expect(page.getByRole("heading", { name: /^(Friends|친구)$/ })).toBeVisible();
}

function tab(page: Page, name: RegExp) {
  return page.getByRole("tab", { name });
}

const TABS = {
  friends: /^(Friends|친구)( \d+)?$/,
  requests: /^(Requests|요청)/,
  add: /^(Add friend|친구 추가)$/,
  blocked: /^(Blocked|차단)/,
};

async function search(page: Page, query: string) {
  await tab(page, TABS.add).click();
  await page.getByRole("searchbox").fill(query);
  await page.getByRole("button", { name: /^(Search|검색)$/ }).click();
}

function personRow(list: ReturnType<Page["getByTestId"]>, name: string) {
  return list.getByTestId("person").filter({ has: list.page().getByTestId("person-name").getByText(name, { exact: true }) });
}

// ---- specs ----------------------------------------------------------------------------

test("friends from search to presence to block: profile edits show to others live, requests and acceptances arrive live", async ({
  alice,
  bob,
}) => {
  const aliceUser = makeUser("Alice");
  const bobUser = makeUser("Bob");
  await signUp(alice, aliceUser);
  await signUp(bob, bobUser);

  // Alice edits her profile: a status message and a picture she uploads.
  await openFriends(alice);
  await alice.getByTestId("my-profile").getByRole("button", { name: "Edit profile" }).click();
  const editor = alice.getByTestId("edit-profile");
  await editor.getByLabel("Status message").fill("Studying for finals");
  await editor.getByLabel("Profile picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: solidPng(64, 64) });
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toBeHidden();
  await expect(alice.getByTestId("my-status")).toHaveText("Studying for finals");
  await expect(alice.getByTestId("my-profile").locator("img")).toHaveAttribute("src", /^\/api\/files\/[0-9a-f-]{36}$/);

  // Bob has his friends screen open before anything is sent to him.
  await openFriends(bob);
  await expect(bob.getByTestId("requests-count")).toHaveCount(0);

  // A part of an email finds nobody; the whole address finds Bob, without showing it.
  await search(alice, bobUser.email.slice(0, bobUser.email.indexOf("@") + 4));
  await expect(alice.getByTestId("search-results-empty")).toHaveText("Nobody found.");
  await search(alice, bobUser.email.toUpperCase());
  const results = alice.getByTestId("search-results");
  await expect(results.getByTestId("person-name")).toHaveText(["Bob"]);
  await expect(results).not.toContainText("@");
  await personRow(results, "Bob").getByRole("button", { name: "Add friend" }).click();
  await expect(personRow(results, "Bob")).toContainText("Request sent");

  // Bob sees the request arrive, looks at Alice's card (her new status and picture), accepts.
  await expect(bob.getByTestId("requests-count")).toHaveText("1");
  await tab(bob, TABS.requests).click();
  const incoming = bob.getByTestId("incoming-requests");
  await personRow(incoming, "Alice").getByRole("button", { name: "Alice" }).click();
  await expect(profileCard(bob).getByTestId("profile-name")).toHaveText("Alice");
  await expect(profileCard(bob).getByTestId("profile-status")).toHaveText("Studying for finals");
  await expect(profileCard(bob).getByTestId("profile-avatar").locator("img")).toHaveAttribute("src", /^\/api\/files\//);
  await expect(profileCard(bob).getByTestId("friend-state")).toHaveText("친구 요청 받음");
  await bob.keyboard.press("Escape");
  await personRow(incoming, "Alice").getByRole("button", { name: "수락" }).click();

  // Both are friends, each online in the other's list.
  await tab(bob, TABS.friends).click();
  await expect(personRow(bob.getByTestId("friend-list"), "Alice")).toHaveAttribute("data-status", "online");
  await tab(alice, TABS.friends).click();
  const aliceSeesBob = personRow(alice.getByTestId("friend-list"), "Bob");
  await expect(aliceSeesBob).toHaveAttribute("data-status", "online");

  // A new status message shows in Bob's friend list at once, with no reload.
  await alice.getByTestId("my-profile").getByRole("button", { name: "Edit profile" }).click();
  await editor.getByLabel("Status message").fill("Done with finals");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toBeHidden();
  await expect(personRow(bob.getByTestId("friend-list"), "Alice").getByTestId("person-status")).toHaveText("Done with finals");

  // Bob closes his page: Alice sees him go offline.
  const bobContext = bob.context();
  await bob.close();
  await expect(aliceSeesBob).toHaveAttribute("data-status", "offline");

  // Bob comes back and looks at Alice's card from his friend list.
  const bobAgain = await bobContext.newPage();
  await openFriends(bobAgain);
  await personRow(bobAgain.getByTestId("friend-list"), "Alice").getByRole("button", { name: "Alice" }).click();
  await expect(profileCard(bobAgain).getByTestId("friend-state")).toHaveText("친구");

  // Alice blocks Bob from his profile card: he leaves her friends and shows under Blocked.
  await aliceSeesBob.getByRole("button", { name: "Bob" }).click();
  await profileCard(alice).getByRole("button", { name: "Block" }).click();
  await alice.getByRole("dialog", { name: /^Block .+\?$/ }).getByRole("button", { name: "Block" }).click(); // the confirm
  await expect(profileCard(alice)).toHaveCount(0); // done: the card closes (its toast offers Undo)
  await expect(alice.getByTestId("friend-list-empty")).toBeVisible();
  await tab(alice, TABS.blocked).click();
  await expect(alice.getByTestId("blocked-list").getByTestId("person-name")).toHaveText(["Bob"]);

  // For Bob, Alice is no longer a friend, and asking again is refused in plain words.
  await expect(profileCard(bobAgain).getByTestId("friend-state")).toHaveCount(0);
  await profileCard(bobAgain).getByRole("button", { name: "친구 추가" }).click();
  await expect(profileCard(bobAgain).getByRole("alert")).toHaveText("이 사용자에게 메시지를 보내거나 친구 요청을 할 수 없어요.");
  await expect(profileCard(bobAgain).getByTestId("friend-state")).toHaveCount(0);
  await bobAgain.keyboard.press("Escape");
  await expect(bobAgain.getByTestId("friend-list-empty")).toBeVisible();
  // Nor can he find her any more.
  await search(bobAgain, aliceUser.email);
  await expect(bobAgain.getByTestId("search-results-empty")).toHaveText("찾는 사람이 없어요.");
});

test("a name in the chat or the member list opens that person's profile card, and a new name shows on the next message", async ({
  alice,
  bob,
}) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Profile club");
  await sendMessage(alice, "hello from alice");

  await bob.getByTestId("message").filter({ hasText: "hello from alice" }).getByRole("button", { name: "Alice" }).click();
  await expect(profileCard(bob).getByTestId("profile-name")).toHaveText("Alice");
  await expect(profileCard(bob).getByRole("button", { name: "친구 추가" })).toBeVisible();
  await bob.keyboard.press("Escape");
  await bob.getByTestId("member-list").getByRole("button", { name: "Alice" }).click();
  await expect(profileCard(bob).getByTestId("profile-name")).toHaveText("Alice");
  await bob.keyboard.press("Escape");

  // Alice renames herself from the user menu; her next message carries the new name.
  await alice.getByRole("button", { name: "Alice · Edit profile" }).click();
  await alice.getByTestId("edit-profile").getByLabel("Display name").fill("Alice Kim");
  await alice.getByTestId("edit-profile").getByRole("button", { name: "Save" }).click();
  await expect(alice.getByTestId("me-name")).toHaveText("Alice Kim");
  await sendMessage(bob, "nice"); // so Alice's next message starts a new group, under her name
  await expect(alice.getByTestId("message-body").last()).toHaveText("nice");
  await sendMessage(alice, "renamed");
  await expect(bob.getByTestId("message").filter({ hasText: "renamed" }).getByTestId("message-author")).toHaveText("Alice Kim");
});

test("both open a 1:1 chat from each other's profile card at the same moment and land in one conversation; a block then stops the dm and the call", async ({
  alice,
  bob,
}) => {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  const spaceUrl = await spaceWith(alice, [bob], "Profile dms");

  await alice.getByTestId("member-list").getByRole("button", { name: b.name, exact: true }).click();
  await bob.getByTestId("member-list").getByRole("button", { name: a.name, exact: true }).click();
  await Promise.all([
    profileCard(alice).getByRole("button", { name: "1:1 chat" }).click(),
    profileCard(bob).getByRole("button", { name: "1:1 채팅" }).click(),
  ]);
  await expect(alice).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  await expect(bob).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  expect(alice.url().split("/").at(-1)).toBe(bob.url().split("/").at(-1));

  const dmBox = (page: Page) => page.getByRole("textbox", { name: /^Message |에게 메시지 보내기$/ });
  await dmBox(bob).fill("hi alice");
  await dmBox(bob).press("Enter");
  await expect(alice.getByTestId("message-body").filter({ hasText: "hi alice" })).toBeVisible();

  // Alice blocks Bob from his profile card (his name in the dm opens it).
  await alice.getByTestId("message").filter({ hasText: "hi alice" }).getByRole("button", { name: b.name, exact: true }).click();
  await profileCard(alice).getByRole("button", { name: "Block" }).click();
  await alice.getByRole("dialog", { name: /^Block .+\?$/ }).getByRole("button", { name: "Block" }).click(); // the confirm
  await expect(profileCard(alice)).toHaveCount(0); // done: the card closes (its toast offers Undo)

  // Bob's next message is refused, in words; it never reaches Alice.
  await dmBox(bob).fill("are you there?");
  await dmBox(bob).press("Enter");
  await expect(bob.getByTestId("pending-message").filter({ hasText: "are you there?" })).toContainText(
    "이 사용자에게 메시지를 보내거나 친구 요청을 할 수 없어요.",
  );
  // Nor can he call.
  await bob.getByRole("button", { name: "통화 시작" }).click();
  await bob.getByTestId("prejoin").getByRole("button", { name: "참여하기" }).click();
  await expect(bob.getByTestId("prejoin").getByRole("alert")).toHaveText("이 사용자에게 메시지를 보내거나 친구 요청을 할 수 없어요.");
  await expect(alice.getByTestId("incoming-call")).toHaveCount(0);
  await expect(alice.getByTestId("message-body").filter({ hasText: "are you there?" })).toHaveCount(0);

  // In the space they share, Bob's messages reach Alice folded away.
  await alice.goto(spaceUrl);
  await bob.goto(spaceUrl);
  await sendMessage(bob, "hello everyone");
  await expect(bob.getByTestId("message-body").filter({ hasText: "hello everyone" })).toBeVisible();
  await expect(alice.getByText("Message from a blocked user")).toBeVisible();
  await expect(alice.getByTestId("message-body").filter({ hasText: "hello everyone" })).toHaveCount(0);

  // Nor does the chat list show what he wrote.
  await alice.goto("/chats");
  await expect(chatRow(alice, b.name).getByTestId("conversation-preview")).toHaveText("Message from a blocked user");
});

test("a long Korean name in the sidebar footer ends in an ellipsis with the whole name as its tooltip, and the buttons beside it keep their size", UI_ONLY, async ({
  bob,
}) => {
  const longName = "김서연바다하늘별님";
  await signUp(bob, { ...makeUser("Seoyeon"), name: longName });
  await createSpace(bob, "주말 등산 모임");
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await bob.setViewportSize(viewport);
    // On a phone the channel list, with the footer, is the drawer behind the menu button.
    if (viewport.width < 768) await bob.getByRole("button", { name: "메뉴", exact: true }).click();
    const footer = bob.getByTestId("user-footer").locator("visible=true");
    await expect(footer).toBeVisible();
    const name = footer.getByTestId("me-name");
    await expect(name).toHaveText(longName);
    await expect(name).toHaveCSS("text-overflow", "ellipsis");
    expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(90); // a name, not two letters
    await expect(footer.getByRole("button", { name: `${longName} · 프로필 편집` })).toHaveAttribute("title", `${longName} · 프로필 편집`);
    for (const button of [footer.getByRole("button", { name: "로그아웃" }), footer.getByRole("button", { name: "계정" })]) {
      const box = (await button.boundingBox())!;
      expect([box.width, box.height]).toEqual([32, 32]);
    }
  }

  // The language, no longer a select squeezing the name, is in the account menu.
  await bob.getByTestId("user-footer").locator("visible=true").getByRole("button", { name: "계정" }).click();
  await bob.getByRole("menuitemradio", { name: "English" }).click();
  await expect(bob.locator("html")).toHaveAttribute("lang", "en");
  await expect(bob.getByRole("menu", { name: "Account" })).toBeVisible(); // the page, menu too, now in English
});

test("each screen has one user panel: under the sidebar where there is one, in the rail where there is none, on phones too", UI_ONLY, async ({ bob }) => {
  await signUp(bob, makeUser("Bob"));
  await createSpace(bob, "Panel club");
  const space = bob.url();
  /** The visible ways to sign out: one per user panel. */
  const panels = bob.getByRole("button", { name: /^(Sign out|로그아웃)$/ }).locator("visible=true");
  const expectOne = async (where: "footer" | "rail") => {
    await expect(panels).toHaveCount(1);
    if (where === "footer") await expect(bob.getByTestId("user-footer").locator("visible=true")).toHaveCount(1);
    else await expect(bob.getByTestId("rail-user-menu")).toBeVisible();
    await expect(panels.first()).toBeInViewport();
  };
  await bob.setViewportSize({ width: 1440, height: 900 });
  await bob.goto(space);
  await expectOne("footer");
  await bob.goto("/chats");
  await expectOne("footer");
  for (const path of ["/spaces", "/friends"]) {
    await bob.goto(path);
    await expectOne("rail");
  }

  await bob.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/spaces", "/friends"]) {
    await bob.goto(path);
    await expectOne("footer");
  }
  await bob.goto(space);
  await expect(panels).toHaveCount(0); // the channel pane and its composer have the screen
  await bob.getByRole("button", { name: /^(Menu|메뉴)$/ }).click();
  await expectOne("footer");
});
