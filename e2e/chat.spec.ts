import { PROTOCOL_VERSION } from "@/lib/realtime/contract";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { channelLink, createChannel } from "./spaces.pages";
import { alertIn, composer, copyInviteLink, createSpace, expect, makeUser, messageBodies, sendMessage, signUp, test, UI_ONLY } from "./fixtures";

test("two users meet through an invite link and chat live both ways, and history survives a reload", async ({ alice, bob }) => {
  const a = makeUser("Alice");
  const b = makeUser("Bob");
  await signUp(alice, a);
  await signUp(bob, b);

  await createSpace(alice, "Study Club");
  const invite = await copyInviteLink(alice);

  await bob.goto(invite);
  await expect(bob.getByTestId("invite-space-name")).toHaveText("Study Club");
  await bob.getByRole("button", { name: "Study Club 참여하기" }).click();
  await expect(bob.getByTestId("space-name")).toHaveText("Study Club");

  // both see each other in the member list (Alice's updates live)
  await expect(bob.getByTestId("member-list")).toContainText(a.name);
  await expect(bob.getByTestId("member-list")).toContainText(b.name);
  await expect(alice.getByTestId("member-list")).toContainText(b.name);

  await sendMessage(alice, "Hi Bob! 안녕하세요 👋");
  await expect(messageBodies(bob).last()).toHaveText("Hi Bob! 안녕하세요 👋");
  await sendMessage(bob, "반가워요, Alice");
  await expect(messageBodies(alice).last()).toHaveText("반가워요, Alice");
  await sendMessage(alice, "Line one\nline two");
  await expect(messageBodies(bob).last()).toHaveText("Line one\nline two");

  const expected = ["Hi Bob! 안녕하세요 👋", "반가워요, Alice", "Line one\nline two"];
  await expect(messageBodies(alice)).toHaveText(expected);
  await expect(messageBodies(bob)).toHaveText(expected);

  await alice.reload();
  await bob.reload();
  await expect(messageBodies(alice)).toHaveText(expected);
  await expect(messageBodies(bob)).toHaveText(expected);
  await expect(composer(bob)).toBeVisible();
});

test("an invalid invite says so", async ({ alice }) => {
  await signUp(alice, makeUser("Alice"));
  await alice.goto("/invite/not-a-real-code");
  await expect(alice.getByRole("heading", { level: 1 })).toHaveText("This invite cannot be used");
  await expect(alertIn(alice)).toHaveText("This invite link is invalid, has expired or has been used up. Ask for a new one.");
});

test("a socket without a session, or from another origin, is refused", async ({ alice, baseURL }) => {
  await alice.goto("/signin");
  // No session cookie: the handshake is refused with "unauthorized".
  const anonymous = await alice.evaluate(async (protocol) => {
    const res = await fetch("/socket.io/?EIO=4&transport=polling");
    const open = await res.text();
    const sid = JSON.parse(open.slice(1)).sid as string;
    await fetch(`/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: "POST", body: `40${JSON.stringify({ protocol })}` });
    return (await fetch(`/socket.io/?EIO=4&transport=polling&sid=${sid}`)).text();
  }, PROTOCOL_VERSION);
  expect(anonymous).toContain('"message":"unauthorized"');

  // Another origin: refused before any session is looked at.
  const foreign = await alice.request.get(`${baseURL}/socket.io/?EIO=4&transport=polling`, { headers: { origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
});

test("on a phone the message box's placeholder stays one line, ending in an ellipsis, in Korean and in English", UI_ONLY, async ({ alice }) => {
  const channel = "토요일 북한산 등산 코스 정하기";
  await signUp(alice, makeUser("Hiker"));
  await createSpace(alice, "주말 등산 모임");
  await createChannel(alice, { name: channel });
  await channelLink(alice, channel).click();
  await expect(channelLink(alice, channel)).toHaveAttribute("aria-current", "page");
  await alice.setViewportSize({ width: 390, height: 844 });
  for (const [lang, label] of [
    ["ko", `#${channel}에 메시지 보내기`],
    ["en", `Message #${channel}`],
  ] as const) {
    await alice.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: alice.url() }]);
    await alice.reload();
    const box = composer(alice);
    await expect(box).toHaveAttribute("placeholder", label);
    // One line: an empty box is as high as the send button, not two lines of placeholder.
    expect((await box.boundingBox())!.height).toBeLessThanOrEqual(36);
    // What is drawn: the placeholder text on one line, cut with "…" (it is wider than the box).
    const shown = alice.getByTestId("composer-placeholder");
    await expect(shown).toHaveText(label);
    expect(await shown.evaluate((el) => [getComputedStyle(el).textOverflow, el.scrollWidth > el.clientWidth])).toEqual(["ellipsis", true]);
    expect((await shown.boundingBox())!.height).toBeLessThanOrEqual(24);
    // Typing still grows the box for a second line.
    await box.fill("첫 줄\n둘째 줄");
    expect((await box.boundingBox())!.height).toBeGreaterThan(40);
    await expect(shown).toHaveCount(0);
    await box.fill("");
  }
});
