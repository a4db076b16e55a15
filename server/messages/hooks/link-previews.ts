import "server-only";
import { rooms } from "@/lib/realtime/contract";
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
export const linkPreviews: AfterCommitHook = async ({ channel, message }) => {
  if (message.system || !message.body || !previewsEnabled()) return;
  const urls = previewLinks(message.body);
  if (urls.length === 0 || !(await takePreviewToken(message.author.id))) return;
  await linkMessage(message, urls);
  const shown = await Promise.all(urls.map(ensurePreview));
  if (!shown.some(Boolean)) return;
  await markCardsArrived(message.id);
  // Read back as it is now: edited, deleted or a card removed meanwhile is what goes out.
  const [stored] = await (await getMessageStore()).get(channel.id, [message.id]);
  if (!stored || stored.deletedAt) return;
  const [now] = await toChatMessages(channel.id, [stored]);
  events().publish(rooms.channel(channel.id), "message:updated", now!);
};
