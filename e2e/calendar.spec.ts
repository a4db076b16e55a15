import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { THEME_COOKIE } from "@/lib/theme";
import { a11yViolations, expect, makeUser, signUp, spaceWith, test, UI_ONLY } from "./fixtures";

/** A browser in Seoul (its zone and the moim-tz cookie the app reads), reading `locale`. */
async function seoulPage(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: "Asia/Seoul" });
  return context.newPage();
}

/** The wall clock in Seoul `minutes` from now: ["2026-03-02", "19:04"]. */
function seoulWall(minutes: number): [string, string] {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Seoul",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
}

const TITLE = "주간 스터디 — 실기 기출 풀이";

test("a weekly event is created, RSVP'd by another member (the count moves live), one occurrence moved, its reminder shown, and the feed parsed", async ({
  browser,
}) => {
  const alice = await seoulPage(browser, "en-US");
  const bob = await seoulPage(browser, "ko-KR");
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "정보처리기사 스터디");
  await alice.getByTestId("calendar-link").click();
  await bob.getByTestId("calendar-link").click();
  await expect(bob.getByTestId("calendar-view")).toBeVisible();

  // Alice makes a weekly study starting in 4 minutes, reminded 5 minutes before: its first
  // reminder is due at once and goes at the server's next reminder tick (every 15 s).
  const [day, time] = seoulWall(4);
  const [endDay, endTime] = seoulWall(64);
  await alice.getByTestId("calendar-new").click();
  const form = alice.getByTestId("event-form");
  await form.getByLabel("Title").fill(TITLE);
  await form.locator('input[name="startDay"]').fill(day);
  await form.locator('input[name="startTime"]').fill(time);
  await form.locator('input[name="endDay"]').fill(endDay);
  await form.locator('input[name="endTime"]').fill(endTime);
  await form.getByLabel("Repeat").selectOption("weekly");
  await form.getByLabel("Reminder").selectOption("5");
  await form.getByTestId("event-save").click();
  await expect(form).toBeHidden();

  // Bob sees it appear without reloading, in the agenda, and answers "going".
  await bob.getByRole("button", { name: "목록" }).click();
  const bobItems = bob.getByTestId("calendar-agenda-item").filter({ hasText: TITLE });
  await expect(bobItems.first()).toBeVisible();
  await expect(bobItems.first()).toContainText(time.replace(/^0/, "").replace(/^(\d+):/, (_, h: string) => `${Number(h) % 12 || 12}:`));

  await alice.getByRole("button", { name: "Agenda" }).click();
  await alice.getByTestId("calendar-agenda-item").filter({ hasText: TITLE }).first().click();
  await expect(alice.getByTestId("rsvp-counts")).toHaveText("0 going · 0 maybe · 0 no");
  await bobItems.first().click();
  await bob.getByTestId("rsvp-going").click();
  await expect(bob.getByTestId("rsvp-going")).toHaveAttribute("aria-pressed", "true");
  await expect(alice.getByTestId("rsvp-counts")).toHaveText("1 going · 0 maybe · 0 no");
  await bob.keyboard.press("Escape");

  // The reminder arrives on both pages as a toast (the server's tick, not a test clock).
  await expect(bob.locator("[data-sonner-toast]").filter({ hasText: TITLE })).toBeVisible({ timeout: 25_000 });
  await expect(alice.locator("[data-sonner-toast]").filter({ hasText: TITLE })).toBeVisible();

  // Alice moves next week's occurrence to 20:30 (this one only); Bob's agenda follows.
  await alice.keyboard.press("Escape");
  await alice.getByTestId("calendar-agenda-item").filter({ hasText: TITLE }).nth(1).click();
  await alice.getByTestId("event-edit").click();
  const edit = alice.getByTestId("event-form");
  await expect(edit.getByLabel("This one")).toBeChecked();
  await edit.locator('input[name="startTime"]').fill("20:30");
  await edit.locator('input[name="endTime"]').fill("21:30");
  await edit.getByTestId("event-save").click();
  await expect(edit).toBeHidden();
  await expect(bobItems.nth(1)).toContainText("오후 8:30");
  await expect(bobItems.first()).not.toContainText("오후 8:30");

  // The private feed, fetched without a session and read by a real iCalendar parser.
  await alice.goto("/calendar");
  await alice.getByTestId("feed-make").click();
  const url = await alice.getByTestId("feed-url").inputValue();
  const anonymous = await playwrightRequest.newContext();
  const feed = await anonymous.get(url);
  expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
  const comp = new ICAL.Component(ICAL.parse(await feed.text()));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const series = events.find((e) => !e.isRecurrenceException() && e.summary === TITLE)!;
  for (const ex of events.filter((e) => e.isRecurrenceException())) series.relateException(ex);
  const it = series.iterator();
  const starts: string[] = [];
  for (let next = it.next(); next && starts.length < 3; next = it.next()) {
    const at = series.getOccurrenceDetails(next).startDate.toJSDate();
    starts.push(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Seoul", hour: "2-digit", minute: "2-digit" }).format(at));
  }
  expect(starts).toEqual([time, "20:30", time]);
  // Turned off, the address answers 404.
  await alice.getByTestId("feed-revoke").click();
  await expect(alice.getByTestId("feed-make")).toHaveText("Make a private address");
  expect((await anonymous.get(url)).status()).toBe(404);
  await anonymous.dispose();
  await alice.context().close();
  await bob.context().close();
});

test(
  "the calendar views at 1280 and 390 px, light and dark, Korean and English, in Seoul, with long Korean titles",
  UI_ONLY,
  async ({ browser, baseURL }, info) => {
    const page = await seoulPage(browser, "ko-KR");
    await signUp(page, makeUser("Alice"));
    await page.goto("/spaces");
    await page.getByLabel(/Space name|스페이스 이름/).fill("정보처리기사 실기 스터디");
    await page.getByRole("button", { name: /^(Create|만들기)$/ }).click();
    await expect(page.getByTestId("space-name")).toBeVisible();
    const spaceId = new URL(page.url()).pathname.split("/")[2]!;
    const [today] = seoulWall(0);
    const dayOffset = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const post = async (data: object) => {
      const res = await page.request.post(`/api/spaces/${spaceId}/calendar`, { data: { timeZone: "Asia/Seoul", ...data } });
      expect(res.status(), await res.text()).toBe(200);
    };
    await post({
      title: "정보처리기사 실기 대비 주간 스터디 — 기출문제 풀이와 오답 노트 공유",
      start: `${today}T19:00`,
      end: `${today}T21:00`,
      repeat: { freq: "weekly", interval: 1, weekdays: ["MO", "WE", "FR"], count: 12 },
      location: "강남역 스터디카페 3층",
    });
    await post({ title: "모의고사 채점", start: `${today}T20:00`, end: `${today}T21:30` });
    await post({
      title: "과제 제출 마감 (데이터베이스 설계 보고서)",
      kind: "deadline",
      start: `${dayOffset(1)}T23:00`,
      end: `${dayOffset(1)}T23:59`,
    });
    await post({ title: "정보처리기사 실기 시험", kind: "exam", allDay: true, start: dayOffset(9), end: dayOffset(9) });
    await post({
      title: "아침 단어 암기",
      start: `${today}T07:30`,
      end: `${today}T08:00`,
      repeat: { freq: "daily", interval: 1, count: 20 },
    });

    for (const { locale, theme } of [
      { locale: "ko", theme: "light" },
      { locale: "en", theme: "dark" },
    ]) {
      await page.context().addCookies([
        { name: LOCALE_COOKIE, value: locale, url: baseURL! },
        { name: THEME_COOKIE, value: theme, url: baseURL! },
      ]);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
        await page.goto(`/spaces/${spaceId}/calendar`);
        await expect(page.getByTestId("calendar-view")).toBeVisible();
        for (const view of ["month", "week", "day", "agenda"] as const) {
          const label = {
            ko: { month: "월", week: "주", day: "일", agenda: "목록" },
            en: { month: "Month", week: "Week", day: "Day", agenda: "Agenda" },
          }[locale as "ko" | "en"][view];
          await page.getByRole("group").getByRole("button", { name: label, exact: true }).click();
          await expect(page.locator('[aria-busy="false"]')).toBeVisible();
          if (view === "day" || view === "week") await page.getByText("19:00").first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: info.outputPath(`calendar-${view}-${locale}-${theme}-${width}.png`) });
        }
        await page.goto("/calendar");
        await expect(page.locator('[aria-busy="false"]')).toBeVisible();
        await page.screenshot({ path: info.outputPath(`calendar-personal-${locale}-${theme}-${width}.png`) });
      }
    }
    // The form on a phone, in Korean.
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "ko", url: baseURL! }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/spaces/${spaceId}/calendar`);
    await page.getByTestId("calendar-new").click();
    await page.getByLabel("반복").selectOption("weekly");
    await expect(page.getByTestId("event-form")).toBeVisible();
    await page.screenshot({ path: info.outputPath("calendar-form-ko-dark-390.png") });
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("group").getByRole("button", { name: "월", exact: true }).click();
    await page.getByTestId("calendar-chip").first().click();
    await expect(page.getByTestId("event-details")).toBeVisible();
    await page.screenshot({ path: info.outputPath("calendar-details-ko-dark.png") });
    expect(await a11yViolations(page)).toEqual([]);
    await page.context().close();
  },
);
