import { channelReady, composer, copyInviteLink, createSpace, expect, fetchRouted, makeUser, messageBodies, sendMessage, signUp, spaceWith, test } from "./fixtures";
import { channelLink, createChannel } from "./spaces.pages";

test("typing shows for the others and clears when the message arrives", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Typing club");

  await composer(alice).pressSequentially("Hello th");
  await expect(bob.getByTestId("typing")).toHaveText("Alice님이 입력 중…");
  await composer(alice).press("Enter");
  await expect(messageBodies(bob).last()).toHaveText("Hello th");
  await expect(bob.getByTestId("typing")).toHaveText("");
});

test("'unread by N' goes from 2 to 1 to gone as the others read, and a late reader sees the new-messages divider", async ({
  alice,
  bob,
  carol,
}) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await signUp(carol, makeUser("Carol"));
  const channelUrl = await spaceWith(alice, [bob, carol], "Read club");
  await sendMessage(alice, "before you left");
  await expect(messageBodies(bob).last()).toHaveText("before you left");
  await expect(messageBodies(carol).last()).toHaveText("before you left");

  // Bob and Carol step away from the channel
  await bob.goto("/spaces");
  await carol.goto("/spaces");
  await sendMessage(alice, "did you read this?");
  const unread = alice.getByTestId("message").filter({ hasText: "did you read this?" }).getByTestId("unread-by");
  await expect(unread).toHaveText("2");
  await expect(alice.getByTestId("new-divider")).toHaveCount(0); // what arrives while watching is not "new"

  await bob.goto(channelUrl);
  await expect(messageBodies(bob).last()).toHaveText("did you read this?");
  await expect(bob.getByTestId("new-divider")).toBeVisible();
  await expect(unread).toHaveText("1");

  await carol.goto(channelUrl);
  await expect(messageBodies(carol).last()).toHaveText("did you read this?");
  await expect(unread).toHaveCount(0);
  // everyone has read the first one too
  await expect(alice.getByTestId("unread-by")).toHaveCount(0);
});

test("a message typed while the connection is down is sent once it returns, exactly once", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Offline club");

  await alice.context().setOffline(true);
  await sendMessage(alice, "sent **while** offline");
  await expect(alice.getByTestId("pending-message")).toContainText("Sending…");
  // Waiting, it looks as it will once stored: markdown rendered, not its raw asterisks.
  await expect(alice.getByTestId("pending-body").locator("strong")).toHaveText("while");
  await expect(alice.getByTestId("pending-body")).toHaveText("sent while offline");
  await sendMessage(bob, "meanwhile, Bob talks");
  await alice.context().setOffline(false);

  await expect(messageBodies(bob)).toHaveText(["meanwhile, Bob talks", "sent while offline"]);
  await expect(messageBodies(alice)).toHaveText(["meanwhile, Bob talks", "sent while offline"]);
  await expect(alice.getByTestId("pending-message")).toHaveCount(0);
  await alice.reload();
  await expect(messageBodies(alice)).toHaveText(["meanwhile, Bob talks", "sent while offline"]);
});

test("a member's presence dot shows online, and offline once they close their page", async ({ alice, bob }) => {
  const b = makeUser("Bob");
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Presence club");

  const bobRow = alice.getByTestId("member").filter({ hasText: b.name });
  await expect(bobRow).toHaveAttribute("data-status", "online");
  await expect(bobRow.getByRole("img", { name: "Online" })).toBeVisible();
  await bob.close();
  await expect(bobRow).toHaveAttribute("data-status", "offline");
});

test("unread badges count messages in another space live, and clear when it is opened", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  const clubUrl = await spaceWith(alice, [bob], "Badge club");
  await createSpace(bob, "Bob's own space"); // Bob now looks at another space

  const badge = bob.getByRole("link", { name: "Badge club" }).locator("..").getByTestId("space-unread");
  await expect(badge).toHaveCount(0);
  await sendMessage(alice, "one");
  await expect(badge).toHaveText("1");
  await sendMessage(alice, "two");
  await expect(badge).toHaveText("2");

  await bob.getByRole("link", { name: "Badge club" }).click();
  await expect(bob).toHaveURL(clubUrl);
  await expect(messageBodies(bob)).toHaveText(["one", "two"]);
  await expect(bob.getByTestId("space-unread")).toHaveCount(0);
  // and after a reload the server agrees: nothing unread anywhere
  await bob.goto("/spaces");
  await expect(bob.getByTestId("space-unread")).toHaveCount(0);
});

test("a page read again that started before a message and a join lands after them without undoing the unread count or the new member", async ({
  alice,
  bob,
  carol,
}) => {
  test.slow(); // three users on two shared cores
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  const carolUser = makeUser("Carol");
  await signUp(carol, carolUser);
  await spaceWith(alice, [bob], "Race");
  await createChannel(alice, { name: "three" });
  await expect(channelLink(alice, "general")).toHaveAttribute("aria-current", "page");
  const invite = await copyInviteLink(alice);
  await bob.reload();
  await channelLink(bob, "three").click();
  await expect(channelLink(bob, "three")).toHaveAttribute("aria-current", "page");
  await channelReady(bob);

  // Alice's page re-reads itself after every change to the space. Hold that read's answer: the
  // server writes it now, before Bob's message and Carol's join; the page gets it after them.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let answered!: () => void;
  const heldAnswer = new Promise<void>((resolve) => (answered = resolve));
  await alice.route("**/spaces/**", async (route) => {
    if (route.request().headers()["rsc"] !== "1") return route.fallback();
    const response = await fetchRouted(route);
    answered();
    await released;
    await route.fulfill({ response });
  });
  const otherTab = await alice.context().newPage();
  await otherTab.goto(alice.url());
  await createChannel(otherTab, { name: "four" }); // space:changed: Alice's first tab re-reads
  await heldAnswer;

  await sendMessage(bob, "over here");
  await expect(channelLink(alice, "three").getByTestId("unread-badge")).toHaveText("1");
  await carol.goto(invite);
  await carol.getByRole("main").getByRole("button").click();
  await expect(carol.getByTestId("space-name")).toHaveText("Race");
  await expect(alice.getByTestId("member-name").filter({ hasText: carolUser.name })).toBeVisible();

  release();
  await expect(channelLink(alice, "four")).toBeVisible(); // the held page has landed
  await expect(channelLink(alice, "three").getByTestId("unread-badge")).toHaveText("1");
  await expect(alice.getByTestId("member-name").filter({ hasText: carolUser.name })).toBeVisible();
  await otherTab.close();
});
