import { chatComposer, chatNames, chatRow, conversationId, newChat, pickPeople, railUnread, say, systemLines } from "./chats.pages";
import { expect, makeUser, profileCard, signUp, spaceWith, test } from "./fixtures";

// ---- the tests --------------------------------------------------------------------------

test("alice starts a dm with bob from New chat and they chat live; the chat list reorders, counts unread, clears it on opening, and leaves muted chats out of the rail", async ({
  alice,
  bob,
  carol,
}) => {
  const [a, b, c] = [makeUser("Alice"), makeUser("Bob"), makeUser("Carol")];
  await signUp(alice, a);
  await signUp(bob, b);
  await signUp(carol, c);
  await spaceWith(alice, [bob, carol], "Chat friends");

  await newChat(carol, [b.name]);
  await say(carol, "Hi from Carol");
  await newChat(alice, [b.name]);
  await say(alice, "Hi Bob");
  // The dm's title is Bob: it opens his profile card.
  await alice.getByTestId("conversation-title").getByRole("button", { name: b.name, exact: true }).click();
  await expect(profileCard(alice).getByTestId("profile-name")).toHaveText(b.name);
  await alice.keyboard.press("Escape");

  // Bob's list: newest first, each with its preview and unread count; the rail adds them up.
  await bob.goto("/chats");
  await expect(chatNames(bob)).toHaveText([a.name, c.name]);
  await expect(chatRow(bob, a.name).getByTestId("conversation-preview")).toHaveText("Hi Bob");
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveText("1");
  await expect(chatRow(bob, c.name).getByTestId("conversation-unread")).toHaveText("1");
  await expect(railUnread(bob)).toHaveText("2");

  // A new message moves Carol's chat to the top and counts up, live.
  await carol.goto("/chats");
  await chatRow(carol, b.name).click();
  await say(carol, "Are you there?");
  await expect(chatNames(bob)).toHaveText([c.name, a.name]);
  await expect(chatRow(bob, c.name).getByTestId("conversation-preview")).toHaveText("Are you there?");
  await expect(chatRow(bob, c.name).getByTestId("conversation-unread")).toHaveText("2");
  await expect(railUnread(bob)).toHaveText("3");

  // Opening it reads it; Bob answers and Carol sees it live.
  await chatRow(bob, c.name).click();
  await expect(bob.getByTestId("message-body")).toHaveText(["Hi from Carol", "Are you there?"]);
  await expect(chatRow(bob, c.name).getByTestId("conversation-unread")).toHaveCount(0);
  await expect(railUnread(bob)).toHaveText("1");
  await say(bob, "네, 여기 있어요!");
  await expect(carol.getByTestId("message-body").last()).toHaveText("네, 여기 있어요!");
  await bob.goto("/chats");
  await expect(chatRow(bob, c.name).getByTestId("conversation-unread")).toHaveCount(0);

  // Bob mutes Alice: the bell-off icon shows, and her messages stay out of the rail's total.
  await chatRow(bob, a.name).getByRole("button", { name: "채팅 옵션" }).click();
  await bob.getByRole("menuitem", { name: "알림 끄기" }).click();
  await expect(chatRow(bob, a.name).getByTestId("muted-icon")).toBeVisible();
  await expect(railUnread(bob)).toHaveCount(0);
  await say(alice, "Still there?");
  await expect(chatNames(bob)).toHaveText([a.name, c.name]);
  await expect(chatRow(bob, a.name).getByTestId("conversation-unread")).toHaveText("2");
  await expect(railUnread(bob)).toHaveCount(0);
});

test("bob and alice open a dm with each other at the same moment and land in the same conversation", async ({ alice, bob }) => {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Same time");

  const aliceDialog = await pickPeople(alice, [b.name]);
  const bobDialog = await pickPeople(bob, [a.name]);
  await Promise.all([
    aliceDialog.getByRole("button", { name: "Chat", exact: true }).click(),
    bobDialog.getByRole("button", { name: "채팅하기", exact: true }).click(),
  ]);
  const [fromAlice, fromBob] = await Promise.all([conversationId(alice), conversationId(bob)]);
  expect(fromAlice).toBe(fromBob);

  await say(alice, "Same room?");
  await expect(bob.getByTestId("message-body")).toHaveText(["Same room?"]);
});

test("alice makes a group with bob and dan and invites carol, then carol leaves: every member sees it happen live", async ({
  alice,
  bob,
  carol,
  browser,
}) => {
  const danContext = await browser.newContext({ locale: "en-US" });
  const dan = await danContext.newPage();
  const [a, b, c, d] = [makeUser("Alice"), makeUser("Bob"), makeUser("Carol"), makeUser("Dan")];
  await signUp(alice, a);
  await signUp(bob, b);
  await signUp(carol, c);
  await signUp(dan, d);
  await spaceWith(alice, [bob, carol, dan], "Group club");

  await newChat(alice, [b.name, d.name], "Study group");
  await expect(systemLines(alice)).toHaveText([`${a.name} created the group “Study group”`, `${a.name} invited ${b.name} and ${d.name}`]);
  await expect(alice.getByTestId("conversation-member-count")).toHaveText("3");

  // Bob finds it in his list and opens it.
  await bob.goto("/chats");
  await chatRow(bob, "Study group").click();
  await expect(systemLines(bob).last()).toHaveText(`${a.name}님이 ${b.name}님, ${d.name}님을 초대했습니다.`);
  await carol.goto("/chats");

  // Alice invites Carol from the members panel.
  await alice.getByRole("button", { name: "Members" }).click();
  await alice.getByRole("button", { name: "+ Invite" }).click();
  const invite = alice.getByRole("dialog", { name: "Invite to Study group" });
  await invite.getByRole("checkbox", { name: c.name, exact: true }).check();
  await invite.getByRole("button", { name: "Invite 1" }).click();
  await expect(invite).toBeHidden();
  await expect(alice.getByTestId("group-member")).toHaveCount(4);
  // A member's name opens their profile card over the panel.
  await alice.getByTestId("group-member").getByRole("button", { name: c.name, exact: true }).click();
  await expect(profileCard(alice).getByTestId("profile-name")).toHaveText(c.name);
  await alice.keyboard.press("Escape");
  await expect(profileCard(alice)).toHaveCount(0);
  await alice.keyboard.press("Escape");

  await expect(systemLines(alice).last()).toHaveText(`${a.name} invited ${c.name}`);
  await expect(systemLines(bob).last()).toHaveText(`${a.name}님이 ${c.name}님을 초대했습니다.`);
  await expect(bob.getByTestId("conversation-member-count")).toHaveText("4");
  // Carol's list gets the group live, with the invitation as its one unread message.
  await expect(chatRow(carol, "Study group").getByTestId("conversation-unread")).toHaveText("1");
  await chatRow(carol, "Study group").click();
  await expect(systemLines(carol).last()).toHaveText(`${a.name} invited ${c.name}`);
  await say(carol, "Thanks for the invite");
  await expect(bob.getByTestId("message-body").last()).toHaveText("Thanks for the invite");

  // Carol leaves, after confirming.
  await carol.getByRole("button", { name: "Members" }).click();
  await carol.getByRole("button", { name: "Leave chat" }).click();
  await carol.getByRole("dialog", { name: "Leave Study group?" }).getByRole("button", { name: "Leave chat" }).click();
  await expect(carol).toHaveURL(/\/chats$/);
  await expect(chatRow(carol, "Study group")).toHaveCount(0);

  await expect(systemLines(alice).last()).toHaveText(`${c.name} left`);
  await expect(systemLines(bob).last()).toHaveText(`${c.name}님이 나갔습니다.`);
  await expect(alice.getByTestId("conversation-member-count")).toHaveText("3");
  // System lines are not messages one can reply to or react to.
  await systemLines(bob).last().hover();
  await expect(bob.getByTestId("system-message").last().getByRole("button")).toHaveCount(0);
  await danContext.close();
});
