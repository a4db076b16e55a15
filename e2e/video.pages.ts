import { expect, type Locator, type Page } from "@playwright/test";

// Page objects of a video room (a space's video channel, or a call in a dm or group chat).

/** Clicks Join on the pre-join screen and waits to be in the room. */
export async function joinRoom(page: Page) {
  await page
    .getByTestId("prejoin")
    .getByRole("button", { name: /^(Join|참여하기|Join again|다시 참여하기)$/ })
    .click();
  await expect(page.getByTestId("video-room")).toBeVisible();
}

export function tiles(page: Page): Locator {
  return page.getByTestId("video-tile");
}

export function tileOf(page: Page, name: string): Locator {
  return page.locator(`[data-testid="video-tile"][data-name="${name}"]`);
}

/** Waits until every remote video on the page is playing real frames, and there are `count` of them. */
export async function expectRemoteVideosPlaying(page: Page, count: number) {
  await expect(page.getByTestId("remote-video")).toHaveCount(count);
  await expect
    .poll(
      () =>
        page
          .getByTestId("remote-video")
          .evaluateAll((videos) => (videos as HTMLVideoElement[]).filter((v) => v.videoWidth > 0 && !v.paused && v.readyState >= 2).length),
      { timeout: 20_000 },
    )
    .toBe(count);
}

/** How many remote streams carry a live audio track (the other side's microphone). */
export function remoteAudioTracks(page: Page): Promise<number> {
  return page
    .getByTestId("remote-video")
    .evaluateAll(
      (videos) =>
        (videos as HTMLVideoElement[]).filter((v) =>
          (v.srcObject as MediaStream | null)?.getAudioTracks().some((t) => t.readyState === "live"),
        ).length,
    );
}

/** The names listed under a video channel in the channel list (who is in the room). */
export function occupantsOf(page: Page, channel: string): Locator {
  return page
    .locator("aside")
    .first()
    .getByTestId("channel-row")
    .filter({ has: page.getByTestId("channel-name").getByText(channel, { exact: true }) })
    .getByTestId("occupants")
    .getByTestId("occupant-name");
}
