import "server-only";
import { rooms, type ChatMessage } from "@/lib/realtime/contract";
import { events } from "../../events/sink";
import { ensurePreview, linkMessage, markCardsArrived, previewLinks, previewsEnabled, takePreviewToken } from "../../links/previews";
import { getMessageStore } from "..";
import type { AfterCommitHook } from "../pipeline";
import { toChatMessages } from "../views";

/**
 * Cards for a new message's first links: the links are recorded against the message, each
 * page is fetched (or taken from the cache), and the message goes out again as it is now
 * (`message:updated`) to the channel's room, so readers see the cards appear. History brings
 * them back from the same rows (views.ts). Nothing is sent when no link got a card.
 */
export const linkPreviews: AfterCommitHook = ({ channel, message }) => showCards(channel.id, message);

/**
 * Fetches and shows the cards of a message's links: a new message's, or after an edit
 * (`onlyNew`) only when the edit added a link, so an edit that kept its links sends nothing more.
 */
export async function showCards(channelId: string, message: ChatMessage, onlyNew = false): Promise<void> {
  if (message.system || !message.body || !previewsEnabled()) return;
  const urls = previewLinks(message.body);
  if (urls.length === 0) return;
  if (onlyNew) {
    if ((await linkMessage({ id: message.id, channelId }, urls)) === 0) return;
    if (!(await takePreviewToken(message.author.id))) return;
  } else {
    if (!(await takePreviewToken(message.author.id))) return;
    await linkMessage({ id: message.id, channelId }, urls);
  }
  const shown = await Promise.all(urls.map(ensurePreview));
  if (!shown.some(Boolean)) return;
  await markCardsArrived(message.id);
  // Read back as it is now: edited, deleted or a card removed meanwhile is what goes out.
  const [stored] = await (await getMessageStore()).get(channelId, [message.id]);
  if (!stored || stored.deletedAt) return;
  const [now] = await toChatMessages(channelId, [stored]);
  events().publish(rooms.channel(channelId), "message:updated", now!);
}
