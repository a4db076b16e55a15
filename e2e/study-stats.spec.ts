import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../lib/i18n";
import { THEME_COOKIE } from "../lib/theme";
import { a11yViolations, expect, makeUser, signUp, spaceWith, test } from "./fixtures";

const H = 3_600_000;
const M = 60_000;

/** The hour it is in Seoul now: study days are set to start 12 hours before it, so every session below falls today. */
const seoulHour = () => Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Seoul", hour: "numeric", hourCycle: "h23" }).format(new Date()));

/** Records a finished session through the API, `fromAgo`..`toAgo` ms before now. */
async function studied(page: Page, subject: string, fromAgo: number, toAgo: number) {
  const now = Date.now();
  const res = await page.request.post("/api/study/sessions", {
    data: { subject, startedAt: new Date(now - fromAgo).toISOString(), endedAt: new Date(now - toAgo).toISOString() },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test("stats and a space's leaderboard after recorded sessions: totals by subject, the goal, an opted-out member left out of the ranking, and the CSV", async ({
  alice,
  bob,
  carol,
  baseURL,
}, info) => {
  test.slow(); // sixteen screenshots at the end
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await signUp(carol, makeUser("Carol"));
  await spaceWith(alice, [bob, carol], "정처기 스터디");
  const spacePath = new URL(alice.url()).pathname.split("/").slice(0, 3).join("/");

  const startHour = (seoulHour() + 12) % 24;
  for (const page of [alice, bob, carol]) expect((await page.request.patch("/api/study/settings", { data: { startHour } })).status()).toBe(200);
  await studied(alice, "정보처리기사", 9 * H, 6.5 * H);
  await studied(alice, "영어", 6 * H, 5 * H + 15 * M);
  await studied(bob, "정보처리기사", 4 * H, 2.5 * H);
  await studied(carol, "코딩", 8 * H, 4 * H);

  // Carol leaves herself out of rankings from her stats page.
  await carol.goto("/study/stats");
  await carol.getByTestId("hide-input").check();
  await carol.getByTestId("study-settings").getByRole("button", { name: "Save" }).click();
  await expect(carol.getByTestId("study-settings").getByRole("status")).toHaveText("Saved");

  // Alice's stats, reached from the timer by the study tabs with the keyboard: today by subject, a goal of 3 hours met, a one-day streak.
  await alice.goto("/study");
  const sections = alice.getByRole("navigation", { name: "Study sections" });
  await expect(sections.getByRole("link", { name: "Timer" })).toHaveAttribute("aria-current", "page");
  await sections.getByRole("link", { name: "Stats" }).focus();
  await alice.keyboard.press("Enter");
  await expect(alice).toHaveURL(/\/study\/stats$/);
  await expect(sections.getByRole("link", { name: "Stats" })).toHaveAttribute("aria-current", "page");
  const today = alice.getByTestId("total-today");
  await expect(today.getByTestId("total-time")).toHaveText("3h 15m");
  await expect(today.getByRole("listitem")).toHaveText(["정보처리기사2h 30m", "영어45m"]);
  await expect(alice.getByTestId("total-week").getByTestId("total-time")).toHaveText("3h 15m");
  await expect(alice.getByTestId("goal")).toContainText("No daily goal yet");
  await alice.getByTestId("goal-input").fill("180");
  await alice.getByTestId("study-settings").getByRole("button", { name: "Save" }).click();
  await expect(alice.getByTestId("goal")).toContainText("Goal met today!");
  await expect(alice.getByTestId("streak-current")).toHaveText("1 day");
  await expect(alice.getByTestId("week-chart").locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect(alice.getByTestId("heatmap").getByRole("img")).toHaveCount(365);
  expect(await a11yViolations(alice, '[data-testid="study-stats"]')).toEqual([]);

  // The CSV: a BOM for Excel, the header, her sessions with Seoul's offset.
  const [download] = await Promise.all([alice.waitForEvent("download"), alice.getByTestId("download-csv").click()]);
  const csv = readFileSync((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("study_day,subject,started_at,ended_at,studied_minutes,pause_count,source,edited,note");
  expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["정보처리기사", "영어"]);
  expect(lines[1]).toMatch(/\+09:00,.*\+09:00,150,0,manual,true,$/);

  // A session on the calendar that ended 2½ hours ago, before anyone joined the space: listed, counted for nobody.
  const seoulWall = (ago: number) => new Date(Date.now() - ago + 9 * H).toISOString().slice(0, 16);
  const session = await alice.request.post(`/api/spaces/${spacePath.split("/")[2]}/calendar`, {
    data: { title: "모의고사 풀이", start: seoulWall(3.5 * H), end: seoulWall(2.5 * H), timeZone: "Asia/Seoul" },
  });
  expect(session.status(), await session.text()).toBe(200);

  // Bob (Korean) opens the leaderboard from the space's sidebar: Alice, then himself; Carol is not ranked but counted.
  await bob.goto(spacePath);
  await bob.getByTestId("leaderboard-link").click();
  await expect(bob).toHaveURL(/\/leaderboard$/);
  const rows = bob.getByTestId("leaderboard-row");
  await expect(rows.getByTestId("leaderboard-name")).toHaveText(["Alice", "Bob나"]);
  await expect(rows.getByTestId("leaderboard-time")).toHaveText(["3시간 15분", "1시간 30분"]);
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(bob.getByTestId("group-total-time")).toHaveText("8시간 45분");
  await bob.getByTestId("tab-week").click();
  await expect(bob.getByRole("tabpanel").getByTestId("leaderboard-time")).toHaveText(["3시간 15분", "1시간 30분"]);
  await expect(bob.getByTestId("attendance-occurrence")).toHaveText([/^모의고사 풀이.*당시 멤버 없음참석 예정 0명$/]);
  expect(await a11yViolations(bob, '[data-testid="leaderboard-view"]')).toEqual([]);
  // Carol sees the same ranking without herself, and why.
  await carol.goto(`${spacePath}/leaderboard`);
  await expect(carol.getByTestId("leaderboard-name")).toHaveText(["Alice", "Bob"]);
  await expect(carol.getByTestId("leaderboard-view")).toContainText("You are left out of this ranking");

  // A stranger gets nothing.
  const dave = await alice.context().browser()!.newContext();
  const davePage = await dave.newPage();
  await davePage.goto(baseURL!);
  await signUp(davePage, makeUser("Dave"));
  expect((await davePage.request.get(`/api/${spacePath.slice(1)}/leaderboard`)).status()).toBe(403);
  expect((await davePage.goto(`${spacePath}/leaderboard`))!.status()).toBe(404);
  await dave.close();

  // How it looks: both pages, desktop and phone, light and dark, English and Korean.
  for (const locale of ["en", "ko"])
    for (const theme of ["light", "dark"]) {
      await alice.context().addCookies([
        { name: LOCALE_COOKIE, value: locale, url: baseURL! },
        { name: THEME_COOKIE, value: theme, url: baseURL! },
      ]);
      for (const [width, size] of [[1280, "desktop"], [390, "phone"]] as const) {
        for (const [path, name] of [["/study/stats", "stats"], [`${spacePath}/leaderboard`, "leaderboard"]] as const) {
          // The stats page scrolls inside its pane: a tall window shows all of it at once.
          await alice.setViewportSize({ width, height: name === "stats" ? (size === "phone" ? 2300 : 1400) : 1200 });
          await alice.goto(path);
          await expect(alice.getByTestId(name === "stats" ? "study-stats" : "leaderboard-row").first()).toBeVisible();
          if (name === "leaderboard") await expect(alice.getByTestId("attendance-occurrence")).toBeVisible();
          expect(await alice.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          if (name === "stats" && size === "desktop") await alice.getByTestId("week-chart").locator(".recharts-bar-rectangle path").first().hover(); // the tooltip
          await alice.screenshot({ path: info.outputPath(`${name}-${locale}-${theme}-${size}.png`) });
        }
      }
    }
});
