import type { Browser, Cookie, Page } from "@playwright/test";
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "@/lib/realtime/contract";
import { channelReady, createSpace, expect, makeUser, signIn, signUp, test } from "./fixtures";

const cookieHeader = (cookies: Cookie[]) => cookies.map((c) => `${c.name}=${c.value}`).join("; ");

/** Opens a socket as a browser would with these cookies: "connected", or the handshake's refusal. */
async function socketWith(baseURL: string, cookies: Cookie[]): Promise<string> {
  const socket = io(baseURL, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { origin: baseURL, cookie: cookieHeader(cookies) },
    auth: { protocol: PROTOCOL_VERSION },
  });
  try {
    return await new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (err) => resolve(err.message));
    });
  } finally {
    socket.close();
  }
}

/** What a copied cookie still opens: a page, the API and a socket. */
async function whatOpens(browser: Browser, baseURL: string, cookies: Cookie[]) {
  const context = await browser.newContext({ locale: "en-US" });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/spaces");
    const api = await context.request.get("/api/friends");
    return { page: new URL(page.url()).pathname, api: api.status(), socket: await socketWith(baseURL, cookies) };
  } finally {
    await context.close();
  }
}

async function signInElsewhere(page: Page, user: { email: string; password: string }) {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/spaces$/);
}

test("'sign out everywhere else' sends the other browser to sign-in within 5 s, and its old cookie opens nothing", async ({
  alice,
  carol: aliceOnPhone,
  browser,
  baseURL,
}) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  await createSpace(alice, "Two devices");
  const channelUrl = alice.url();
  await signInElsewhere(aliceOnPhone, user);
  await aliceOnPhone.goto(channelUrl);
  await channelReady(aliceOnPhone); // its socket is connected and in the channel
  const phoneCookies = await aliceOnPhone.context().cookies();
  expect(await whatOpens(browser, baseURL!, phoneCookies)).toEqual({ page: "/spaces", api: 200, socket: "connected" });

  await alice.getByRole("button", { name: "Account" }).last().click();
  await alice.getByRole("menuitem", { name: "Sign out everywhere else" }).click();
  const dialog = alice.getByRole("dialog", { name: "Sign out everywhere else?" });
  await dialog.getByRole("button", { name: "Sign out others" }).click();
  const endedAt = Date.now();
  await expect(dialog.getByRole("status")).toHaveText("Signed out 1 other session.");

  await expect(aliceOnPhone).toHaveURL(/\/signin/, { timeout: 5000 });
  console.log(`the other browser was on the sign-in page ${Date.now() - endedAt} ms after the click`);
  expect(await whatOpens(browser, baseURL!, phoneCookies)).toEqual({ page: "/signin", api: 401, socket: "unauthorized" });

  // This browser stays signed in, live.
  await dialog.getByRole("button", { name: "Close" }).click();
  await alice.reload();
  await channelReady(alice);
});

test("a plain sign-out ends that session everywhere: its old cookie opens no page, API or socket, and the other session stays", async ({
  alice,
  carol: aliceOnPhone,
  browser,
  baseURL,
}) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  await signInElsewhere(aliceOnPhone, user);
  const cookies = await alice.context().cookies();

  await alice.getByRole("button", { name: "Sign out" }).last().click();
  await expect(alice).toHaveURL(/\/signin/);
  expect(await whatOpens(browser, baseURL!, cookies)).toEqual({ page: "/signin", api: 401, socket: "unauthorized" });

  await aliceOnPhone.reload();
  await expect(aliceOnPhone).toHaveURL(/\/spaces$/);
  expect(await whatOpens(browser, baseURL!, await aliceOnPhone.context().cookies())).toEqual({ page: "/spaces", api: 200, socket: "connected" });
});

test("too many wrong passwords for one account are refused with how long to wait, even the right one", async ({ alice, carol }) => {
  const user = makeUser("Alice");
  await signUp(alice, user);
  for (let i = 0; i < 10; i++) {
    await signIn(carol, { email: user.email, password: `wrong-guess-${i}` });
    await expect(carol.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await signIn(carol, user);
  await expect(carol.getByRole("main").getByRole("alert")).toHaveText("Too many attempts — try again in 15 minutes.");
  await expect(carol).toHaveURL(/\/signin/);
});
