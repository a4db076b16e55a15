import type { Locator, Page } from "@playwright/test";
import { chatComposer, chatRow, newChat, say, systemLines } from "./chats.pages";
import { composer, expect, makeUser, signUp, spaceWith, test } from "./fixtures";
import { channelLink, createChannel } from "./spaces.pages";
import { joinRoom } from "./video.pages";

// KakaoTalk habits in dms and groups (issue 10, point 8) and the chat beside a video channel's
// call (point 9).

/** The message whose own text (not a quote of it) contains `text`. */
function row(page: Page, text: string) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-body").filter({ hasText: text }) });
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, "on screen").not.toBeNull();
  return b!;
}

/** Own bubble flush right with "unread by N" just left of it; the other's bubble on the left under their name. */
async function expectKakaoLayout(page: Page, mine: string, theirs: string, theirName: string, unread: string) {
  const list = await box(page.getByTestId("message-list"));
  const own = row(page, mine);
  await expect(own).toHaveAttribute("data-mine", "true");
  await expect(own.getByTestId("message-author")).toHaveCount(0);
  const ownBubble = await box(own.getByTestId("bubble"));
  const other = row(page, theirs);
  await expect(other.getByTestId("message-author")).toHaveText(theirName);
  const otherBubble = await box(other.getByTestId("bubble"));

  // Mine ends at the list's right edge (its padding and the scrollbar aside); theirs starts
  // after the avatar on the left.
  expect(list.x + list.width - (ownBubble.x + ownBubble.width)).toBeLessThan(40);
  expect(ownBubble.x - list.x).toBeGreaterThan(list.width / 2);
  expect(otherBubble.x - list.x).toBeGreaterThan(40);
  expect(otherBubble.x - list.x).toBeLessThan(90);
  expect(otherBubble.x + otherBubble.width).toBeLessThan(ownBubble.x + ownBubble.width - 40);

  const count = own.getByTestId("unread-by");
  await expect(count).toHaveText(unread);
  const countBox = await box(count);
  expect(countBox.x + countBox.width).toBeLessThanOrEqual(ownBubble.x + 1);
  expect(ownBubble.x - (countBox.x + countBox.width)).toBeLessThan(16);
  expect(countBox.y).toBeGreaterThanOrEqual(ownBubble.y - 1);
  expect(countBox.y + countBox.height).toBeLessThanOrEqual(ownBubble.y + ownBubble.height + 1);
  // The time sits beside the bubble too.
  await expect(own.getByTestId("bubble-meta").locator("time")).toBeVisible();
}

test("in a group your messages are bubbles on the right with unread-by beside them, others' on the left under their name; the default title leaves you out; a mention of you previews with your name", async ({
  alice,
  bob,
  carol,
}) => {
  test.setTimeout(180_000); // three browsers on two shared cores (about a minute when the machine is quiet)
  const [a, b, c] = [makeUser("Alice"), makeUser("Bob"), makeUser("Carol")];
  await signUp(alice, a);
  await signUp(bob, b);
  await signUp(carol, c);
  await spaceWith(alice, [bob, carol], "Kakao club");

  // An unnamed group: each member sees it titled after the others.
  await newChat(alice, [b.name, c.name]);
  await expect(alice.getByTestId("conversation-title")).toHaveText(`${b.name}, ${c.name}`);
  await expect(chatRow(alice, `${b.name}, ${c.name}`)).toBeVisible();
  await expect(systemLines(alice).first()).toHaveText(`${a.name} created the group`);
  await say(alice, "주말에 등산 갈래요?");

  await bob.goto("/chats");
  await expect(chatRow(bob, `${a.name}, ${c.name}`)).toBeVisible();
  await chatRow(bob, `${a.name}, ${c.name}`).click();
  await expect(bob.getByTestId("conversation-title")).toHaveText(`${a.name}, ${c.name}`);
  await expect(systemLines(bob).first()).toHaveText(`${a.name}님이 채팅방을 만들었습니다.`);
  // Bob mentions Alice.
  await chatComposer(bob).pressSequentially("@Ali");
  await expect(bob.getByRole("option", { name: `@${a.name}` })).toBeVisible();
  await chatComposer(bob).press("Enter");
  await chatComposer(bob).pressSequentially("좋아요, 토요일 9시 어때요?");
  await chatComposer(bob).press("Enter");

  // Alice's chat list previews the mention of her by her name.
  await expect(chatRow(alice, `${b.name}, ${c.name}`).getByTestId("conversation-preview")).toHaveText(`@${a.name} 좋아요, 토요일 9시 어때요?`);
  await expect(row(alice, "토요일 9시")).toBeVisible();
  // Bob read hers, Carol has not: 1.
  await expectKakaoLayout(alice, "주말에 등산", "토요일 9시", b.name, "1");
  await expect(row(bob, "주말에 등산").getByTestId("message-author")).toHaveText(a.name);

  // The same on a phone.
  await alice.setViewportSize({ width: 390, height: 844 });
  await expectKakaoLayout(alice, "주말에 등산", "토요일 9시", b.name, "1");

  // Carol's title, too, is the others; once she reads, the number goes.
  await carol.goto("/chats");
  await expect(chatRow(carol, `${a.name}, ${b.name}`).getByTestId("conversation-preview")).toHaveText(`@${a.name} 좋아요, 토요일 9시 어때요?`);
  await chatRow(carol, `${a.name}, ${b.name}`).click();
  await expect(row(carol, "토요일 9시")).toBeVisible();
  await expect(row(alice, "주말에 등산").getByTestId("unread-by")).toHaveCount(0);
});

test("call notices are worded from the reader's side: the caller sees a canceled call or its length, the callee a missed call from the caller, in English and Korean", async ({
  alice,
  bob,
}) => {
  test.setTimeout(150_000); // three calls with fake cameras, on two shared cores
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a); // en
  await signUp(bob, b); // ko
  await spaceWith(alice, [bob], "Call club");
  await newChat(alice, [b.name]);
  await say(alice, "전화해도 돼?");
  await newChat(bob, [a.name]);

  const call = (page: Page) => page.getByRole("button", { name: /^(Start a call|통화 시작)$/ }).click();
  const leave = (page: Page) => page.getByRole("button", { name: /^(Leave|나가기)$/ }).click();

  // Alice calls; Bob lets it ring; Alice gives up.
  await call(alice);
  await joinRoom(alice);
  await expect(bob.getByTestId("incoming-call")).toContainText(a.name);
  await leave(alice);
  await expect(systemLines(alice).last()).toHaveText("Canceled call");
  await expect(systemLines(bob).last()).toHaveText(`${a.name}님의 부재중 통화`);
  await expect(chatRow(bob, a.name).getByTestId("conversation-preview")).toHaveText(`${a.name}님의 부재중 통화`);
  await expect(bob.getByTestId("incoming-call")).toHaveCount(0);

  // Bob calls back; Alice does not answer.
  await call(bob);
  await joinRoom(bob);
  await expect(alice.getByTestId("incoming-call")).toContainText(b.name);
  await leave(bob);
  await expect(systemLines(bob).last()).toHaveText("취소된 통화");
  await expect(systemLines(alice).last()).toHaveText(`Missed call from ${b.name}`);
  await expect(chatRow(alice, b.name).getByTestId("conversation-preview")).toHaveText(`Missed call from ${b.name}`);
  // Nobody ever reads of a missed call from themselves.
  await expect(alice.getByText(`Missed call from ${a.name}`)).toHaveCount(0);
  await expect(bob.getByText(`${b.name}님의 부재중 통화`)).toHaveCount(0);

  // Answered: both read how long it lasted. (Alice's room still offers "Join again".)
  await joinRoom(alice);
  await bob.getByTestId("incoming-call").getByRole("button", { name: /^(Join|참여)$/ }).click();
  await joinRoom(bob);
  await expect(alice.getByTestId("video-tile")).toHaveCount(2);
  await leave(bob);
  await leave(alice);
  await expect(systemLines(alice).last()).toHaveText(/^Call ended · 0:\d\d$/);
  await expect(systemLines(bob).last()).toHaveText(/^통화 종료 · 0:\d\d$/);
});

test("a video channel has its own text chat beside the call: sent and received before and during a call, on a desktop side by side and on a phone behind a Chat tab", async ({
  alice,
  bob,
}) => {
  test.setTimeout(120_000); // two browsers in a call, on two shared cores
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Study hall");
  await createChannel(alice, { name: "Study Room", kind: "Video" });
  await alice.setViewportSize({ width: 1440, height: 900 });
  await bob.setViewportSize({ width: 390, height: 844 });
  await channelLink(alice, "Study Room").click();
  await expect(alice.getByTestId("prejoin")).toBeVisible();
  await bob.goto(alice.url()); // on a phone the channel list is a drawer: the link is as good

  // Before the call: Alice's chat sits beside the pre-join screen.
  const paneA = alice.getByTestId("video-chat");
  await expect(alice.getByTestId("prejoin")).toBeVisible();
  await expect(paneA.getByTestId("message-list")).toHaveAttribute("data-state", "ready");
  const prejoin = await box(alice.getByTestId("prejoin"));
  const pane = await box(paneA);
  expect(pane.x).toBeGreaterThanOrEqual(prejoin.x + prejoin.width);
  // At 1440 px the call has the room (the chat a fixed column, the member list behind its
  // button), and folding the chat away gives it the whole width.
  const call = alice.getByTestId("video-call");
  expect((await box(call)).width).toBeGreaterThanOrEqual(760);
  expect(pane.width).toBe(320);
  await alice.getByRole("button", { name: "Hide chat" }).click();
  await expect(paneA).toBeHidden();
  expect((await box(call)).width).toBeGreaterThanOrEqual(1080);
  await alice.getByRole("button", { name: "Show chat" }).click();
  await expect(paneA).toBeVisible();
  await composer(alice).fill("Anyone studying tonight?");
  await composer(alice).press("Enter");

  // Bob's phone shows the call first; the Chat tab brings the chat, with Alice's message.
  const paneB = bob.getByTestId("video-chat");
  await expect(paneB).toBeHidden();
  await bob.getByTestId("video-chat-tab").click();
  await expect(paneB.getByTestId("message-body")).toHaveText(["Anyone studying tonight?"]);
  await expect(bob.getByTestId("prejoin")).toBeHidden();

  // Alice joins with her camera off; Bob answers in the chat; she reads it during the call.
  await alice.getByRole("button", { name: "Turn camera off" }).click();
  await joinRoom(alice);
  await composer(bob).fill("저 지금 들어갈게요");
  await composer(bob).press("Enter");
  await expect(paneA.getByTestId("message-body")).toHaveText(["Anyone studying tonight?", "저 지금 들어갈게요"]);
  await expect(alice.getByTestId("video-room")).toBeVisible();

  // Bob joins from the Call tab; the chat keeps going beside the call.
  await bob.getByRole("button", { name: "통화", exact: true }).click();
  await joinRoom(bob);
  await expect(alice.getByTestId("video-tile")).toHaveCount(2);
  await composer(alice).fill("See you in there");
  await composer(alice).press("Enter");
  await bob.getByTestId("video-chat-tab").click();
  await expect(paneB.getByTestId("message-body").last()).toHaveText("See you in there");
  await bob.getByRole("button", { name: "통화", exact: true }).click();
  await expect(bob.getByTestId("video-room")).toBeVisible();
});
