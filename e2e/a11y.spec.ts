import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { THEME_COOKIE } from "../lib/theme";
import { LOCALE_COOKIE } from "../lib/i18n";
import { chatNames, chatRow, newChat, say } from "./chats.pages";
import {
  channelReady,
  copyInviteLink,
  createSpace,
  expect,
  makeUser,
  messageBodies,
  profileCard,
  sendMessage,
  signUp,
  test,
  UI_ONLY,
} from "./fixtures";
import { channelLink, createChannel, dialog, fromSpaceMenu } from "./spaces.pages";
import { joinRoom } from "./video.pages";

// WCAG 2.2 AA on every main screen, in both languages and both themes: the data is built once
// (three people, a space with a week's worth of talk, a video channel, a dm, a group, a friend
// request), then each screen is opened once per language × theme by switching the two cookies.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const COMBINATIONS = [
  { locale: "ko", theme: "light" },
  { locale: "ko", theme: "dark" },
  { locale: "en", theme: "light" },
  { locale: "en", theme: "dark" },
] as const;

// A11Y_PHONE=1 runs the same screens at phone size.
const VIEWPORT = process.env.A11Y_PHONE ? { width: 390, height: 844 } : { width: 1440, height: 900 };

interface Screen {
  name: string;
  guest?: boolean; // opened signed out
  open: (page: Page) => Promise<void>;
  close?: (page: Page) => Promise<void>;
}

async function setPreferences(context: BrowserContext, baseURL: string, locale: string, theme: string) {
  await context.addCookies([
    { name: LOCALE_COOKIE, value: locale, url: baseURL },
    { name: THEME_COOKIE, value: theme, url: baseURL },
  ]);
}

/**
 * Transitions and Radix's open animations done, so colours are the ones that stay. Checked
 * twice, a moment apart: a dialog's content (and a form that fills in once its data arrives)
 * can start animating just after the first look.
 */
async function settled(page: Page) {
  const idle = () => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  await idle();
  await page.waitForTimeout(200);
  await idle();
}

/** The serious and critical violations, one readable line per failing node. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`));
}

/** The people and what they said, built once for all four language × theme runs. */
async function buildState(browser: Browser) {
  const open = async (locale: string) => (await browser.newContext({ locale, viewport: VIEWPORT })).newPage();
  const [alice, bob, carol] = [await open("en-US"), await open("ko-KR"), await open("ko-KR")];
  const [a, b, c] = [
    { ...makeUser("minji"), name: "김민지" },
    { ...makeUser("junho"), name: "이준호" },
    { ...makeUser("seoyeon"), name: "박서연" },
  ];
  for (const [page, user] of [
    [alice, a],
    [bob, b],
    [carol, c],
  ] as const)
    await signUp(page, user);

  // A space with talk in its first channel, and a video channel.
  await createSpace(alice, "주말 등산 모임");
  const invite = await copyInviteLink(alice);
  for (const page of [bob, carol]) {
    await page.goto(invite);
    await page.getByRole("main").getByRole("button").click();
    await channelReady(page);
  }
  const channelUrl = alice.url();
  await channelReady(alice);
  await sendMessage(alice, "이번 주 토요일 북한산 어때요? 아침 8시에 구파발역에서 만나요 🙂");
  await sendMessage(bob, "좋아요! 저는 김밥 챙겨갈게요");
  await sendMessage(carol, "비 온다는 예보가 있던데, 우비도 챙기세요 ☔");
  await expect(messageBodies(alice)).toHaveCount(3);
  await createChannel(alice, { name: "화상 회의", kind: "Video" });
  await channelLink(alice, "화상 회의").click();
  await expect(alice.getByTestId("prejoin")).toBeVisible();
  const videoUrl = alice.url();

  // Bob asks Alice to be friends (from her card); a dm and a group with messages she has not
  // all read, and her own messages that the others have not read yet ("unread by N").
  await bob.goto(channelUrl);
  await bob.getByTestId("message-author").getByText(a.name, { exact: true }).first().click();
  await profileCard(bob).getByRole("button", { name: "친구 추가" }).click();
  await expect(profileCard(bob).getByTestId("friend-state")).toHaveText("요청 보냄");
  await bob.keyboard.press("Escape");
  const dm = await newChat(alice, [b.name]);
  await say(alice, "준호 씨, 내일 회의 자료 보내주실 수 있어요?");
  await say(alice, "오후 3시 전까지면 좋겠어요");
  const group = await newChat(alice, [b.name, c.name], "등산 준비물");
  await say(alice, "준비물 목록 정리해서 올릴게요");
  await carol.goto(`/chats/${group}`);
  await say(carol, "헤드랜턴은 제가 두 개 있어요");
  await alice.goto("/chats");
  await expect(chatNames(alice)).toHaveCount(2);

  await Promise.all([bob.context().close(), carol.context().close()]);
  const screens: Screen[] = [
    { name: "sign-in", guest: true, open: async (p) => void (await p.goto("/signin")) },
    { name: "sign-up", guest: true, open: async (p) => void (await p.goto("/signup")) },
    {
      name: "invite",
      guest: true,
      open: async (p) => {
        await p.goto(invite);
        await expect(p.getByRole("main")).toContainText("주말 등산 모임");
      },
    },
    { name: "spaces home", open: async (p) => void (await p.goto("/spaces")) },
    {
      name: "text channel",
      open: async (p) => {
        await p.goto(channelUrl);
        await channelReady(p);
        await expect(messageBodies(p)).toHaveCount(3);
      },
    },
    {
      name: "profile card",
      open: async (p) => {
        await p.goto(channelUrl);
        await channelReady(p);
        await p.getByTestId("message-author").getByText(b.name, { exact: true }).first().click();
        await expect(profileCard(p)).toBeVisible();
      },
    },
    {
      name: "space settings",
      open: async (p) => {
        await p.goto(channelUrl);
        await fromSpaceMenu(p, /^(Space settings|스페이스 설정)$/);
        await expect(dialog(p)).toBeVisible();
      },
    },
    {
      name: "video channel",
      open: async (p) => {
        await p.goto(videoUrl);
        await expect(p.getByTestId("prejoin").getByRole("button", { name: /^(Join|참여하기)$/ })).toBeEnabled();
      },
    },
    {
      name: "video call",
      open: async (p) => {
        await p.goto(videoUrl);
        await p.getByRole("button", { name: /^(Turn camera off|카메라 끄기)$/ }).click();
        await joinRoom(p);
      },
      close: async (p) => {
        await p.getByRole("button", { name: /^(Leave|나가기)$/ }).click();
        await expect(p.getByTestId("prejoin")).toBeVisible();
      },
    },
    {
      name: "chat list",
      open: async (p) => {
        await p.goto("/chats");
        await expect(chatRow(p, "등산 준비물")).toBeVisible();
      },
    },
    {
      name: "dm",
      open: async (p) => {
        await p.goto(`/chats/${dm}`);
        await expect(messageBodies(p)).toHaveCount(2);
      },
    },
    {
      name: "group",
      open: async (p) => {
        await p.goto(`/chats/${group}`);
        await expect(messageBodies(p)).toHaveCount(2);
      },
    },
    {
      name: "members panel",
      open: async (p) => {
        await p.goto(`/chats/${group}`);
        await p.getByRole("button", { name: /^(Members|멤버)$/ }).click();
        await expect(p.getByTestId("members-panel")).toBeVisible();
      },
    },
    {
      name: "friends",
      open: async (p) => {
        await p.goto("/friends");
        await expect(p.getByTestId("my-profile")).toBeVisible();
      },
    },
    {
      name: "profile edit",
      open: async (p) => {
        await p.goto("/friends");
        await p
          .getByTestId("my-profile")
          .getByRole("button", { name: /^(Edit profile|프로필 편집)$/ })
          .click();
        await expect(p.getByTestId("edit-profile")).toBeVisible();
      },
    },
  ];

  return { alice, screens };
}

test.describe("every main screen passes axe (WCAG 2.2 AA: no serious or critical violations)", UI_ONLY, () => {
  // Each language × theme is a test of its own: 15 screens, each a page load and an axe run
  // (about 1–2 s a screen on a quiet machine, 5–10 s with two cores shared by several builds).
  test.describe.configure({ timeout: 300_000 });
  let state: Awaited<ReturnType<typeof buildState>>;
  let guest: BrowserContext;
  let guestPage: Page;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000); // three sign-ups, a space, a dm and a group, in three browsers (slow on shared cores)
    state = await buildState(browser);
    guest = await browser.newContext({ viewport: VIEWPORT });
    guestPage = await guest.newPage();
  });
  test.afterAll(async () => {
    await Promise.all([state?.alice.context().close(), guest?.close()]);
  });

  for (const { locale, theme } of COMBINATIONS) {
    test(`in ${locale === "ko" ? "Korean" : "English"}, ${theme}`, async ({ baseURL }) => {
      const { alice, screens } = state;
      for (const context of [alice.context(), guest]) await setPreferences(context, baseURL!, locale, theme);
      const failures: string[] = [];
      for (const screen of screens) {
        const page = screen.guest ? guestPage : alice;
        await screen.open(page);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
        await settled(page);
        // A11Y_SHOTS=<dir>: also keep a picture of each screen (for looking at the themes).
        if (process.env.A11Y_SHOTS)
          await page.screenshot({
            path: `${process.env.A11Y_SHOTS}/${screen.name.replace(/ /g, "-")}-${locale}-${theme}-${VIEWPORT.width}.png`,
          });
        const found = await violations(page);
        failures.push(...found.map((line) => `[${screen.name}] ${line}`));
        await screen.close?.(page);
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});

test("the theme follows the system until the reader picks one, and the pick is in the server's first HTML on the next visit", UI_ONLY, async ({
  alice,
}) => {
  const background = () => alice.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await alice.emulateMedia({ colorScheme: "dark" });
  await alice.goto("/signin");
  await expect(alice.locator("html")).not.toHaveClass(/\b(light|dark)\b/);
  expect(await background()).toBe("rgb(21, 19, 17)");
  await alice.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe("rgb(250, 250, 249)");

  await alice.getByRole("combobox", { name: "Theme" }).selectOption({ label: "Dark" });
  await expect(alice.locator("html")).toHaveClass(/\bdark\b/);
  expect(await background()).toBe("rgb(21, 19, 17)");
  const html = await (await alice.request.get("/signin")).text();
  expect(html).toMatch(/<html[^>]*class="[^"]*\bdark\b/);
  await alice.reload();
  await expect(alice.getByRole("combobox", { name: "Theme" })).toHaveValue("dark");
  expect(await background()).toBe("rgb(21, 19, 17)");
});
