import { expect, type Locator, type Page } from "@playwright/test";
import { channelReady } from "./fixtures";

// Page objects of the space screen's admin parts (space menu, channels, categories, members).

/** A 1×1 PNG, as a space icon. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export function spaceMenu(page: Page) {
  return page.getByRole("button", { name: /^(Space menu|스페이스 메뉴)$/ }).first();
}

export async function fromSpaceMenu(page: Page, item: RegExp) {
  await spaceMenu(page).click();
  await page.getByRole("menuitem", { name: item }).click();
}

export function dialog(page: Page) {
  return page.getByRole("dialog").filter({ has: page.locator("h2") });
}

/** The channel names of one group of the channel list (null: the channels without a category). */
export function channelsIn(page: Page, category: string | null): Locator {
  const groups = page.locator("aside").first().getByTestId("channel-group");
  const group =
    category === null ? groups.first() : groups.filter({ has: page.getByTestId("category-name").getByText(category, { exact: true }) });
  return group.getByTestId("channel-name");
}

export function channelLink(page: Page, name: string) {
  return page
    .locator("aside")
    .first()
    .getByRole("link")
    .filter({ has: page.getByTestId("channel-name").getByText(name, { exact: true }) });
}

/**
 * Opens a channel from the list and waits until it is the open one and live. Waiting for the
 * list's "joined" mark alone is not enough: until the switch lands, it may be the previous
 * channel's list that says so, and a message typed then can miss the channel being opened
 * (e2e/feedback.spec.ts failed so on both databases).
 */
export async function openChannel(page: Page, name: string) {
  await channelLink(page, name).click();
  await expect(channelLink(page, name)).toHaveAttribute("aria-current", "page");
  await channelReady(page);
}

export async function createCategory(page: Page, name: string) {
  await fromSpaceMenu(page, /^Create category$/);
  await dialog(page).getByLabel("Category name").fill(name);
  await dialog(page).getByRole("button", { name: "Create" }).click();
  await expect(dialog(page)).toHaveCount(0);
}

export async function createChannel(
  page: Page,
  options: { name: string; kind?: "Text" | "Video"; category?: string; privateFor?: string[] },
) {
  if (options.category) await page.getByRole("button", { name: `Create a channel in ${options.category}` }).click();
  else await fromSpaceMenu(page, /^Create channel$/);
  const d = dialog(page);
  if (options.kind === "Video") await d.getByRole("radio", { name: /Video/ }).check();
  await d.getByLabel("Channel name").fill(options.name);
  if (options.privateFor) {
    await d.getByRole("checkbox", { name: /Private channel/ }).check();
    for (const name of options.privateFor) await d.getByRole("checkbox", { name }).check();
  }
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d).toHaveCount(0);
}

export async function memberAction(page: Page, member: string, action: RegExp) {
  await page
    .getByRole("button", { name: `Options for ${member}` })
    .first()
    .click();
  await page.getByRole("menuitem", { name: action }).click();
}
