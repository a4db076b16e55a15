import sharp from "sharp";
import type { Page } from "@playwright/test";
import { composer, expect, makeUser, signUp, spaceWith, test } from "./fixtures";

/** A photo as a phone would send it (a JPEG), and other files as their first bytes say they are. */
const photo = (width: number, height: number, r: number) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
const pdf = Buffer.from("%PDF-1.7\n%study notes\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const mp4 = () => {
  const bytes = Buffer.alloc(64 * 1024);
  Buffer.from([0, 0, 0, 0x20, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2avc1mp41")]).copy(bytes);
  return bytes;
};

/** Puts files on the page's clipboard event or drop, as the browser would hand them over. */
async function handOver(page: Page, how: "paste" | "drop", files: Array<{ name: string; type: string; bytes: Buffer }>) {
  await page.evaluate(
    ({ how, files }) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      if (how === "paste") {
        const box = document.querySelector("[data-composer]")!;
        box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
      } else {
        const target = document.querySelector('[data-testid="composer"]')!;
        target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { how, files: files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString("base64") })) },
  );
}

const uploads = (page: Page) => page.getByTestId("composer-upload");
const lastMessage = (page: Page) => page.getByTestId("message").last();

test("photos, a video and a PDF go out by the attach button, a paste and a drop; the other member sees them live and after reload, and a stranger's request is refused", async ({
  alice,
  bob,
  carol,
}) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await signUp(carol, makeUser("Carol"));
  await spaceWith(alice, [bob], "자료 공유");

  // The attach button: a photo and a PDF, with a caption.
  await alice.getByTestId("attach-input").setInputFiles([
    { name: "칠판.jpg", mimeType: "image/jpeg", buffer: await photo(1200, 900, 40) },
    { name: "3주차 정리.pdf", mimeType: "application/pdf", buffer: pdf },
  ]);
  await expect(uploads(alice)).toHaveCount(2);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(2);
  await composer(alice).fill("이번 주 자료예요");
  await composer(alice).press("Enter");
  await expect(uploads(alice)).toHaveCount(0);

  for (const page of [alice, bob]) {
    const message = lastMessage(page);
    await expect(message.getByTestId("message-body")).toHaveText("이번 주 자료예요");
    const img = message.getByTestId("attachment-photo");
    await expect(img).toHaveAttribute("width", "1200");
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await expect(message.getByTestId("attachment-file")).toContainText("3주차 정리.pdf");
  }

  // A paste of a picture, then a drop of a video: one message with both.
  await handOver(alice, "paste", [{ name: "screenshot.png", type: "image/png", bytes: await sharp(await photo(640, 480, 200)).png().toBuffer() }]);
  await handOver(alice, "drop", [{ name: "발표 연습.mp4", type: "video/mp4", bytes: mp4() }]);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(2);
  await alice.getByRole("button", { name: "Send", exact: true }).click();
  const both = lastMessage(bob);
  await expect(both.getByTestId("attachment-photo")).toHaveCount(1);
  await expect(both.getByTestId("attachment-video")).toHaveAttribute("src", /\/api\/attachments\//);

  // After a reload the files are still there.
  await bob.reload();
  await expect(lastMessage(bob).getByTestId("attachment-video")).toHaveCount(1);
  await expect(bob.getByTestId("attachment-file").last()).toContainText("3주차 정리.pdf");

  // Carol is not in the space: the file's URL refuses her.
  const src = await bob.getByTestId("attachment-file").last().getAttribute("href");
  expect((await carol.request.get(src!)).status()).toBe(403);
  expect((await bob.request.get(src!)).status()).toBe(200);
});

test("an upload in flight shows its progress and can be cancelled; a refused file says why and nothing is sent", async ({ alice }) => {
  await signUp(alice, makeUser("Alice"));
  await spaceWith(alice, [], "업로드 취소");
  // Hold the upload on its way, so it is seen in flight (cancelled, it is never let through).
  let release: () => void = () => undefined;
  await alice.route("**/attachments", (route) => new Promise<void>((resolve) => (release = resolve)).then(() => route.continue().catch(() => undefined)));
  await alice.getByTestId("attach-input").setInputFiles([{ name: "big.pdf", mimeType: "application/pdf", buffer: pdf }]);
  await expect(uploads(alice).getByRole("progressbar")).toBeVisible();
  await expect(alice.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  await uploads(alice).getByRole("button", { name: "Cancel uploading big.pdf" }).click();
  await expect(uploads(alice)).toHaveCount(0);
  release();
  await alice.unroute("**/attachments");

  // A program is not a file that can be sent: the chip says so, and the message cannot go.
  await alice.getByTestId("attach-input").setInputFiles([{ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2048)]) }]);
  await expect(uploads(alice).getByRole("alert")).toHaveText("That kind of file cannot be sent.");
  await expect(alice.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  await uploads(alice).getByRole("button", { name: "Remove setup.exe" }).click();
  await expect(alice.getByTestId("message-attachments")).toHaveCount(0);
});
