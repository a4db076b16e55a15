import "server-only";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Attachment } from "@/lib/realtime/contract";
import { getDatabase } from "../database";

/**
 * The files messages carry, as the message side sees them (db/schema `attachments`; uploading
 * and serving them is server/services/attachments.ts). Files live in SQL whatever the message
 * store: a message and its files meet by (channel, author, clientId), which every store keeps.
 */

type AttachmentsTable = Awaited<ReturnType<typeof getDatabase>>["t"]["attachments"];
/** The columns that make an `Attachment` (server/services/attachments.ts serves from the same). */
export const attachmentColumns = (a: AttachmentsTable) => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  mime: a.mime,
  bytes: a.bytes,
  width: a.width,
  height: a.height,
});

/**
 * Claims files for one send, the (channel, author, clientId) of the message that will carry
 * them, in the order given. Only the author's own files uploaded into this channel, not
 * deleted and not claimed by another send; a retry of the same send claims them again. Refused
 * whole (`validation`) if any is not claimable, so a message never goes out missing a file.
 */
export async function claimAttachments(ownerId: string, channelId: string, clientId: string, ids: string[]): Promise<Attachment[]> {
  if (new Set(ids).size !== ids.length) throw new AppError("validation", "attachmentIds: a file is listed twice");
  const { db, t } = await getDatabase();
  const a = t.attachments;
  const claimable = and(
    inArray(a.id, ids),
    eq(a.ownerId, ownerId),
    eq(a.channelId, channelId),
    isNull(a.deletedAt),
    or(isNull(a.clientId), eq(a.clientId, clientId)),
  );
  await db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) await tx.update(a).set({ clientId, position }).where(and(claimable, eq(a.id, id)));
  });
  const rows = await db
    .select({ ...attachmentColumns(a), position: a.position })
    .from(a)
    .where(and(inArray(a.id, ids), eq(a.clientId, clientId), eq(a.ownerId, ownerId), eq(a.channelId, channelId), isNull(a.deletedAt)));
  if (rows.length !== ids.length) throw new AppError("validation", "attachmentIds: upload the files into this channel first");
  return rows.sort((x, y) => x.position - y.position).map(({ position: _p, ...view }) => view);
}

/** The message is stored: its files say which message and seq they belong to (for the drawer). */
export async function linkAttachments(channelId: string, ownerId: string, clientId: string, message: { id: string; seq: number }): Promise<void> {
  const { db, t } = await getDatabase();
  const a = t.attachments;
  await db
    .update(a)
    .set({ messageId: message.id, seq: message.seq })
    .where(and(eq(a.channelId, channelId), eq(a.ownerId, ownerId), eq(a.clientId, clientId), isNull(a.messageId)));
}

/** The files of these messages of one channel, by message id (one query; none for a page of text). */
export async function attachmentsOf(
  channelId: string,
  messages: Array<{ id: string; authorId: string; clientId: string; kind: string; deletedAt: Date | null }>,
): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  const carrying = messages.filter((m) => m.kind === "user" && !m.deletedAt);
  if (carrying.length === 0) return out;
  const { db, t } = await getDatabase();
  const a = t.attachments;
  const rows = await db
    .select({ ...attachmentColumns(a), ownerId: a.ownerId, clientId: a.clientId, position: a.position })
    .from(a)
    .where(and(eq(a.channelId, channelId), inArray(a.clientId, [...new Set(carrying.map((m) => m.clientId))]), isNull(a.deletedAt)))
    .orderBy(asc(a.position));
  if (rows.length === 0) return out;
  const byKey = new Map(carrying.map((m) => [`${m.authorId}\u0000${m.clientId}`, m.id]));
  for (const { ownerId, clientId, position: _p, ...view } of rows) {
    const messageId = byKey.get(`${ownerId}\u0000${clientId}`);
    if (!messageId) continue;
    out.set(messageId, [...(out.get(messageId) ?? []), view]);
  }
  return out;
}

/** A deleted message's files leave everyone's view at once; the sweep removes them from storage. */
export async function dropAttachmentsOf(channelId: string, ownerId: string, clientId: string, at: Date): Promise<void> {
  const { db, t } = await getDatabase();
  const a = t.attachments;
  await db
    .update(a)
    .set({ deletedAt: at })
    .where(and(eq(a.channelId, channelId), eq(a.ownerId, ownerId), eq(a.clientId, clientId), isNull(a.deletedAt)));
}
