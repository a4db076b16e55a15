import { composer, expect, makeUser, messageBodies, sendMessage, signUp, spaceWith, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** The message whose own text (not a quote of it) contains `text`. */
function row(page: Page, text: string) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-body").filter({ hasText: text }) });
}

test("reply, reaction, mention, edit and delete are seen live by the other user", async ({ alice, bob }) => {
  alice.on("dialog", () => {
    throw new Error("a native dialog opened; delete must ask in a styled one");
  });
  await signUp(alice, makeUser("Alice"));
  await signUp(bob, makeUser("Bob"));
  await spaceWith(alice, [bob], "Actions club");

  await sendMessage(alice, "Study at 8?");
  await expect(messageBodies(bob).last()).toHaveText("Study at 8?");

  // Bob replies: the quote shows for both, and clicking it finds the original
  await row(bob, "Study at 8?").hover();
  await row(bob, "Study at 8?").getByRole("button", { name: "답장" }).click();
  await expect(bob.getByTestId("replying-to")).toContainText("Study at 8?");
  await composer(bob).fill("좋아요");
  await composer(bob).press("Enter");
  const replyAtAlice = row(alice, "좋아요");
  await expect(replyAtAlice.getByTestId("reply-quote")).toContainText("Alice");
  await expect(replyAtAlice.getByTestId("reply-quote")).toContainText("Study at 8?");

  // Bob reacts; Alice sees the count and adds hers
  await row(bob, "Study at 8?").hover();
  await row(bob, "Study at 8?").getByRole("button", { name: "반응 추가" }).click();
  await bob.getByRole("button", { name: "👍" }).click();
  const chipAtAlice = row(alice, "Study at 8?").getByTestId("reaction");
  await expect(chipAtAlice).toHaveText("👍1");
  await chipAtAlice.click();
  await expect(row(bob, "Study at 8?").getByTestId("reaction")).toHaveText("👍2");
  await expect(chipAtAlice).toHaveAttribute("aria-pressed", "true");

  // Bob mentions Alice through the suggestions, picking with the keyboard and typing on at once
  await composer(bob).pressSequentially("@Ali");
  await expect(bob.getByRole("option", { name: "@Alice" })).toBeVisible();
  await composer(bob).press("Enter");
  await composer(bob).pressSequentially("자료 고마워요");
  await composer(bob).press("Enter");
  const mention = row(alice, "자료 고마워요");
  await expect(mention.getByTestId("message-body")).toHaveText("@Alice 자료 고마워요");
  await expect(mention).toHaveClass(/border-amber-400/); // highlighted for the one mentioned

  // Alice edits, then deletes, her message
  await row(alice, "Study at 8?").hover();
  await row(alice, "Study at 8?").getByRole("button", { name: "Edit" }).click();
  await alice.getByRole("textbox", { name: "Edit" }).fill("Study at 9?");
  await alice.getByRole("textbox", { name: "Edit" }).press("Enter");
  await expect(row(bob, "Study at 9?")).toContainText("(수정됨)");

  await row(alice, "Study at 9?").hover();
  await row(alice, "Study at 9?").getByRole("button", { name: "Delete" }).click();
  const confirm = alice.getByRole("dialog", { name: "Delete message" });
  await expect(confirm).toContainText("deleted for everyone");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(bob.getByTestId("message-deleted")).toHaveText("삭제된 메시지입니다.");
  await expect(row(bob, "좋아요").getByTestId("reply-quote")).toContainText("삭제된 메시지");
  await bob.reload();
  await expect(bob.getByTestId("message-deleted")).toHaveText("삭제된 메시지입니다.");
});
