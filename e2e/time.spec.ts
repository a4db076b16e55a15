import { createClient } from "@libsql/client";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { chatRow, newChat, say } from "./chats.pages";
import { channelReady, expect, makeUser, sendMessage, signIn, signUp, spaceWith, test, UI_ONLY } from "./fixtures";

// Time is the reader's: the server runs with TZ=UTC (playwright.config.ts), the browsers in
// Seoul and New York; each reads every time, day separator and chat-list time in its own zone.

const DAY = 86_400_000;
const SEOUL = { timezoneId: "Asia/Seoul", locale: "ko-KR" };
const NEW_YORK = { timezoneId: "America/New_York", locale: "en-US" };

test.skip(!!process.env.DATABASE_URL, "backdates rows in the e2e SQLite file");

/** Moves a message back in time, as if it had been sent then (the rows are the test's own). */
async function backdate(body: string, at: number) {
  const db = createClient({ url: `file:${path.join(process.env.E2E_DATA_DIR!, "moim.db")}` });
  const result = await db.execute({ sql: "UPDATE messages SET created_at = ? WHERE body = ?", args: [at, body] });
  db.close();
  expect(result.rowsAffected).toBe(1);
}

/** Server-rendered text that the browser would write otherwise fails hydration (React #418). */
const hydrationErrors: string[] = [];

async function contextPage(browser: Browser, zone: typeof SEOUL) {
  const context = await browser.newContext(zone);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#425/i.test(m.text())) hydrationErrors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/hydrat|#418|#425/i.test(e.message)) hydrationErrors.push(e.message);
  });
  return page;
}

// An independent reading of the wall calendar in a zone ("2026-12-01"), to say what to expect.
const ymd = (t: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(t);
const daysBefore = (t: number, now: number, timeZone: string) => (Date.parse(ymd(now, timeZone)) - Date.parse(ymd(t, timeZone))) / DAY;
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** What this browser's own Intl writes for `t`, in its own zone and language: the oracle. */
async function local(page: Page, t: number, options: Intl.DateTimeFormatOptions) {
  return squash(await page.evaluate(([t, o]) => new Intl.DateTimeFormat(navigator.language, o).format(t), [t, options] as const));
}

async function expectedSeparators(page: Page, instants: number[], now: number, zone: typeof SEOUL): Promise<string[]> {
  const [today, yesterday] = zone.locale === "ko-KR" ? ["오늘", "어제"] : ["Today", "Yesterday"];
  const days = [...new Set(instants.map((t) => ymd(t, zone.timezoneId)))];
  const labels: string[] = [];
  for (const day of days) {
    const t = instants.find((i) => ymd(i, zone.timezoneId) === day)!;
    const ago = daysBefore(t, now, zone.timezoneId);
    labels.push(ago === 0 ? today! : ago === 1 ? yesterday! : await local(page, t, { dateStyle: "full" }));
  }
  return labels;
}

async function separators(page: Page) {
  return (await page.getByTestId("day-separator").allTextContents()).map(squash);
}

test("a week of history on a UTC server reads in the reader's own zone, in Seoul and in New York", UI_ONLY, async ({ browser }) => {
  const [seoul, b, c] = await Promise.all([contextPage(browser, SEOUL), contextPage(browser, SEOUL), contextPage(browser, SEOUL)]);
  // Three sign-ups, a space, four chats and two zones: a long flow on two shared cores (single
  // steps keep expect's limit).
  test.setTimeout(240_000);
  const [ana, bo, cy] = [makeUser("Ana"), makeUser("Bo"), makeUser("Cy")];
  for (const [page, user] of [
    [seoul, ana],
    [b, bo],
    [c, cy],
  ] as const)
    await signUp(page, user);
  const channelUrl = await spaceWith(seoul, [b, c], "Time zones");

  // Days counted back from the UTC midnight before now; 01:10 UTC is 10:10 in Seoul and the
  // evening before in New York; 14:00 and 16:00 UTC are one day in New York, two in Seoul.
  const now = Date.now();
  const midnight = Math.floor(now / DAY) * DAY;
  const history: [string, number][] = [
    ["week-1", midnight - 6 * DAY + 70 * 60_000],
    ["week-2", midnight - 5 * DAY + 70 * 60_000],
    ["week-3", midnight - 4 * DAY + 14 * 3_600_000],
    ["week-4", midnight - 4 * DAY + 16 * 3_600_000],
    ["week-5", midnight - 3 * DAY + 70 * 60_000],
    ["week-6", midnight - 2 * DAY + 70 * 60_000],
    ["week-7", midnight - 1 * DAY + 70 * 60_000],
  ];
  for (const [body] of history) await sendMessage(seoul, body);
  await sendMessage(seoul, "week-now");
  await expect(seoul.getByTestId("message-body").filter({ hasText: "week-now" })).toBeVisible();

  // The chat list: a dm just now, a dm and a group further back, a group from last year.
  await newChat(seoul, [bo.name]);
  await say(seoul, "list-now");
  await newChat(seoul, [cy.name]);
  await say(seoul, "list-late");
  await newChat(seoul, [bo.name, cy.name], "Month group");
  await say(seoul, "list-month");
  await newChat(seoul, [bo.name, cy.name], "Old group");
  await say(seoul, "list-old");
  const lastYear = new Date(now).getUTCFullYear() - 1;
  const list: [string, string, number][] = [
    [cy.name, "list-late", midnight - DAY + 15.5 * 3_600_000], // 00:30 in Seoul, 10:30 the morning before in New York
    ["Month group", "list-month", midnight - 20 * DAY + 3_600_000],
    ["Old group", "list-old", Date.UTC(lastYear, 10, 24, 3, 0)],
  ];
  for (const [body, at] of history) await backdate(body, at);
  for (const [, body, at] of list) await backdate(body, at);

  const newYork = await contextPage(browser, NEW_YORK);
  await signIn(newYork, ana);
  await expect(newYork).toHaveURL(/\/spaces/);

  const instants = [...history.map(([, at]) => at), Date.now()];
  for (const [page, zone] of [
    [seoul, SEOUL],
    [newYork, NEW_YORK],
  ] as const) {
    await page.goto(channelUrl);
    await channelReady(page);
    const expected = await expectedSeparators(page, instants, Date.now(), zone);
    await expect.poll(() => separators(page)).toEqual(expected);

    // One message at a known instant: its hour in this zone, and the full date on hover.
    const [, at] = history[4]!;
    const time = page.getByTestId("message").filter({ hasText: "week-5" }).getByTestId("message-time");
    await expect(time).toHaveText(await local(page, at, { hour: "numeric", minute: "2-digit" }));
    await expect(time).toHaveAttribute("title", await local(page, at, { dateStyle: "full", timeStyle: "short" }));

    await page.goto("/chats");
    for (const [name, , at] of list) {
      const ago = daysBefore(at, Date.now(), zone.timezoneId);
      const sameYear = ymd(at, zone.timezoneId).slice(0, 4) === ymd(Date.now(), zone.timezoneId).slice(0, 4);
      const expected =
        ago <= 0
          ? await local(page, at, { hour: "numeric", minute: "2-digit" })
          : ago === 1
            ? { "ko-KR": "어제", "en-US": "Yesterday" }[zone.locale]!
            : await local(page, at, sameYear ? { month: "short", day: "numeric" } : { year: "numeric", month: "numeric", day: "numeric" });
      await expect(chatRow(page, name).locator("time")).toHaveText(expected);
    }
    await expect(chatRow(page, bo.name).locator("time")).toHaveText(/\d:\d\d/);
  }

  // Seoul, spelled out: no DST there, so these hold on any date the suite runs.
  await seoul.goto(channelUrl);
  await expect(seoul.getByTestId("message").filter({ hasText: "week-5" }).getByTestId("message-time")).toHaveText("오전 10:10");
  await seoul.goto("/chats");
  await expect(chatRow(seoul, "Old group").locator("time")).toHaveText(`${lastYear}. 11. 24.`);
  expect(hydrationErrors).toEqual([]);
});
