import { expect, type Page } from "@playwright/test";

// Page objects of the chats screens (the chat list, New chat, a conversation).

/** A row of the chat list, by the conversation's name. */
export function chatRow(page: Page, name: string) {
  return page.getByTestId("conversation-row").filter({ has: page.getByTestId("conversation-name").getByText(name, { exact: true }) });
}

export function chatNames(page: Page) {
  return page.getByTestId("chat-list").getByTestId("conversation-name");
}

export function railUnread(page: Page) {
  return page.getByTestId("chats-unread");
}

/** The message box of a dm or group ("Message Bob" / "Bob에게 메시지 보내기"). */
export function chatComposer(page: Page) {
  return page.getByRole("textbox", { name: /^Message |에게 메시지 보내기$/ });
}

export async function say(page: Page, text: string) {
  await chatComposer(page).fill(text);
  await chatComposer(page).press("Enter");
  await expect(page.getByTestId("message-body").filter({ hasText: text })).toBeVisible();
}

/** Opens "New chat" on the chat list and ticks these people (the dialog stays open). */
export async function pickPeople(page: Page, names: string[]) {
  await page.goto("/chats");
  await page.getByRole("button", { name: /^(New chat|새 채팅)$/ }).click();
  const dialog = page.getByRole("dialog");
  for (const name of names) await dialog.getByRole("checkbox", { name, exact: true }).check();
  return dialog;
}

/** Starts a dm (one person) or a group (several) from "New chat"; resolves to its channel id. */
export async function newChat(page: Page, names: string[], groupName?: string): Promise<string> {
  const dialog = await pickPeople(page, names);
  if (groupName) await dialog.getByLabel(/^(Group name|채팅방 이름)$/).fill(groupName);
  await dialog.getByRole("button", { name: /^(Chat|채팅하기|Create group|그룹 만들기)$/ }).click();
  return conversationId(page);
}

export async function conversationId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  await expect(chatComposer(page)).toBeVisible();
  return page.url().split("/").at(-1)!;
}

export function systemLines(page: Page) {
  return page.getByTestId("system-message");
}
