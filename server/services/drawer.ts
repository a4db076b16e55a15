import "server-only";
import { and, desc, eq, isNotNull, isNull, lt, notInArray } from "drizzle-orm";
import type { DrawerTab } from "@/lib/api/contract";
import type { DrawerItem } from "@/lib/api/schemas";
import { LIMITS } from "@/lib/limits";
import { linkedUrls } from "@/lib/markdown";
import { getDatabase } from "../database";
import { getMessageStore } from "../messages";
import { attachmentColumns } from "../messages/attachments";
import type { StoredMessage } from "../messages/store";
import { listBlockedIds, requireChannelAccess } from "./access";

/**
 * A channel's drawer (서랍): the photos and videos, the files and the links its messages carry,
 * newest first, a page at a time below a seq. The one access rule decides who may open it; only
 * standing messages count (a deleted message's files and links are gone), and the people the
 * reader blocked are left out, as everywhere else the reader reads.
 */
export interface DrawerPage {
  items: DrawerItem[];
  /** The `before` of the next page; null when this page was the last. */
  nextBefore: number | null;
}

const KINDS = { media: ["image", "video"], files: ["file"] } as const;

export async function listDrawer(
  userId: string,
  channelId: string,
  { tab, before, limit = LIMITS.drawerPageSize }: { tab: DrawerTab; before?: number; limit?: number },
): Promise<DrawerPage> {
  await requireChannelAccess(userId, channelId);
  const blocked = await listBlockedIds(userId);
  const page = { channelId, before, limit: Math.min(Math.max(1, limit), LIMITS.drawerPageSize), blocked };
  return tab === "links" ? linkPage(page) : attachmentPage(page, KINDS[tab]);
}

interface PageAsk {
  channelId: string;
  before?: number;
  limit: number;
  blocked: string[];
}

const source = (m: StoredMessage) => ({ messageId: m.id, seq: m.seq, authorId: m.authorId, createdAt: m.createdAt.toISOString() });

/**
 * Files of messages below `before`, each kind down the (channel, kind, seq) index. A message's
 * files stay together: each kind reads `limit` + a message's most + 1 rows, so every file of the
 * page's last message is among them, and one more row says whether anything lies below it.
 */
async function attachmentPage({ channelId, before, limit, blocked }: PageAsk, kinds: readonly ("image" | "video" | "file")[]): Promise<DrawerPage> {
  const { db, t } = await getDatabase();
  const a = t.attachments;
  const perKind = await Promise.all(
    kinds.map((kind) =>
      db
        .select({ ...attachmentColumns(a), messageId: a.messageId, seq: a.seq, position: a.position })
        .from(a)
        .where(
          and(
            eq(a.channelId, channelId),
            eq(a.kind, kind),
            before !== undefined ? lt(a.seq, before) : isNotNull(a.seq),
            isNotNull(a.messageId),
            isNull(a.deletedAt),
            blocked.length ? notInArray(a.ownerId, blocked) : undefined,
          ),
        )
        .orderBy(desc(a.seq))
        .limit(limit + LIMITS.attachmentsPerMessage + 1),
    ),
  );
  const rows = perKind.flat().sort((x, y) => y.seq! - x.seq! || x.position - y.position);
  const lastSeq = rows.length > limit ? rows[limit - 1]!.seq! : null;
  const kept = lastSeq === null ? rows : rows.filter((r) => r.seq! >= lastSeq);
  // The message decides: its time, and whether it still stands (a delete drops its files too,
  // but a file is never shown for a message that is not there).
  const messages = new Map(
    (await (await getMessageStore()).get(channelId, [...new Set(kept.map((r) => r.messageId!))]))
      .filter((m) => m.kind === "user" && !m.deletedAt)
      .map((m) => [m.id, m]),
  );
  const items: DrawerItem[] = [];
  for (const { messageId, seq: _seq, position: _position, ...attachment } of kept) {
    const message = messages.get(messageId!);
    if (message) items.push({ type: "attachment", attachment, ...source(message) });
  }
  return { items, nextBefore: lastSeq !== null && rows.some((r) => r.seq! < lastSeq) ? lastSeq : null };
}

/** The links of the `limit` newest messages below `before` that have one; each URL once a page, at its newest. */
async function linkPage({ channelId, before, limit, blocked }: PageAsk): Promise<DrawerPage> {
  const { messages, hasMore } = await (
    await getMessageStore()
  ).linkMessages({ channelId, beforeSeq: before, excludeAuthorIds: blocked, limit });
  const seen = new Set<string>();
  const items: DrawerItem[] = [];
  for (const message of messages) {
    for (const url of linkedUrls(message.body)) {
      if (seen.has(url)) continue;
      seen.add(url);
      items.push({ type: "link", url, host: new URL(url).hostname.replace(/^www\./, ""), ...source(message) });
    }
  }
  return { items, nextBefore: hasMore ? messages.at(-1)!.seq : null };
}
