import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { a11yViolations, expect, makeUser, signUp, spaceWith, test } from "./fixtures";
import { channelLink, createChannel, dialog } from "./spaces.pages";
import { joinRoom } from "./video.pages";

const ROOM = "캠스터디 A";

/** What a page's pomodoro shows: its phase, running or not, and when it estimates the phase ends on the server's clock. */
async function pomodoroOf(page: Page) {
  const clock = page.getByTestId("pomodoro").first();
  const [phase, running, remaining, serverNow] = await Promise.all(
    ["data-phase", "data-running", "data-remaining", "data-server-now"].map((a) => clock.getAttribute(a)),
  );
  return { phase, running, remaining: Number(remaining), endsAt: Number(serverNow) + Number(remaining) };
}

test("three people in a study room share one pomodoro: started by one, the same phase and time for all, paused for all", async ({
  alice,
  bob,
  carol,
}) => {
  test.setTimeout(120_000); // three browsers with fake cameras, plus the screenshots, on two cores
  const [a, b, c] = [makeUser("Alice"), { ...makeUser("Minji"), name: "김민지" }, makeUser("Carol")];
  for (const [page, user] of [
    [alice, a],
    [bob, b],
    [carol, c],
  ] as const)
    await signUp(page, user);
  await spaceWith(alice, [bob, carol], "정보처리기사 실기 스터디");
  await createChannel(alice, { name: ROOM, kind: "Video" });

  // The owner makes the video channel a study room from its menu.
  await alice.getByRole("button", { name: `Options for ${ROOM}` }).click();
  await alice.getByRole("menuitem", { name: "Study room…" }).click();
  // Not a study room yet: the box is off until the owner turns it on.
  await expect(dialog(alice).getByTestId("study-room-enabled")).not.toBeChecked();
  await dialog(alice).getByTestId("study-room-enabled").check();
  await dialog(alice).getByLabel("Focus (minutes)").fill("50");
  await dialog(alice).getByLabel("Break (minutes)").fill("10");
  await dialog(alice).getByRole("button", { name: "Save" }).click();
  await expect(dialog(alice)).toHaveCount(0);

  for (const page of [alice, bob, carol]) {
    await channelLink(page, ROOM).click();
    await expect(page.getByTestId("pomodoro")).toHaveAttribute("data-phase", "idle");
    await joinRoom(page);
    await expect(page.getByTestId("study-room-strip")).toBeVisible();
  }
  await alice.getByTestId("pomodoro-start").click();
  for (const page of [alice, bob, carol]) {
    await expect(page.getByTestId("pomodoro")).toHaveAttribute("data-phase", "focus");
    await expect(page.getByTestId("pomodoro-time")).toHaveText(/^(50:00|49:\d\d)$/);
  }
  const shown = await Promise.all([alice, bob, carol].map(pomodoroOf));
  const ends = shown.map((s) => s.endsAt);
  expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(1000);
  // Everyone in the call shows as studying with the room.
  await expect(bob.getByTestId("member-status")).toHaveCount(3);
  for (const status of await bob.getByTestId("member-status").all()) await expect(status).toHaveAttribute("data-status", "studying");

  // Bob (in Korean) pauses: all three see it paused at the same remainder.
  await bob.getByTestId("pomodoro-pause").click();
  for (const page of [alice, bob, carol]) {
    await expect(page.getByTestId("pomodoro")).toHaveAttribute("data-running", "no");
    await expect(page.getByTestId("pomodoro-resume")).toBeVisible();
  }
  const paused = await Promise.all([alice, bob, carol].map(pomodoroOf));
  expect(new Set(paused.map((s) => s.remaining)).size).toBe(1);
  await expect(bob.getByTestId("pomodoro-phase")).toHaveText("집중");
  await alice.getByTestId("pomodoro-resume").click();
  await expect(carol.getByTestId("pomodoro")).toHaveAttribute("data-running", "yes");
  expect(await a11yViolations(alice, '[data-testid="study-room-strip"]')).toEqual([]);

  // Screenshots: normal and focus layout, desktop and phone, light and dark, English (Alice) and Korean (Bob).
  const dir = "test-results/study-rooms";
  mkdirSync(dir, { recursive: true });
  for (const [page, lang] of [
    [alice, "en"],
    [bob, "ko"],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
        for (const layout of ["grid", "focus"] as const) {
          const toggle = page.getByTestId("focus-layout");
          if ((await toggle.getAttribute("aria-pressed")) !== String(layout === "focus")) await toggle.click();
          await expect(page.getByTestId("focus-clock")).toHaveCount(layout === "focus" ? 1 : 0);
          await page.screenshot({ path: `${dir}/${lang}-${scheme}-${width}-${layout}.png` });
        }
      }
    }
  }

  // A text study room: the bar under the header, its people listed (Alice and Carol are in it).
  await alice.setViewportSize({ width: 1280, height: 800 });
  const [, , spaceId, generalId] = (await channelLink(alice, "general").getAttribute("href"))!.split("/");
  const made = await alice.request.patch(`/api/spaces/${spaceId}/channels/${generalId}/study-room`, {
    data: { enabled: true, focusMinutes: 25, breakMinutes: 5 },
    headers: { origin: new URL(alice.url()).origin },
  });
  expect(made.status(), await made.text()).toBe(200);
  for (const [page, lang, scheme, width] of [
    [alice, "en", "light", 1280],
    [bob, "ko", "dark", 390],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/spaces/${spaceId}/${generalId}`);
    await expect(page.getByTestId("study-room-bar")).toBeVisible();
    await page.getByTestId("study-members-toggle").click();
    expect(await a11yViolations(page, '[data-testid="study-room-bar"]')).toEqual([]);
    await page.screenshot({ path: `${dir}/${lang}-${scheme}-${width}-text.png` });
  }
});
