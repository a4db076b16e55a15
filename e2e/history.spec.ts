import { channelReady, expect, makeUser, messageBodies, signUp, socketOf, spaceWith, test } from "./fixtures";
import type { Page } from "@playwright/test";

test("scrolling up loads older pages by seq, and 'jump to latest' returns to the newest", async ({ alice, bob, carol, baseURL }) => {
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await signUp(carol, makeUser("Carol"));
  const channelUrl = await spaceWith(alice, [bob, carol], "Long history");
  const channelId = channelUrl.split("/").at(-1)!;

  // 66 messages from three people, within the send rate limit
  const senders = await Promise.all([alice, bob, carol].map((p) => socketOf(p, baseURL!)));
  await Promise.all(
    senders.map(async (s, who) => {
      for (let k = 0; k < 22; k++) {
        for (;;) {
          const ack = await s
            .timeout(5000)
            .emitWithAck("message:send", { channelId, clientId: `seed-${who}-${k}-xxxx`, body: `msg ${who}.${k}` });
          if (ack.ok) break;
          await new Promise((r) => setTimeout(r, 350)); // rate_limited: wait for a token
        }
      }
    }),
  );
  for (const s of senders) s.close();

  await alice.goto(channelUrl);
  await expect(messageBodies(alice)).toHaveCount(50); // the newest page, in the server's HTML
  // Scrolling before the page is live (hydrated, joined) is not something a reader can do in time.
  await channelReady(alice);
  const list = alice.getByTestId("message-list");
  await list.evaluate((el) => (el.scrollTop = 0));
  await expect(messageBodies(alice)).toHaveCount(66); // the older page came in above
  await expect(alice.getByTestId("message").first()).toHaveAttribute("data-seq", "1");
  const seqs = await alice.getByTestId("message").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))));
  expect(seqs).toEqual(Array.from({ length: 66 }, (_, i) => i + 1));

  // On a phone too, the pill sits below the list: it hides no message.
  await alice.setViewportSize({ width: 390, height: 844 });
  const pill = alice.getByRole("button", { name: /Jump to latest/ });
  await expect(pill).toBeVisible();
  const [pillBox, listBox] = [(await pill.boundingBox())!, (await list.boundingBox())!];
  expect(pillBox.y).toBeGreaterThanOrEqual(listBox.y + listBox.height);
  await alice.getByRole("button", { name: /Jump to latest/ }).click();
  await expect(alice.getByTestId("message").last()).toBeInViewport();
  await expect(alice.getByRole("button", { name: /Jump to latest/ })).toHaveCount(0);
});
