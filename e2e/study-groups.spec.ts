import type { Page } from "@playwright/test";
import { chatComposer, chatRow, say } from "./chats.pages";
import { a11yViolations, createSpace, expect, makeUser, signUp, test } from "./fixtures";

const GROUP = "정보처리기사 스터디";
const INQUIRY_GROUP = "정보처리기사 실기반";

/** The owner opens the space settings' Study tab from the space menu. */
async function openStudySettings(page: Page) {
  await page.getByTestId("space-name").click();
  await page.getByRole("menuitem", { name: /^(Space settings|스페이스 설정)$/ }).click();
  await page.getByRole("tab", { name: /^(Study|스터디)/ }).click();
  return page.getByRole("dialog");
}

/** The card of the group in the directory, found by a search. */
async function findCard(page: Page, search: string, name = GROUP) {
  // The rail's one Study entry, then the study pages' own tabs.
  await page.goto("/study");
  const tab = page.getByRole("navigation", { name: /^(Study sections|공부 메뉴)$/ }).getByRole("link", { name: /^(Groups|스터디 그룹)$/ });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-current", "page");
  await page.getByTestId("study-search").fill(search);
  const card = page.getByTestId("study-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(card).toHaveCount(1);
  return card;
}

/** A screenshot once the theme's colour transitions have run (a switch mid-transition draws the old colours). */
async function shot(page: Page, info: { outputPath: (name: string) => string }, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== "running"));
  await page.screenshot({ path: info.outputPath(name) });
}

/** Sets the space up as a listed study group through its settings route (for the second test). */
async function makeStudyGroup(page: Page, spaceId: string) {
  const res = await page.request.patch(`/api/spaces/${spaceId}/study`, {
    data: {
      enabled: true,
      description: "매주 화·목 저녁 9시 기출 풀이",
      target: "정보처리기사 실기 / 4월",
      capacity: 10,
      status: "recruiting",
      listed: true,
      joinMode: "request",
      tags: ["정보처리기사"],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test("an owner makes a space a study group; another user finds it by a tag, asks to join and is approved live", async ({
  alice,
  bob,
}, info) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, { ...makeUser("Minjun"), name: "민준" });
  await createSpace(alice, GROUP);

  // Alice (English) makes it a study group in the space settings.
  await alice.setViewportSize({ width: 1280, height: 900 });
  const dialog = await openStudySettings(alice);
  await dialog.getByTestId("study-enabled").check();
  await dialog.getByLabel("Target").fill("정보처리기사 실기 / 4월");
  await dialog.getByLabel("Description").fill("매주 화·목 저녁 9시, 기출 풀이와 오답 노트를 함께 해요. 비전공자 환영!");
  await dialog.getByLabel("Tags").fill("#정보처리기사, 자격증, IT");
  await dialog.getByLabel("Capacity").fill("8");
  await expect(dialog.getByTestId("study-listed")).toBeChecked();
  await shot(alice, info, "study-settings-en-desktop-light.png");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(alice.getByTestId("study-summary")).toContainText("Recruiting");
  await expect(alice.getByTestId("study-summary")).toContainText("1/8 members");
  await alice.emulateMedia({ colorScheme: "dark" });
  await shot(alice, info, "study-settings-en-desktop-dark.png");
  expect(await a11yViolations(alice, '[role="dialog"]')).toEqual([]);
  await alice.emulateMedia({ colorScheme: "light" });
  await alice.keyboard.press("Escape");

  // Bob (Korean) finds it by part of its name, then narrows by a tag.
  const card = await findCard(bob, "정보");
  await expect(card.getByTestId("study-status")).toHaveText("모집중");
  await expect(card).toContainText("정보처리기사 실기 / 4월");
  await expect(card.getByTestId("study-members")).toHaveText("1/8명");
  await bob.getByTestId("study-search").fill("");
  await card.getByTestId("study-tag").filter({ hasText: "#자격증" }).click();
  await expect(bob.getByRole("button", { name: "#자격증 필터 지우기" })).toBeVisible();
  await expect(bob.getByTestId("study-card")).toHaveCount(1);

  await bob.setViewportSize({ width: 390, height: 844 });
  await shot(bob, info, "study-directory-ko-phone-light.png");
  await bob.emulateMedia({ colorScheme: "dark" });
  await shot(bob, info, "study-directory-ko-phone-dark.png");
  expect(await a11yViolations(bob)).toEqual([]);
  await bob.emulateMedia({ colorScheme: "light" });
  await bob.setViewportSize({ width: 1280, height: 800 });

  // He asks to join with a note; Alice sees the request arrive live and approves it.
  await card.getByRole("button", { name: "참여 신청" }).click();
  await bob.getByRole("dialog").getByRole("textbox").fill("4월 시험 준비 중이에요. 평일 저녁 참여 가능합니다!");
  await bob.getByRole("dialog").getByRole("button", { name: "신청하기" }).click();
  await expect(card.getByTestId("study-pending")).toHaveText("승인 대기 중");
  await shot(bob, info, "study-directory-ko-desktop-light.png");

  await expect(alice.getByTestId("study-pending-button")).toHaveText("1 join request");
  await alice.getByTestId("study-pending-button").click();
  const request = alice.getByTestId("study-request");
  await expect(request).toContainText("민준");
  await expect(request).toContainText("4월 시험 준비 중이에요.");
  await shot(alice, info, "study-requests-en-desktop-light.png");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(alice.getByTestId("study-requests")).toBeHidden();

  // Bob hears it where he is: a notice, and the card opens the space now.
  await expect(bob.getByText(`${GROUP} 참여가 승인됐어요.`)).toBeVisible();
  await card.getByRole("link", { name: "열기" }).click();
  await expect(bob.getByTestId("space-name")).toHaveText(GROUP);
  await expect(bob.getByTestId("study-summary")).toContainText("2/8명");
  await bob.emulateMedia({ colorScheme: "dark" });
  await bob.goto("/study/groups");
  await shot(bob, info, "study-directory-ko-desktop-dark.png");
});

test("문의하기 clicked twice opens the same chat, shown in both chat lists with the group's name", async ({ alice, bob }, info) => {
  await signUp(bob, { ...makeUser("Seoyeon"), name: "서연" });
  await signUp(alice, makeUser("Alice"));
  await createSpace(bob, INQUIRY_GROUP);
  const spaceId = new URL(bob.url()).pathname.split("/")[2]!;
  await makeStudyGroup(bob, spaceId);

  // The organizer's settings in Korean, at desktop and phone width.
  await bob.setViewportSize({ width: 1280, height: 900 });
  await openStudySettings(bob);
  await shot(bob, info, "study-settings-ko-desktop-light.png");
  await bob.setViewportSize({ width: 390, height: 844 });
  await shot(bob, info, "study-settings-ko-phone-light.png");
  await bob.emulateMedia({ colorScheme: "dark" });
  await shot(bob, info, "study-settings-ko-phone-dark.png");
  await bob.emulateMedia({ colorScheme: "light" });
  await bob.keyboard.press("Escape");

  const card = await findCard(alice, "처리기사", INQUIRY_GROUP);
  await alice.setViewportSize({ width: 1280, height: 800 });
  await shot(alice, info, "study-directory-en-desktop-light.png");
  await card.getByRole("button", { name: "Ask the organizer" }).click();
  await expect(alice).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  const first = alice.url();
  await expect(alice.getByTestId("conversation-title")).toHaveText(`${INQUIRY_GROUP} · question`);

  const again = await findCard(alice, "처리기사", INQUIRY_GROUP);
  await alice.emulateMedia({ colorScheme: "dark" });
  await shot(alice, info, "study-directory-en-desktop-dark.png");
  await alice.emulateMedia({ colorScheme: "light" });
  await again.getByRole("button", { name: "Ask the organizer" }).click();
  await expect(alice).toHaveURL(first);
  await expect(chatComposer(alice)).toBeVisible();
  await say(alice, "안녕하세요! 비전공자도 참여할 수 있나요?");

  await alice.goto("/chats");
  await expect(chatRow(alice, `${INQUIRY_GROUP} · question`)).toHaveCount(1);
  await bob.goto("/chats");
  await expect(chatRow(bob, `Alice · ${INQUIRY_GROUP} 문의`)).toContainText("비전공자도");
  await shot(bob, info, "study-inquiry-ko-phone-chats.png");
});
