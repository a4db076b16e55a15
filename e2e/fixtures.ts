import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type APIResponse,
  type Browser,
  type Page,
  type Route,
} from "@playwright/test";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "@/lib/realtime/contract";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** A user unique to this run, so suites can share a database. */
export function makeUser(name: string): TestUser {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `${name.toLowerCase()}.${tag}@example.test`, password: `pass-${tag}-9` };
}

/** Each named user gets a browser context of their own (cookies, storage, language). */
async function userPage(browser: Browser, locale: string, use: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await use(page);
  await context.close();
}

export const test = base.extend<{ alice: Page; bob: Page; carol: Page }>({
  alice: async ({ browser }, use) => userPage(browser, "en-US", use),
  bob: async ({ browser }, use) => userPage(browser, "ko-KR", use),
  carol: async ({ browser }, use) => userPage(browser, "en-US", use),
});

export { expect };

/**
 * The tag of a test that checks only what the browser draws from what it is given: axe and
 * themes, markdown, layout, time-zone formatting, keyboard focus. Such a test reads nothing that
 * the database or pub/sub changes, so CI's second pass (MariaDB + Redis, E2E_SKIP_UI_ONLY=1 in
 * .ci/run) leaves it out after its first pass ran it; `npm test` lists it as skipped. A test that
 * checks what another user sees, what is stored, or what a server query finds is not tagged.
 */
export const UI_ONLY = { tag: "@ui-only" };

// ---- page objects ---------------------------------------------------------------------

/**
 * A signed-up and signed-in user on /spaces, by the same two requests the sign-up form makes
 * (POST /api/signup, then next-auth's credentials sign-in) from the page's own cookie jar:
 * most specs need a user, not the form. The form itself is tested by `signUpThroughForm`
 * (e2e/auth.spec.ts) and by the invite sign-up of e2e/onboarding.spec.ts.
 */
export async function signUp(page: Page, user: TestUser) {
  const created = await page.request.post("/api/signup", { data: { email: user.email, password: user.password, name: user.name } });
  expect(created.status(), await created.text()).toBe(200);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
  });
  expect(signedIn.ok(), await signedIn.text()).toBe(true);
  await page.goto("/spaces");
  await expect(page).toHaveURL(/\/spaces$/);
}

/** Signs a new user up through the form, as a person does; lands on /spaces. */
export async function signUpThroughForm(page: Page, user: TestUser) {
  await page.goto("/signup");
  await page.getByLabel(/Display name|닉네임/).fill(user.name);
  await page.getByLabel(/^(Email|이메일)$/).fill(user.email);
  await page.getByLabel(/^(Password|비밀번호)$/).fill(user.password);
  await page.getByRole("button", { name: /^(Sign up|회원가입)$/ }).click();
  await expect(page).toHaveURL(/\/spaces$/);
}

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel(/^(Email|이메일)$/).fill(user.email);
  await page.getByLabel(/^(Password|비밀번호)$/).fill(user.password);
  await page.getByRole("button", { name: /^(Sign in|로그인)$/ }).click();
}

export async function createSpace(page: Page, name: string) {
  await page.goto("/spaces");
  await page.getByLabel(/Space name|스페이스 이름/).fill(name);
  await page.getByRole("button", { name: /^(Create|만들기)$/ }).click();
  await expect(page.getByTestId("space-name")).toHaveText(name);
}

export async function copyInviteLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: /^(Invite people|초대하기)$/ }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/[\w-]+$/);
  const url = await link.inputValue();
  await page.keyboard.press("Escape");
  return url;
}

/**
 * The open channel is joined and its history loaded. Live-only events (typing) reach a page
 * only from then on, so a test that types for someone else waits for this first.
 */
export async function channelReady(page: Page) {
  // The page brings the first messages (data-state="ready" before any socket); the join follows.
  await expect(page.getByTestId("message-list")).toHaveAttribute("data-joined", "true");
}

export function composer(page: Page) {
  return page.getByRole("textbox", { name: /Message #|에 메시지 보내기/ });
}

export async function sendMessage(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press("Enter");
}

export function messageBodies(page: Page) {
  return page.getByTestId("message-body");
}

/** The profile card that a person's name opens. */
export function profileCard(page: Page) {
  return page.getByTestId("profile-card");
}

/** The page's own alert (Next adds an empty route announcer with role=alert outside <main>). */
export function alertIn(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/**
 * Accepts an invite (its link, as copyInviteLink gives it) by the request the invite page's Join
 * button makes, from the page's own cookie jar; returns where that button would go. For a spec
 * that needs many members, not the invite page: the page and its button are tested by
 * spaceWith, e2e/chat.spec.ts, e2e/onboarding.spec.ts and e2e/spaces-admin.spec.ts.
 */
export async function joinByInvite(page: Page, invite: string): Promise<string> {
  const code = new URL(invite).pathname.split("/").at(-1)!;
  const joined = await page.request.post(`/api/invites/${encodeURIComponent(code)}`, { data: {} });
  expect(joined.status(), await joined.text()).toBe(200);
  const { space } = (await joined.json()) as { space: { id: string; defaultChannelId: string } };
  return `/spaces/${space.id}/${space.defaultChannelId}`;
}

/** Alice makes a space; the others join it through its invite link and land in #general. */
export async function spaceWith(owner: Page, others: Page[], name: string): Promise<string> {
  await createSpace(owner, name);
  const invite = await copyInviteLink(owner);
  for (const page of others) {
    await page.goto(invite);
    await page.getByRole("main").getByRole("button").click();
    await expect(page.getByTestId("space-name")).toHaveText(name);
    await channelReady(page);
  }
  await channelReady(owner);
  return owner.url();
}

/** A socket speaking as the page's signed-in user (its session cookie), for seeding quickly. */
export async function socketOf(page: Page, baseURL: string) {
  const cookies = await page.context().cookies();
  const socket = io(baseURL, {
    transports: ["websocket"],
    extraHeaders: { origin: baseURL, cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
    auth: { protocol: PROTOCOL_VERSION },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** WCAG 2.2 AA's serious and critical violations on the page (or inside `within`), one line each; none expected. */
export async function a11yViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  const result = await (within ? builder.include(within) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`));
}

/**
 * `route.fetch()` for a test that holds or rewrites an answer. Playwright's own client reuses
 * kept-alive sockets, and one the server closed at its keep-alive timeout answers ECONNRESET on
 * reuse; the browser would retry such a request, so this does too (the server never saw it).
 */
export async function fetchRouted(route: Route, attempts = 3): Promise<APIResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await route.fetch();
    } catch (error) {
      if (attempt >= attempts || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    }
  }
}
