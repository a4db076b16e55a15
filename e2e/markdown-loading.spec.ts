import type { Page } from "@playwright/test";
import { chatComposer, newChat } from "./chats.pages";
import { channelReady, expect, fetchRouted, makeUser, messageBodies, sendMessage, signUp, spaceWith, test, UI_ONLY } from "./fixtures";

/**
 * The markdown parser is not in a page's first load (components/chat/useMarkdown.tsx): the
 * server sends the first messages parsed, and the browser imports the parser after hydration.
 * Here the parser's chunk (found by a string only mdast-util-from-markdown holds) is held back
 * until the test lets it through, to see a page before and after it arrives.
 */
const PARSER_MARKER = "Cannot close document";

interface Gate {
  /** Resolves when the page asked for the parser: hydration is done (it is imported in an effect). */
  requested: Promise<void>;
  release: () => void;
}

async function holdParser(page: Page): Promise<Gate> {
  let requested!: () => void;
  let release!: () => void;
  const asked = new Promise<void>((r) => (requested = r));
  const open = new Promise<void>((r) => (release = r));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    const response = await fetchRouted(route);
    const body = await response.text();
    if (body.includes(PARSER_MARKER)) {
      requested();
      await open;
    }
    await route.fulfill({ response, body });
  });
  return { requested: asked, release };
}

/** Server-rendered markup that the browser renders otherwise fails hydration (React #418, #425). */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#423|#425/i.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/hydrat|#418|#423|#425/i.test(e.message)) errors.push(e.message);
  });
  return errors;
}

test("a channel's first page is formatted before the parser loads, and a live message is formatted once it has", UI_ONLY, async ({ alice, bob }) => {
  const a = makeUser("Alice");
  await signUp(alice, a);
  await signUp(bob, makeUser("Bob"));
  const url = await spaceWith(alice, [bob], "마크다운 모임");
  await sendMessage(alice, "**마감**은 `금요일`");
  await expect(messageBodies(bob).last().locator("strong")).toHaveText("마감");

  const errors = hydrationErrors(bob);
  const gate = await holdParser(bob);
  await bob.goto(url);
  await gate.requested;
  // Hydrated, without the parser: the first page is the server's formatting, labels without marks.
  const first = messageBodies(bob).last();
  await expect(first.locator("strong")).toHaveText("마감");
  await expect(first.locator("code")).toHaveText("금요일");
  await expect(bob.locator("[data-markdown=pending]")).toHaveCount(0);
  await expect(bob.getByTestId("message").last()).toHaveAttribute("aria-label", /마감은 금요일/);

  // A live message before the parser is there: its text as typed, then formatted when it loads.
  await channelReady(bob);
  await sendMessage(alice, "~~취소~~ *기울임*");
  const live = messageBodies(bob).last();
  await expect(live).toHaveText("~~취소~~ *기울임*");
  await expect(live).toHaveAttribute("data-markdown", "pending");
  gate.release();
  await expect(live.locator("del")).toHaveText("취소");
  await expect(live.locator("em")).toHaveText("기울임");
  await expect(live).not.toHaveAttribute("data-markdown");
  await expect(bob.getByTestId("message").last()).toHaveAttribute("aria-label", /취소 기울임/);

  // After it: formatted at once.
  await sendMessage(alice, "> 인용\n\n- 하나");
  await expect(messageBodies(bob).last().locator("blockquote")).toHaveText("인용");
  await expect(messageBodies(bob).last().locator("li")).toHaveText("하나");
  expect(errors).toEqual([]);
});

test("the chat list's previews hydrate without their marks before the parser loads", UI_ONLY, async ({ alice, bob }) => {
  await signUp(alice, makeUser("Alice"));
  const b = makeUser("Bob");
  await signUp(bob, b);
  await spaceWith(alice, [bob], "Preview club");
  await newChat(alice, [b.name]);
  await channelReady(alice);
  await chatComposer(alice).fill("**내일** `10시`");
  await chatComposer(alice).press("Enter");
  await expect(messageBodies(alice).last().locator("strong")).toHaveText("내일");

  const errors = hydrationErrors(bob);
  const gate = await holdParser(bob);
  await bob.goto("/chats");
  await gate.requested;
  await expect(bob.getByTestId("conversation-preview").first()).toHaveText("내일 10시");
  gate.release();
  expect(errors).toEqual([]);
});
