import sharp from "sharp";
import { devices, type Page } from "@playwright/test";
import { a11yViolations, channelReady, composer, expect, makeUser, signIn, signUp, spaceWith, test, UI_ONLY } from "./fixtures";

/** A photo of one colour with a darker band, so a screenshot shows which one is open. */
const photo = (width: number, height: number, r: number) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 140, b: 90 } } })
    .composite([{ input: { create: { width, height: Math.round(height / 5), channels: 3, background: { r: 30, g: 30, b: 60 } } }, top: Math.round(height / 2), left: 0 }])
    .jpeg()
    .toBuffer();
/** A PDF just over 1 MiB, the e2e server's limit for files of kind "file" (playwright.config.ts). */
const bigPdf = () => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(1024 * 1024 + 4096, 0x20), Buffer.from("\n%%EOF\n")]);

const lightbox = (page: Page) => page.getByTestId("lightbox");
const counter = (page: Page) => page.getByTestId("lightbox-counter");
const uploads = (page: Page) => page.getByTestId("composer-upload");

const axeFindings = (page: Page) => a11yViolations(page);

/** The chat files this page asks the server to store (POSTs to …/attachments). */
function countUploads(page: Page): () => number {
  let sent = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/api\/channels\/[^/]+\/attachments$/.test(new URL(r.url()).pathname)) sent++;
  });
  return () => sent;
}

test("a message's photos open in a lightbox: arrow keys, buttons and a swipe move through them, a click zooms, the original downloads, and Escape gives focus back to the thumbnail", UI_ONLY, async ({
  alice,
  browser,
}, info) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  const channelUrl = await spaceWith(alice, [], "사진 보기");
  await alice.getByTestId("attach-input").setInputFiles([
    { name: "first.jpg", mimeType: "image/jpeg", buffer: await photo(2400, 1600, 220) },
    { name: "second.jpg", mimeType: "image/jpeg", buffer: await photo(900, 1400, 120) },
    { name: "third.jpg", mimeType: "image/jpeg", buffer: await photo(1200, 900, 40) },
  ]);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(3);
  await composer(alice).fill("the whiteboard");
  await composer(alice).press("Enter");
  const message = alice.getByTestId("message").last();
  await expect(message.getByTestId("attachment-photo")).toHaveCount(3);

  // The second thumbnail opens the viewer on the second photo, its display copy, sized before it loads.
  await message.getByRole("button", { name: "Open the photo second.jpg" }).click();
  const dialog = alice.getByRole("dialog", { name: "second.jpg" });
  await expect(dialog).toBeVisible();
  await expect(counter(alice)).toHaveText("2 / 3");
  const image = lightbox(alice).getByRole("img", { name: "second.jpg" });
  await expect(image).toHaveAttribute("src", /\/api\/attachments\/[^?]+\?variant=display$/);
  await expect(image).toHaveAttribute("width", "900");
  await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);

  // Arrow keys move, and stop at the ends.
  await alice.keyboard.press("ArrowRight");
  await expect(counter(alice)).toHaveText("3 / 3");
  await expect(alice.getByRole("dialog", { name: "third.jpg" })).toBeVisible();
  await alice.keyboard.press("ArrowRight");
  await expect(counter(alice)).toHaveText("3 / 3");
  await alice.keyboard.press("ArrowLeft");
  await alice.keyboard.press("ArrowLeft");
  await expect(counter(alice)).toHaveText("1 / 3");
  await expect(lightbox(alice).getByRole("button", { name: "Previous photo" })).toBeDisabled();
  await lightbox(alice).getByRole("button", { name: "Next photo" }).click();
  await expect(counter(alice)).toHaveText("2 / 3");

  // A swipe to the left (a dragged mouse is a pointer too) shows the next one, and does not zoom.
  const stage = alice.getByTestId("lightbox-stage");
  const box = (await stage.boundingBox())!;
  await alice.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 5 });
  await alice.mouse.up();
  await expect(counter(alice)).toHaveText("3 / 3");
  await expect(stage).toHaveAttribute("data-zoomed", "false");
  await alice.keyboard.press("ArrowLeft");
  await alice.keyboard.press("ArrowLeft");
  await expect(counter(alice)).toHaveText("1 / 3");

  // The screenshots the issue asks for, desktop and phone, light and dark, looked at by a person.
  const shot = async (page: Page, name: string) => {
    await expect.poll(() => lightbox(page).getByTestId("lightbox-image").evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: info.outputPath(`${name}.png`) });
  };
  await shot(alice, "lightbox-en-desktop-light");
  expect(await axeFindings(alice)).toEqual([]);
  await alice.emulateMedia({ colorScheme: "dark" });
  await shot(alice, "lightbox-en-desktop-dark");

  // Zoom: the 2400-wide photo's 1600-wide display copy at 100 %, panned by scrolling; a click fits it again.
  await lightbox(alice).getByRole("button", { name: "Zoom to actual size" }).click();
  await expect(stage).toHaveAttribute("data-zoomed", "true");
  await expect(lightbox(alice).getByTestId("lightbox-image")).toHaveAttribute("width", "1600");
  // Zoomed from the button, the centre stays in the centre.
  const scroll = () => stage.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop, maxLeft: el.scrollWidth - el.clientWidth, maxTop: el.scrollHeight - el.clientHeight }));
  const centred = await scroll();
  expect(centred.maxLeft).toBeGreaterThan(100);
  expect(centred.maxTop).toBeGreaterThan(100);
  expect(Math.abs(centred.left - centred.maxLeft / 2)).toBeLessThanOrEqual(2);
  expect(Math.abs(centred.top - centred.maxTop / 2)).toBeLessThanOrEqual(2);
  await stage.evaluate((el) => el.scrollBy(200, 100));
  await shot(alice, "lightbox-en-desktop-dark-zoomed");
  await lightbox(alice).getByTestId("lightbox-image").click();
  await expect(stage).toHaveAttribute("data-zoomed", "false");
  await expect(lightbox(alice).getByRole("button", { name: "Zoom to actual size" })).toBeVisible();
  // A click near the fitted photo's top left corner zooms in there.
  await lightbox(alice).getByTestId("lightbox-image").click({ position: { x: 40, y: 40 } });
  await expect(stage).toHaveAttribute("data-zoomed", "true");
  const corner = await scroll();
  expect(corner.left).toBe(0);
  expect(corner.top).toBeLessThan(corner.maxTop / 4);
  await lightbox(alice).getByRole("button", { name: "Fit to screen" }).click();
  await expect(stage).toHaveAttribute("data-zoomed", "false");

  // Download: the original (not the display copy), as an attachment.
  const thumbSrc = await message.getByTestId("attachment-photo").first().getAttribute("src");
  const id = /\/api\/attachments\/([^?]+)/.exec(thumbSrc!)![1];
  const download = lightbox(alice).getByRole("link", { name: "Download first.jpg" });
  await expect(download).toHaveAttribute("href", `/api/attachments/${id}?download=1`);
  const original = await alice.request.get(`/api/attachments/${id}?download=1`);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-disposition"]).toMatch(/^attachment/);
  expect((await sharp(await original.body()).metadata()).width).toBe(2400);

  // Escape closes; focus is on the thumbnail of the photo last shown (the third, not the second that opened it).
  await alice.keyboard.press("ArrowRight");
  await alice.keyboard.press("ArrowRight");
  await expect(counter(alice)).toHaveText("3 / 3");
  await alice.keyboard.press("Escape");
  await expect(lightbox(alice)).toHaveCount(0);
  await expect(message.getByRole("button", { name: "Open the photo third.jpg" })).toBeFocused();

  // On a phone (touch, 390 wide, Korean): a finger's swipe turns the page, the arrows sit under the photo.
  const { userAgent: _ua, defaultBrowserType: _type, ...pixel } = devices["Pixel 7"];
  const context = await browser.newContext({ ...pixel, viewport: { width: 390, height: 844 }, locale: "ko-KR", colorScheme: "dark" });
  const phone = await context.newPage();
  await signIn(phone, user);
  await expect(phone).toHaveURL(/\/spaces/);
  await phone.goto(channelUrl);
  await channelReady(phone);
  await phone.getByTestId("message").last().getByRole("button", { name: "사진 first.jpg 열기" }).click();
  await expect(counter(phone)).toHaveText("1 / 3");
  await expect(lightbox(phone).getByRole("button", { name: "다음 사진" })).toBeInViewport();
  const cdp = await context.newCDPSession(phone);
  const area = (await phone.getByTestId("lightbox-stage").boundingBox())!;
  const y = area.y + area.height / 2;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: area.x + area.width - 60, y }] });
  for (const x of [area.width - 120, area.width / 2, 80]) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: area.x + x, y: y + 8 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
  await expect(counter(phone)).toHaveText("2 / 3");
  await expect(phone.getByTestId("lightbox-stage")).toHaveAttribute("data-zoomed", "false");
  await shot(phone, "lightbox-ko-phone-dark");
  expect(await axeFindings(phone)).toEqual([]);
  await phone.emulateMedia({ colorScheme: "light" });
  await shot(phone, "lightbox-ko-phone-light");
  await lightbox(phone).getByRole("button", { name: "닫기" }).click();
  await expect(phone.getByRole("button", { name: "사진 second.jpg 열기" })).toBeFocused();
  await context.close();
});

test("files dropped on the message list go into the composer and out to the other member; a file over its kind's limit is refused before anything is sent", async ({
  alice,
  bob,
}, info) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "끌어다 놓기");
  const sent = countUploads(alice);

  // Dragged over the list (not the composer): the whole chat says where the files go; dropped, they upload.
  const png = await sharp(await photo(640, 480, 200)).png().toBuffer();
  await alice.evaluate(
    ({ base64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], "dropped.png", { type: "image/png" }));
      (window as unknown as { __transfer: DataTransfer }).__transfer = transfer;
      const list = document.querySelector('[data-testid="message-list"]')!;
      list.dispatchEvent(new DragEvent("dragenter", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      list.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { base64: png.toString("base64") },
  );
  await expect(alice.getByTestId("drop-overlay")).toHaveText(/^Drop files to send to #\S+$/);
  await alice.screenshot({ path: info.outputPath("drop-overlay-en-desktop-light.png") });
  await alice.emulateMedia({ colorScheme: "dark" });
  await alice.screenshot({ path: info.outputPath("drop-overlay-en-desktop-dark.png") });
  await alice.evaluate(() => {
    const transfer = (window as unknown as { __transfer: DataTransfer }).__transfer;
    document.querySelector('[data-testid="message-list"]')!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(alice.getByTestId("drop-overlay")).toHaveCount(0);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(1);
  await expect(composer(alice)).toBeFocused();
  await composer(alice).press("Enter");
  await expect(bob.getByTestId("message").last().getByRole("button", { name: "사진 dropped.png 열기" })).toBeVisible();
  expect(sent()).toBe(1);

  // Over the limit for files (1 MiB here): refused at once, with the limit, no request, no retry.
  await alice.getByTestId("attach-input").setInputFiles([{ name: "slides.pdf", mimeType: "application/pdf", buffer: bigPdf() }]);
  await expect(uploads(alice).getByRole("alert")).toHaveText("Files can be at most 1 MB");
  await expect(uploads(alice).getByRole("button", { name: "Upload slides.pdf again" })).toHaveCount(0);
  await expect(alice.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  expect(sent()).toBe(1);
  await uploads(alice).getByRole("button", { name: "Remove slides.pdf" }).click();

  // The same bytes with a type that says nothing are the server's to judge: it reads a PDF and refuses it.
  await alice.getByTestId("attach-input").setInputFiles([{ name: "slides", mimeType: "application/octet-stream", buffer: bigPdf() }]);
  await expect(uploads(alice).getByRole("alert")).toHaveText("That file is too large to send here.");
  expect(sent()).toBe(2);
});

test("a video shows its first frame before it is played, in a box sized before anything loads", UI_ONLY, async ({ alice }, info) => {
  await signUp(alice, makeUser("Alice"));
  await spaceWith(alice, [], "영상");
  // A real two-second WebM, recorded by the browser from a canvas (no encoder on this machine).
  const base64 = await alice.evaluate(async () => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 320, height: 180 });
    const g = canvas.getContext("2d")!;
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: "video/webm;codecs=vp8" });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    const started = performance.now();
    await new Promise<void>((done) => {
      const draw = () => {
        g.fillStyle = "rgb(30, 160, 90)";
        g.fillRect(0, 0, 320, 180);
        g.fillStyle = "white";
        g.fillRect(((performance.now() - started) / 10) % 320, 60, 40, 60);
        if (performance.now() - started < 2000) requestAnimationFrame(draw);
        else done();
      };
      draw();
    });
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  await alice.getByTestId("attach-input").setInputFiles([{ name: "clip.webm", mimeType: "video/webm", buffer: Buffer.from(base64, "base64") }]);
  await expect(alice.locator('[data-testid="composer-upload"][data-state="done"]')).toHaveCount(1);
  await alice.getByRole("button", { name: "Send", exact: true }).click();

  await alice.reload();
  const video = alice.getByTestId("message").last().getByTestId("attachment-video");
  await expect(video).toHaveAttribute("preload", "metadata");
  await expect(video).toHaveAttribute("src", /#t=0\.1$/);
  const box = (await video.boundingBox())!;
  expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
  // Not played, yet a frame is there to paint: the one at 0.1 s.
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && el.paused)).toBe(true);
  expect(await video.evaluate((el: HTMLVideoElement) => ({ width: el.videoWidth, at: Math.round(el.currentTime * 10) / 10 }))).toEqual({ width: 320, at: 0.1 });
  await alice.getByTestId("message").last().screenshot({ path: info.outputPath("video-first-frame.png") });
});
