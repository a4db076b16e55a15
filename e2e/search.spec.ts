import { channelReady, expect, makeUser, signUp, socketOf, spaceWith, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function sendAll(socket: Awaited<ReturnType<typeof socketOf>>, channelId: string, bodies: string[], tag: string) {
  for (const [k, body] of bodies.entries()) {
    for (;;) {
      const ack = await socket.timeout(5000).emitWithAck("message:send", { channelId, clientId: `${tag}-${k}-xxxxxxxx`, body });
      if (ack.ok) break;
      await new Promise((r) => setTimeout(r, 350)); // rate_limited: wait for a token
    }
  }
}

test("search finds Korean substrings in both languages, with filters and highlights, and a result far back opens in place", async ({ alice, bob, baseURL }, info) => {
  test.setTimeout(120_000);
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  const channelUrl = await spaceWith(alice, [bob], "Study group");
  const channelId = channelUrl.split("/").at(-1)!;
  const [a, b] = await Promise.all([socketOf(alice, baseURL!), socketOf(bob, baseURL!)]);
  // The first message is far back: more than three pages of chatter come after it.
  await sendAll(b, channelId, ["지난주과제 제출했어요 https://moim.test/hw"], "first");
  await Promise.all([
    sendAll(a, channelId, Array.from({ length: 80 }, (_, k) => `chatter a${k}`), "a"),
    sendAll(b, channelId, Array.from({ length: 80 }, (_, k) => `chatter b${k}`), "b"),
  ]);
  await sendAll(a, channelId, ["과제물 어디에 올려요?"], "last");
  a.close();
  b.close();

  // English, desktop: Enter searches this channel; both substrings are found, newest first.
  await alice.goto(channelUrl);
  await channelReady(alice);
  await alice.keyboard.press("Control+f");
  await expect(alice.getByTestId("search-input")).toBeFocused();
  await alice.keyboard.type("과제");
  await alice.keyboard.press("Enter");
  const hits = alice.getByTestId("search-hit");
  await expect(hits).toHaveCount(2);
  await expect(alice.getByTestId("search-status")).toHaveText("2 results");
  await expect(hits.nth(0)).toContainText("과제물 어디에 올려요?");
  await expect(hits.nth(1)).toContainText("지난주과제 제출했어요");
  await expect(hits.nth(1).locator("mark")).toHaveText("과제");
  await alice.screenshot({ path: info.outputPath("search-en-desktop.png") });

  // Filters: from Bob, and has a link, each narrow to the first message.
  await alice.getByTestId("search-from").selectOption({ label: "Bob" });
  await alice.getByRole("button", { name: "Search", exact: true }).click();
  await expect(hits).toHaveCount(1);
  await alice.getByTestId("search-from").selectOption({ label: "Anyone" });
  await alice.getByTestId("search-has-link").check();
  await alice.getByRole("button", { name: "Search", exact: true }).click();
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText("moim.test");
  // A reversed date range is refused with words that say so.
  await alice.getByTestId("search-after").fill("2030-01-02");
  await alice.getByTestId("search-before").fill("2030-01-01");
  await alice.getByRole("button", { name: "Search", exact: true }).click();
  await expect(alice.getByTestId("search-status")).toContainText("Check the dates");
  await alice.getByTestId("search-after").fill("");
  await alice.getByTestId("search-before").fill("");

  // Choosing the result (keyboard) opens the message in place, far back, with a way back to the present.
  await alice.getByRole("button", { name: "Search", exact: true }).click();
  await expect(hits).toHaveCount(1);
  await hits.first().focus();
  await alice.keyboard.press("Enter");
  const target = alice.getByTestId("message").filter({ hasText: "지난주과제 제출했어요" });
  await expect(target).toBeInViewport();
  await expect(alice.getByTestId("jump-to-latest")).toBeVisible();
  await alice.getByTestId("jump-to-latest").click();
  await expect(alice.getByTestId("message").last()).toContainText("과제물 어디에 올려요?");

  // Korean, phone, dark: everywhere, the results fill the screen.
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.emulateMedia({ colorScheme: "dark" });
  await bob.goto(channelUrl);
  await channelReady(bob);
  // The box is an icon here until used, and opens out when it has the focus.
  expect((await bob.getByTestId("search-box").boundingBox())!.width).toBeLessThanOrEqual(40);
  await bob.getByTestId("search-box").click();
  await expect(bob.getByTestId("search-input")).toBeFocused();
  await expect.poll(async () => (await bob.getByTestId("search-box").boundingBox())!.width).toBeGreaterThan(150);
  await bob.getByTestId("search-input").fill("주과제");
  await bob.getByTestId("search-input").press("Enter");
  await bob.getByTestId("search-scope").selectOption("everywhere");
  await bob.getByRole("button", { name: "검색", exact: true }).click();
  await expect(bob.getByTestId("search-hit")).toHaveCount(1);
  await expect(bob.getByTestId("search-status")).toHaveText("결과 1개");
  await expect(bob.getByTestId("search-hit").locator("mark")).toHaveText("주과제");
  await bob.screenshot({ path: info.outputPath("search-ko-phone-dark.png") });
  await bob.getByTestId("search-hit").click();
  await expect(bob.getByTestId("message").filter({ hasText: "지난주과제 제출했어요" })).toBeInViewport();
});
