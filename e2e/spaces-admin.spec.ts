import {
  PNG,
  channelLink,
  channelsIn,
  createCategory,
  createChannel,
  dialog,
  fromSpaceMenu,
  memberAction,
  openChannel,
  spaceMenu,
} from "./spaces.pages";
import { createSpace, expect, makeUser, messageBodies, sendMessage, signUp, spaceWith, test } from "./fixtures";

// ---- flows -----------------------------------------------------------------------------

test("alice builds a space with an icon, a category, text and video channels; bob joins by a limited link and sees each change live", async ({
  alice,
  bob,
}) => {
  await signUp(alice, makeUser("Alice"));
  const bobUser = makeUser("Bob");
  await signUp(bob, bobUser);

  // A space with an icon
  await alice.getByLabel("Space icon").setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: PNG });
  await expect(alice.locator("main").getByTestId("space-icon")).toBeVisible();
  await alice.getByLabel("Space name").fill("Study hall");
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await expect(alice.getByTestId("space-name")).toHaveText("Study hall");
  await expect(alice.getByRole("link", { name: "Study hall" }).getByTestId("space-icon")).toBeVisible();

  // A category with a text and a video channel, then reordered
  await createCategory(alice, "Study");
  await createChannel(alice, { name: "Study Notes", category: "Study" });
  await createChannel(alice, { name: "Study Room", kind: "Video", category: "Study" });
  await expect(channelsIn(alice, "Study")).toHaveText(["Study Notes", "Study Room"]);
  await alice.getByRole("button", { name: "Options for Study Room" }).click();
  await alice.getByRole("menuitem", { name: "Move up" }).click();
  await expect(channelsIn(alice, "Study")).toHaveText(["Study Room", "Study Notes"]);
  await expect(channelsIn(alice, null)).toHaveText(["general"]);

  // An invite for at most 5 people
  await alice.getByRole("button", { name: "Invite people" }).click();
  const link = alice.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/[\w-]+$/);
  const first = await link.inputValue();
  await dialog(alice).getByLabel("Max number of uses").selectOption({ label: "5 uses" });
  await dialog(alice).getByLabel("Expire after").selectOption({ label: "1 day" });
  await dialog(alice).getByRole("button", { name: "Generate a new link" }).click();
  await expect(link).not.toHaveValue(first);
  const invite = await link.inputValue();
  await alice.keyboard.press("Escape");

  await bob.goto(invite);
  await bob.getByRole("main").getByRole("button").click();
  await expect(bob.getByTestId("space-name")).toHaveText("Study hall");
  await expect(channelsIn(bob, "Study")).toHaveText(["Study Room", "Study Notes"]);
  await expect(bob.getByRole("button", { name: /옵션$/ })).toHaveCount(0); // a member gets no channel menus

  // The admins' list shows the link with its use
  await fromSpaceMenu(alice, /^Space settings$/);
  await dialog(alice).getByRole("tab", { name: "Invites" }).click();
  await expect(
    dialog(alice)
      .getByTestId("invite-row")
      .filter({ hasText: invite.split("/").pop()! }),
  ).toContainText("used 1/5");
  await alice.keyboard.press("Escape");

  // New channels, and moves, reach bob without a reload
  await createChannel(alice, { name: "announcements" });
  await expect(channelsIn(bob, null)).toHaveText(["general", "announcements"]);
  await alice.getByRole("button", { name: "Options for announcements" }).click();
  await alice.getByRole("menuitem", { name: "Move down" }).click();
  await expect(channelsIn(bob, "Study")).toHaveText(["announcements", "Study Room", "Study Notes"]);

  // A video channel opens its room, starting with the pre-join screen
  await channelLink(bob, "Study Room").click();
  await expect(bob.getByTestId("prejoin")).toBeVisible();

  // Promoted, bob sees admin controls appear; demoted, they go
  await memberAction(alice, bobUser.name, /^Make admin$/);
  await expect(bob.getByRole("button", { name: "Study Notes 옵션" })).toHaveCount(1);
  await spaceMenu(bob).click();
  await expect(bob.getByRole("menuitem", { name: "채널 만들기" })).toBeVisible();
  await bob.keyboard.press("Escape");
  await expect(alice.getByTestId("member").filter({ hasText: bobUser.name }).getByTestId("admin-badge")).toBeVisible();
  await memberAction(alice, bobUser.name, /^Remove admin$/);
  await expect(bob.getByRole("button", { name: "Study Notes 옵션" })).toHaveCount(0);
  await expect(alice.getByTestId("member").filter({ hasText: bobUser.name }).getByTestId("admin-badge")).toHaveCount(0);
});

test("a kicked member is sent out with a notice and cannot open the channel; a banned member's new link fails; the owner deletes the space", async ({
  alice,
  bob,
  carol,
}) => {
  const bobUser = makeUser("Bob");
  const carolUser = makeUser("Carol");
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, bobUser);
  await signUp(carol, carolUser);
  const channelUrl = await spaceWith(alice, [bob, carol], "Kick club");
  await sendMessage(alice, "welcome");
  await expect(messageBodies(carol).last()).toHaveText("welcome");

  await memberAction(alice, carolUser.name, /^Kick$/);
  await dialog(alice).getByRole("button", { name: "Kick" }).click();
  await expect(carol).toHaveURL(/\/spaces\?/);
  await expect(carol.getByTestId("removed-notice")).toHaveText("You were removed from Kick club.");
  await expect(carol.getByRole("link", { name: "Kick club" })).toHaveCount(0);
  await expect(alice.getByTestId("member-name")).not.toContainText([carolUser.name]);
  await carol.goto(channelUrl);
  await expect(carol.getByText("404")).toBeVisible();
  await expect(carol.getByTestId("message-list")).toHaveCount(0);

  await memberAction(alice, bobUser.name, /^Ban$/);
  await dialog(alice).getByRole("button", { name: "Ban" }).click();
  await expect(bob.getByTestId("removed-notice")).toHaveText("Kick club에서 차단되었어요.");
  await alice.getByRole("button", { name: "Invite people" }).click();
  await expect(alice.getByTestId("invite-link")).toHaveValue(/\/invite\//);
  const fresh = await alice.getByTestId("invite-link").inputValue();
  await alice.keyboard.press("Escape");
  await bob.goto(fresh);
  await expect(bob.getByTestId("invite-banned")).toHaveText("이 스페이스에서 차단되었습니다.");
  // Carol, only kicked, may come back with it
  await carol.goto(fresh);
  await carol.getByRole("main").getByRole("button").click();
  await expect(carol.getByTestId("space-name")).toHaveText("Kick club");

  // The owner sees the ban in the settings, then deletes the space
  await fromSpaceMenu(alice, /^Space settings$/);
  await dialog(alice).getByRole("tab", { name: "Bans" }).click();
  await expect(dialog(alice).getByTestId("ban-list")).toContainText(bobUser.name);
  await alice.keyboard.press("Escape");
  await fromSpaceMenu(alice, /^Delete space$/);
  const confirm = dialog(alice).getByRole("button", { name: "Delete space" });
  await expect(confirm).toBeDisabled();
  await dialog(alice).getByLabel("Type Kick club to confirm").fill("Kick club");
  await confirm.click();
  await expect(alice.getByTestId("removed-notice")).toHaveText("Kick club was deleted.");
  await expect(carol.getByTestId("removed-notice")).toHaveText("Kick club was deleted.");
});

test("a private channel is seen only by its chosen members and the owner; a member leaves on their own", async ({ alice, bob, carol }) => {
  const bobUser = makeUser("Bob");
  const carolUser = makeUser("Carol");
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, bobUser);
  await signUp(carol, carolUser);
  const generalUrl = await spaceWith(alice, [bob, carol], "Secret club");

  await createChannel(alice, { name: "staff", privateFor: [bobUser.name] });
  await expect(channelsIn(bob, null)).toHaveText(["general", "staff"]);
  await openChannel(bob, "staff");
  await sendMessage(bob, "only for staff");
  await expect(messageBodies(bob).last()).toHaveText("only for staff");
  const staffUrl = bob.url();
  await expect(channelsIn(alice, null)).toHaveText(["general", "staff"]);
  await expect(channelsIn(carol, null)).toHaveText(["general"]);
  // Carol's direct visit lands in #general instead
  await carol.goto(staffUrl);
  await expect(carol).toHaveURL(generalUrl);
  await expect(messageBodies(carol)).not.toContainText(["only for staff"]);

  await fromSpaceMenu(carol, /^Leave space$/);
  await dialog(carol).getByRole("button", { name: "Leave" }).click();
  await expect(carol.getByTestId("removed-notice")).toHaveText("You left Secret club.");
  await expect(alice.getByTestId("member-name")).not.toContainText([carolUser.name]);
});

test("the owner has no leave item; a member sees only invite and leave, and no channel menus", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await createSpace(alice, "Plain club");
  await spaceMenu(alice).click();
  await expect(alice.getByRole("menuitem", { name: "Leave space" })).toHaveCount(0);
  await expect(alice.getByRole("menuitem", { name: "Delete space" })).toBeVisible();
  await alice.keyboard.press("Escape");
  await alice.getByRole("button", { name: "Invite people" }).click();
  await expect(alice.getByTestId("invite-link")).toHaveValue(/\/invite\//);
  const invite = await alice.getByTestId("invite-link").inputValue();
  await alice.keyboard.press("Escape");
  await bob.goto(invite);
  await bob.getByRole("main").getByRole("button").click();
  await spaceMenu(bob).click();
  await expect(bob.getByRole("menuitem")).toHaveText(["초대하기", "스페이스 나가기"]);
  await bob.keyboard.press("Escape");
  await expect(bob.getByRole("button", { name: /옵션$/ })).toHaveCount(0);
});
