import type { Page } from "@playwright/test";
import { a11yViolations, createSpace, expect, makeUser, signUp, test } from "./fixtures";

/**
 * The personal study timer (issue 13): its state is the server's, so a second tab of the same
 * user sees it running, pauses it, and both see the recorded session once it is stopped. The
 * browser is in Seoul, the server in UTC.
 */

const seoulLocal = (ms: number) => {
  const d = new Date(ms + 9 * 3_600_000); // Seoul has no DST
  return d.toISOString().slice(0, 16);
};

test("a timer started in one tab runs in the other, is paused there, stopped with a note, and a session added by hand", async ({
  browser,
  baseURL,
}, info) => {
  const context = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const tab1 = await context.newPage();
  await signUp(tab1, { ...makeUser("minji"), name: "김민지" });
  // Goal first, so the progress bar has something to show; the study day starting 12 hours from
  // now, so the session added by hand below (the last 100 minutes) is all today's whenever this runs.
  const startHour = (new Date(Date.now() + 9 * 3_600_000).getUTCHours() + 12) % 24;
  const goal = await tab1.request.patch(`${baseURL}/api/study/settings`, {
    data: { dailyGoalMinutes: 180, timeZone: "Asia/Seoul", startHour },
  });
  expect(goal.ok()).toBe(true);
  await tab1.goto("/study");
  const tab2 = await context.newPage();
  await tab2.goto("/study");
  await expect(tab2.getByTestId("timer-start")).toBeVisible();

  await tab1.getByTestId("timer-subject").fill("정보처리기사 실기");
  await tab1.getByTestId("timer-start").click();
  await expect(tab1.getByTestId("timer-running")).toHaveAttribute("data-state", "running");
  // The other tab draws the same timer, live, from the server's clock.
  await expect(tab2.getByTestId("timer-running-subject")).toHaveText("정보처리기사 실기");
  await expect(tab2.getByTestId("timer-clock")).not.toHaveText("00:00");

  await tab2.getByTestId("timer-pause").click();
  await expect(tab1.getByTestId("timer-running")).toHaveAttribute("data-state", "paused");
  await expect(tab1.getByTestId("timer-status")).toHaveText("일시정지됨");
  const frozen = await tab1.getByTestId("timer-clock").textContent();
  await expect(tab2.getByTestId("timer-clock")).toHaveText(frozen!);

  // Every page shows a running timer in the shell; /study itself does not need it.
  await tab2.goto("/friends");
  await expect(tab2.getByTestId("study-indicator")).toContainText(frozen!);
  await tab2.getByTestId("study-indicator").click();
  await expect(tab2).toHaveURL(/\/study$/);

  await tab1.getByTestId("timer-stop").click();
  await tab1.getByTestId("stop-note").fill("기출 1회분, 오답 정리는 내일");
  await tab1.getByTestId("stop-confirm").click();
  for (const tab of [tab1, tab2]) {
    await expect(tab.getByTestId("timer-start")).toBeVisible();
    await expect(tab.getByTestId("session")).toHaveCount(1);
    await expect(tab.getByTestId("session").first()).toContainText("정보처리기사 실기");
    await expect(tab.getByTestId("session-note")).toHaveText("기출 1회분, 오답 정리는 내일");
  }

  // A session by hand: 1 h 30 min ending ten minutes ago, typed in Seoul time.
  const now = Date.now();
  await tab2.getByTestId("session-add").click();
  await tab2.getByTestId("session-subject").fill("영어 단어");
  await tab2.getByTestId("session-start").fill(seoulLocal(now - 100 * 60_000));
  await tab2.getByTestId("session-end").fill(seoulLocal(now - 10 * 60_000));
  await tab2.getByTestId("session-save").click();
  await expect(tab2.getByTestId("session-dialog")).toHaveCount(0);
  for (const tab of [tab1, tab2]) {
    await expect(tab.getByTestId("session")).toHaveCount(2);
    await expect(tab.getByTestId("study-today-total")).toHaveText("1시간 30분");
    await expect(tab.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
  }
  // It cannot overlap what is already there.
  await tab1.getByTestId("session-add").click();
  await tab1.getByTestId("session-subject").fill("수학");
  await tab1.getByTestId("session-start").fill(seoulLocal(now - 60 * 60_000));
  await tab1.getByTestId("session-end").fill(seoulLocal(now - 30 * 60_000));
  await tab1.getByTestId("session-save").click();
  await expect(tab1.getByTestId("session-dialog").getByRole("alert")).toHaveText("이미 기록된 공부 시간과 겹쳐요.");
  await tab1.screenshot({ path: info.outputPath("study-ko-desktop-session-dialog.png") });
  await tab1.keyboard.press("Escape");

  // Looked at: desktop and phone, light and dark, Korean and English, with a pomodoro running.
  await tab1.getByRole("radio", { name: "뽀모도로" }).check({ force: true });
  await tab1.getByTestId("timer-subject").fill("정보처리기사 실기");
  await tab1.getByTestId("timer-start").click();
  await expect(tab1.getByTestId("timer-phase")).toContainText("집중");
  expect(await a11yViolations(tab1)).toEqual([]);
  await shoot(tab1, info, "ko");
  // The space sidebar says who is studying now; a phone shows the running timer as a bar.
  await createSpace(tab1, "정보처리기사 스터디");
  await expect(tab1.getByTestId("studying-member")).toContainText("정보처리기사 실기");
  await tab1.screenshot({ path: info.outputPath("study-ko-space-sidebar.png") });
  await tab1.setViewportSize({ width: 390, height: 844 });
  await tab1.goto("/friends");
  await expect(tab1.getByTestId("study-indicator-bar")).toContainText("정보처리기사 실기");
  await tab1.screenshot({ path: info.outputPath("study-ko-phone-indicator.png") });
  await tab1.setViewportSize({ width: 1280, height: 900 });
  await tab1.goto("/study");
  await context.addCookies([{ name: "moim-locale", value: "en", url: baseURL! }]);
  await tab1.reload();
  await expect(tab1.getByTestId("timer-phase")).toContainText("Focus");
  await shoot(tab1, info, "en");
  await context.close();
});

async function shoot(page: Page, info: { outputPath: (name: string) => string }, lang: string) {
  for (const [device, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Colours ease between themes: the picture is of the theme, not of the way there.
      await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
      await page.screenshot({ path: info.outputPath(`study-${lang}-${device}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}
