import type { Page } from "@playwright/test";
import { a11yViolations, composer, expect, makeUser, signUp, spaceWith, test } from "./fixtures";

const pdf = Buffer.from("%PDF-1.7\n%week three slides\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const NAME = "3주차 슬라이드.pdf";

/** The message row that carries the PDF. */
const pdfMessage = (page: Page) => page.getByTestId("message").filter({ has: page.getByTestId("attachment-file") });

const axe = (page: Page) => a11yViolations(page);

/** Opens a message's action menu as a mouse user does: hover, then "⋯". */
async function openMenu(page: Page, row: ReturnType<typeof pdfMessage>) {
  await row.hover();
  await row.getByTestId("message-toolbar").getByRole("button", { name: /^(More actions|더보기)$/ }).click();
  return page.getByTestId("message-sheet");
}

test("a member pins a PDF from the message menu; the owner finds it in the space's materials, downloads it and jumps to its message", async ({
  alice,
  bob,
}, info) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Study group");
  const channelPath = new URL(alice.url()).pathname;
  const channelId = channelPath.split("/").at(-1)!;

  // Bob (reading Korean) sends the slides and pins them from the message's menu.
  await bob.getByTestId("attach-input").setInputFiles([{ name: NAME, mimeType: "application/pdf", buffer: pdf }]);
  await expect(bob.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(1);
  await composer(bob).fill("3주차 자료입니다");
  await composer(bob).press("Enter");
  const sheet = await openMenu(bob, pdfMessage(bob));
  await sheet.getByRole("button", { name: "자료로 등록" }).click();
  await expect(sheet.getByTestId("material-said")).toHaveText("자료실에 등록했어요");
  await expect(sheet).toBeHidden();

  // A page and more of talk after it, so the jump has to load the history around it.
  await talk([alice, bob], channelId, 55);
  await alice.reload();
  await expect(alice.getByTestId("message-body").last()).toHaveText("later message 54");

  // Alice opens the materials from the channel list.
  await alice.getByTestId("materials-link").click();
  await expect(alice).toHaveURL(/\/materials$/);
  const row = alice.getByTestId("material-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("material-name")).toHaveText(NAME);
  await expect(row).toContainText("Bob");
  await expect(row).toContainText("#general");
  await expect(row.getByRole("img", { name: "File" })).toBeVisible();
  await expect(alice.getByTestId("materials-link")).toHaveAttribute("aria-current", "page");
  await alice.setViewportSize({ width: 1280, height: 800 });
  await alice.screenshot({ path: info.outputPath("materials-en-desktop.png") });
  expect(await axe(alice)).toEqual([]);

  // The download is the file itself.
  const href = await row.getByTestId("material-download").getAttribute("href");
  const file = await alice.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment;/);

  // Bob sees it too, in Korean, on a phone, dark.
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.emulateMedia({ colorScheme: "dark" });
  await bob.goto(channelPath.replace(/[^/]+$/, "materials"));
  await expect(bob.getByTestId("material-name")).toHaveText(NAME);
  await expect(bob.getByRole("heading", { name: "Study group 자료실" })).toBeVisible();
  await bob.screenshot({ path: info.outputPath("materials-ko-phone-dark.png") });
  expect(await axe(bob)).toEqual([]);
  // Bob pinned it, so the list offers him its removal; Alice (the owner) too, below.
  await expect(bob.getByTestId("material-remove")).toHaveAttribute("aria-label", `자료에서 빼기: ${NAME}`);

  // The jump lands on the message, far above the newest, and shows it.
  await row.getByTestId("material-jump").click();
  await expect(alice).toHaveURL(new RegExp(`${channelPath}(\\?|$)`));
  const target = pdfMessage(alice);
  await expect(target).toBeInViewport();
  await expect(target.getByTestId("attachment-file")).toContainText(NAME);
  const pdfId = await fileId(alice);

  // The owner may take it out again; then the materials are empty.
  const ownerSheet = await openMenu(alice, target);
  await ownerSheet.getByRole("button", { name: "Remove from materials" }).click();
  await expect(ownerSheet.getByTestId("material-said")).toHaveText("Removed from materials");
  await alice.getByTestId("materials-link").click();
  await expect(alice.getByTestId("materials-empty")).toBeVisible();
  await alice.screenshot({ path: info.outputPath("materials-en-desktop-empty.png") });

  // Pinned again (by the API this time), it can be taken out from the list itself, and stays out after a reload.
  const pinned = await alice.request.post(`/api/attachments/${pdfId}/material`, { data: {} });
  expect(pinned.status(), await pinned.text()).toBe(200);
  await alice.reload();
  await alice.getByTestId("material-remove").click();
  await expect(alice.getByTestId("material-row")).toHaveCount(0);
  await expect(alice.getByTestId("materials-status")).toHaveText(`“${NAME}” was taken out of the materials`);
  await alice.reload();
  await expect(alice.getByTestId("materials-empty")).toBeVisible();
});

test("a member may not pin someone else's file: the menu offers it only to its uploader and the admins", async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Reading club");
  await alice.getByTestId("attach-input").setInputFiles([{ name: NAME, mimeType: "application/pdf", buffer: pdf }]);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(1);
  await composer(alice).fill("slides");
  await composer(alice).press("Enter");
  await expect(pdfMessage(bob)).toBeVisible();
  const sheet = await openMenu(bob, pdfMessage(bob));
  await expect(sheet.getByRole("button", { name: "답장" })).toBeVisible();
  // The menu asked the server, which said no: the item stays away (and would be refused).
  await expect.poll(async () => (await bob.request.get(`/api/attachments/${await fileId(bob)}/material`)).json()).toMatchObject({ canChange: false });
  await expect(sheet.getByRole("button", { name: "자료로 등록" })).toHaveCount(0);
});

/**
 * `count` messages from these people in turn, by the HTTP API. Each person may send a burst of
 * 10 and then 3 a second (LIMITS.sendPerSecond): a refused send waits a refill and goes again.
 */
async function talk(people: Page[], channelId: string, count: number) {
  for (let i = 0; i < count; i++) {
    const send = () =>
      people[i % people.length]!.request.post(`/api/channels/${channelId}/messages`, {
        data: { clientId: `later-message-${i}`, body: `later message ${i}` },
      });
    let res = await send();
    for (let tries = 0; res.status() === 429 && tries < 10; tries++) {
      await new Promise((refill) => setTimeout(refill, 350)); // pacing to the send limit, not waiting for a state
      res = await send();
    }
    expect(res.status(), await res.text()).toBe(200);
  }
}

/** The attachment id of the PDF on the page, from its download link. */
async function fileId(page: Page): Promise<string> {
  const href = await pdfMessage(page).getByTestId("attachment-file").getAttribute("href");
  return /\/api\/attachments\/([^/?]+)/.exec(href!)![1]!;
}
