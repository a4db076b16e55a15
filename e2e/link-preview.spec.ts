import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { newChat, say } from "./chats.pages";
import { channelReady, expect, makeUser, sendMessage, signUp, spaceWith, test } from "./fixtures";

/**
 * A page the test serves itself on 127.0.0.1 (the server may fetch it only because the e2e
 * server runs with the test-only LINK_PREVIEW_ALLOW_HOSTS=127.0.0.1), with OpenGraph tags, a
 * long description and a picture.
 */
let site: Server;
let base = "";
test.beforeAll(async () => {
  const picture = await sharp({ create: { width: 1200, height: 630, channels: 3, background: { r: 234, g: 88, b: 12 } } })
    .png()
    .toBuffer();
  site = createServer((req, res) => {
    if (req.url === "/picture.png") {
      res.writeHead(200, { "content-type": "image/png" });
      return res.end(picture);
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head>
      <title>fallback</title>
      <meta property="og:title" content="알고리즘 스터디 3주차: 그래프 탐색 &amp; 최단 경로">
      <meta property="og:description" content="${"BFS와 DFS, 다익스트라를 함께 풀어 봐요. 준비물은 노트북 하나면 충분합니다. ".repeat(6)}">
      <meta property="og:site_name" content="Moim Study Notes">
      <meta property="og:image" content="/picture.png">
      </head><body>page</body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

test("a link in a message becomes a card the other member sees live and after reload; the author removes it for everyone", async ({
  alice,
  bob,
}, info) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "링크 모음");

  const url = `${base}/week-3`;
  await sendMessage(alice, `이번 주 자료: ${url}`);
  for (const page of [alice, bob]) {
    const card = page.getByTestId("message").last().getByTestId("link-preview");
    await expect(card).toBeVisible();
    await expect(card.getByTestId("link-preview-title")).toHaveText("알고리즘 스터디 3주차: 그래프 탐색 & 최단 경로");
    await expect(card.getByTestId("link-preview-title")).toHaveAttribute("href", url);
    await expect(card).toContainText("Moim Study Notes");
    // The picture comes through the app's own origin and has loaded (the CSP allows only that).
    const img = card.locator("img");
    await expect(img).toHaveAttribute("src", /^\/api\/channels\/[0-9a-f-]{36}\/link-previews\/[0-9a-f]{64}\/image$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1200);
  }
  // Only the author has the ×.
  await expect(bob.getByTestId("link-preview-remove")).toHaveCount(0);
  await expect(alice.getByTestId("link-preview-remove")).toHaveCount(1);

  // After a reload the card is still there (history carries it).
  await bob.reload();
  await channelReady(bob);
  const bobsCard = bob.getByTestId("message").last().getByTestId("link-preview");
  await expect(bobsCard.getByTestId("link-preview-title")).toHaveText("알고리즘 스터디 3주차: 그래프 탐색 & 최단 경로");
  // The description is cut at three lines, not the whole text.
  const description = bobsCard.getByTestId("link-preview-description");
  expect(await description.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await bob.setViewportSize({ width, height });
      await bob.emulateMedia({ colorScheme: scheme });
      await bobsCard.scrollIntoViewIfNeeded();
      await bob.screenshot({ path: info.outputPath(`link-preview-${width}-${scheme}.png`) });
    }
  }
  // The author's view, with the ×.
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await alice.setViewportSize({ width, height });
    await alice.getByTestId("link-preview").scrollIntoViewIfNeeded();
    await alice.screenshot({ path: info.outputPath(`link-preview-author-${width}.png`) });
  }
  await alice.setViewportSize({ width: 1280, height: 800 });
  await bob.emulateMedia({ colorScheme: "light" });
  await bob.setViewportSize({ width: 1280, height: 800 });

  await alice.getByRole("button", { name: "Remove the preview of 알고리즘 스터디 3주차: 그래프 탐색 & 최단 경로" }).click();
  for (const page of [alice, bob]) await expect(page.getByTestId("link-preview")).toHaveCount(0);
  await bob.reload();
  await channelReady(bob);
  await expect(bob.getByTestId("message").last()).toContainText("이번 주 자료");
  await expect(bob.getByTestId("link-preview")).toHaveCount(0);
});

test("in a dm the card sits in the bubble, on the author's side and on the reader's", async ({ alice, bob }, info) => {
  const [a, b] = [makeUser("Alice"), makeUser("Bob")];
  await signUp(alice, a);
  await signUp(bob, b);
  await spaceWith(alice, [bob], "링크 DM");
  const dm = await newChat(alice, [b.name]);
  const url = `${base}/dm-link`;
  await say(alice, `이거 봐: ${url}`);
  await bob.goto(`/chats/${dm}`);
  for (const page of [alice, bob]) {
    const card = page.getByTestId("bubble").last().getByTestId("link-preview");
    await expect(card.getByTestId("link-preview-title")).toHaveText("알고리즘 스터디 3주차: 그래프 탐색 & 최단 경로");
    // The card stays inside its bubble.
    const [bubble, box] = await Promise.all([page.getByTestId("bubble").last().boundingBox(), card.boundingBox()]);
    expect(box!.x + box!.width).toBeLessThanOrEqual(bubble!.x + bubble!.width + 0.5);
    expect(box!.x).toBeGreaterThanOrEqual(bubble!.x - 0.5);
  }
  for (const [name, page] of [
    ["author", alice],
    ["reader", bob],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("link-preview").scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`link-preview-dm-${name}-390.png`) });
  }
});
