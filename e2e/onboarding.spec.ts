import type { Page } from "@playwright/test";
import { PNG, channelLink, channelsIn, createChannel, dialog, fromSpaceMenu } from "./spaces.pages";
import { channelReady, copyInviteLink, expect, makeUser, profileCard, signUp, test, type TestUser } from "./fixtures";

// Onboarding: the invite page for people without an account, names in any script, the first
// channel in the creator's language, and asking before (and undoing after) unfriend and block.

async function spaceWithIcon(page: Page, name: string): Promise<string> {
  await page.goto("/spaces");
  await page.getByLabel(/^(Space icon|스페이스 아이콘)$/).setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: PNG });
  // The form's preview (the list above may already show other spaces' icons).
  await expect(page.locator("#create").getByTestId("space-icon")).toBeVisible();
  await page.getByLabel(/Space name|스페이스 이름/).fill(name);
  await page.getByRole("button", { name: /^(Create|만들기)$/ }).click();
  await expect(page.getByTestId("space-name")).toHaveText(name);
  return copyInviteLink(page);
}

/** The invite page as a visitor without a session sees it: the icon really loads, the name and count show. */
async function expectPreview(page: Page, name: string, members: RegExp) {
  const icon = page.getByRole("main").getByTestId("space-icon");
  await expect(icon).toHaveAttribute("src", /^\/api\/invites\/[\w-]+\/icon$/);
  await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId("invite-space-name")).toHaveText(name);
  await expect(page.getByRole("main")).toContainText(members);
}

test("a visitor without an account sees the space's icon and name, creates an account from the invite and lands in the space", async ({
  alice,
  bob,
}) => {
  await signUp(alice, makeUser("Alice"));
  const name = `Study hall ${Date.now()}`;
  const invite = await spaceWithIcon(alice, name);

  // Bob has no account: the invite speaks Korean to him and offers to make one first.
  await bob.goto(invite);
  await expectPreview(bob, name, /멤버 1명/);
  await expect(bob.getByRole("main")).not.toContainText("Alice"); // the link shows the space, not its people
  await bob.getByRole("link", { name: "계정 만들고 참여하기" }).click();
  await expect(bob).toHaveURL(/\/signup\?callbackUrl=%2Finvite%2F/);
  const bobUser = makeUser("Bob");
  await bob.getByLabel("닉네임").fill(bobUser.name);
  await bob.getByLabel("이메일").fill(bobUser.email);
  await bob.getByLabel("비밀번호").fill(bobUser.password);
  await bob.getByRole("button", { name: "회원가입" }).click();
  await expect(bob).toHaveURL(/\/spaces\/[\w-]+\/[\w-]+$/);
  await expect(bob.getByTestId("space-name")).toHaveText(name);
  await channelReady(bob);

  // The icon is served through a usable invite only; the upload itself still needs a session.
  const code = invite.split("/").pop()!;
  const signedOut = await bob.context().browser()!.newContext();
  expect((await signedOut.request.get(`${new URL(invite).origin}/api/invites/${code}/icon`)).status()).toBe(200);
  expect((await signedOut.request.get(`${new URL(invite).origin}/api/invites/${code}x/icon`)).status()).toBe(404);
  const fileUrl = await alice.getByRole("link", { name }).getByTestId("space-icon").getAttribute("src");
  expect((await signedOut.request.get(`${new URL(invite).origin}${fileUrl}`)).status()).toBe(404);
  // An unknown code says so plainly.
  const stranger = await signedOut.newPage();
  await stranger.goto(`${invite}nope`);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("This invite cannot be used");
  await expect(stranger.getByTestId("invite-invalid")).toHaveText(/invalid, has expired or has been used up/);
  await signedOut.close();
});

test("signing in, or using Kakao, from the invite comes back to it and joins", async ({ alice, carol, bob }) => {
  await signUp(alice, makeUser("Alice"));
  const name = `Reading club ${Date.now()}`;
  const invite = await spaceWithIcon(alice, name);

  // Carol has an account but is signed out.
  const carolUser: TestUser = makeUser("Carol");
  await signUp(carol, carolUser);
  // Off the app first: a page of the app still open when its cookie goes may refresh into the
  // sign-in page (its own, signed-out, redirect) after the invite has begun to load.
  await carol.goto("about:blank");
  await carol.context().clearCookies();
  await carol.goto(invite);
  await expectPreview(carol, name, /1 member/);
  await carol.getByRole("link", { name: "Sign in and join" }).click();
  await carol.getByLabel("Email").fill(carolUser.email);
  await carol.getByLabel("Password").fill(carolUser.password);
  await carol.getByRole("button", { name: /^Sign in$/ }).click();
  await expect(carol.getByTestId("space-name")).toHaveText(name);

  // Bob uses Kakao (the e2e stand-in) straight from the invite.
  await bob.goto(invite);
  await expectPreview(bob, name, /멤버 2명/);
  await bob.getByRole("button", { name: "카카오로 참여하기" }).click();
  await bob.getByRole("button", { name: /카카오민지/ }).click();
  await expect(bob.getByTestId("space-name")).toHaveText(name);

  // A link alone never joins: signed in, opening an invite waits for "Join".
  const other = `Other ${Date.now()}`;
  const secondInvite = await spaceWithIcon(alice, other);
  await carol.goto(secondInvite);
  await expect(carol.getByRole("button", { name: `Join ${other}` })).toBeVisible();
  await expect(carol).toHaveURL(secondInvite);
});

test("a Korean creator's first channel is 일반, and channel names keep Hangul and spaces", async ({ bob, alice }) => {
  await signUp(bob, makeUser("Bob"));
  await bob.goto("/spaces");
  await bob.getByLabel("스페이스 이름").fill("  알고리즘   스터디 ");
  await bob.getByRole("button", { name: "만들기" }).click();
  await expect(bob.getByTestId("space-name")).toHaveText("알고리즘 스터디");
  await expect(channelsIn(bob, null)).toHaveText(["일반"]);

  // A channel named in Korean with spaces: kept as typed (spaces collapsed), opened by id.
  await fromSpaceMenu(bob, /^채널 만들기$/);
  await dialog(bob).getByLabel("채널 이름").fill("공부 방   모임 ");
  await expect(dialog(bob)).toContainText("공부 방 모임");
  await dialog(bob).getByRole("button", { name: "만들기" }).click();
  await expect(channelsIn(bob, null)).toHaveText(["일반", "공부 방 모임"]);
  await channelLink(bob, "공부 방 모임").click();
  await expect(bob).toHaveURL(/\/spaces\/[\w-]+\/[0-9a-f-]{36}$/);
  await expect(bob.getByRole("textbox", { name: /공부 방 모임/ })).toBeVisible();
  // A name hiding a direction override is refused in the form, in words.
  await fromSpaceMenu(bob, /^채널 만들기$/);
  await dialog(bob).getByLabel("채널 이름").fill("gnp\u202Eexe");
  await expect(dialog(bob)).toContainText("이름에는 제어 문자나 글자 방향 기호를 쓸 수 없어요.");
  await expect(dialog(bob).getByRole("button", { name: "만들기" })).toBeDisabled();
  await bob.keyboard.press("Escape");

  // An English creator's is "general".
  await signUp(alice, makeUser("Alice"));
  await alice.goto("/spaces");
  await alice.getByLabel("Space name").fill("Book club");
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await expect(channelsIn(alice, null)).toHaveText(["general"]);
  await createChannel(alice, { name: "Study Notes" });
  await expect(channelsIn(alice, null)).toHaveText(["general", "Study Notes"]);
});

async function befriend(a: Page, b: Page, bUser: TestUser) {
  const found = await (await a.request.get(`/api/users/search?q=${encodeURIComponent(bUser.email)}`)).json();
  const bId = found.users[0].id as string;
  expect((await a.request.post("/api/friends/requests", { data: { userId: bId } })).ok()).toBe(true);
  const me = await (await a.request.get("/api/friends")).json();
  expect(me.ok).toBe(true);
  const aId = (await (await b.request.get("/api/friends")).json()).overview.incoming[0].id as string;
  expect((await b.request.post(`/api/friends/requests/${aId}/accept`, { data: {} })).ok()).toBe(true);
}

function friendRow(page: Page, name: string) {
  return page.getByTestId("friend-list").getByTestId("person").filter({ hasText: name });
}

test("unfriend and block ask first, then offer Undo, which really puts things back for both", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  const bobUser = makeUser("Bob");
  await signUp(bob, bobUser);
  await befriend(alice, bob, bobUser);
  await alice.goto("/friends");
  await bob.goto("/friends");
  await expect(friendRow(bob, "Alice")).toBeVisible();

  // Unfriend: cancelling the confirm changes nothing.
  await friendRow(alice, "Bob").getByRole("button", { name: "Bob" }).click();
  await profileCard(alice).getByRole("button", { name: "Remove friend" }).click();
  const confirm = alice.getByRole("dialog", { name: "Remove Bob from your friends?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(profileCard(alice).getByTestId("friend-state")).toHaveText("Friends");

  // Confirmed: the card closes, the friendship is gone for both, and a toast offers Undo.
  await profileCard(alice).getByRole("button", { name: "Remove friend" }).click();
  await confirm.getByRole("button", { name: "Remove friend" }).click();
  await expect(profileCard(alice)).toHaveCount(0);
  const toast = alice.getByRole("region", { name: /Notifications/ }).getByRole("listitem").filter({ hasText: "Bob is no longer your friend." });
  await expect(toast).toBeVisible();
  await expect(friendRow(alice, "Bob")).toHaveCount(0);
  await expect(friendRow(bob, "Alice")).toHaveCount(0);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(alice.getByText("Bob is your friend again.")).toBeVisible();
  await expect(friendRow(alice, "Bob")).toBeVisible();
  await expect(friendRow(bob, "Alice")).toBeVisible(); // restored on the server, without Bob asking again

  // Block: asked first, then undone: unblocked and still friends.
  await friendRow(alice, "Bob").getByRole("button", { name: "Bob" }).click();
  await profileCard(alice).getByRole("button", { name: "Block" }).click();
  await alice.getByRole("dialog", { name: "Block Bob?" }).getByRole("button", { name: "Block" }).click();
  await expect(friendRow(alice, "Bob")).toHaveCount(0);
  await expect(friendRow(bob, "Alice")).toHaveCount(0);
  await alice.getByRole("listitem").filter({ hasText: "You blocked Bob." }).getByRole("button", { name: "Undo" }).click();
  await expect(alice.getByText("Bob is no longer blocked.")).toBeVisible();
  await expect(friendRow(alice, "Bob")).toBeVisible();
  await expect(friendRow(bob, "Alice")).toBeVisible();
  await friendRow(alice, "Bob").getByRole("button", { name: "Bob" }).click();
  await expect(profileCard(alice).getByTestId("friend-state")).toHaveText("Friends");
});
