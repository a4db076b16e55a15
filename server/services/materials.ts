import "server-only";
import { and, desc, eq, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import type { ListedMaterial, Material } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { getDatabase } from "../database";
import { attachmentColumns } from "../messages/attachments";
import { requireChannelAccess } from "./access";
import { requireSpaceMember, type SpaceRole } from "./spaces";

/**
 * Study materials (issue 12): files sent in a space's channels that the space pins into its
 * materials view, so a study group finds last week's slides without scrolling. Who may pin or
 * unpin a file: its uploader, and the space's owner and admins (who keep the shelf tidy);
 * unpinning also whoever pinned it. Everyone else reads. Each reader sees only the files of
 * channels they may read (the rule of requireChannelAccess); a file whose message is deleted
 * (the attachment row is then deleted too) or whose channel is gone drops out of the list.
 */

export type { Material };

/** The file as pinning sees it: standing, carried by a message, in a channel the user may read. */
async function pinnable(userId: string, attachmentId: string) {
  const { db, t } = await getDatabase();
  const a = t.attachments;
  const [row] = await db
    .select({ id: a.id, ownerId: a.ownerId, channelId: a.channelId, messageId: a.messageId, seq: a.seq })
    .from(a)
    .where(and(eq(a.id, attachmentId), isNull(a.deletedAt), isNotNull(a.messageId)))
    .limit(1);
  // Not yet sent, deleted, or never there: the same answer, so nobody learns which.
  if (!row || row.messageId === null || row.seq === null) throw new AppError("not_found", "No such file");
  const channel = await requireChannelAccess(userId, row.channelId);
  if (!channel.spaceId) throw new AppError("validation", "Only files sent in a space's channels can be materials");
  const role = await requireSpaceMember(userId, channel.spaceId);
  return { ...row, messageId: row.messageId, seq: row.seq, spaceId: channel.spaceId, role };
}

const mayPin = (userId: string, file: { ownerId: string; role: SpaceRole }) => file.ownerId === userId || file.role !== "member";
/** Unpinning: whoever may pin, and whoever pinned it. */
const mayUnpin = (userId: string, file: { ownerId: string; role: SpaceRole }, pin: { markedBy: string }) =>
  mayPin(userId, file) || pin.markedBy === userId;

/** Pins a file into its space's materials; pinning it again changes nothing (`created: false`). */
export async function markMaterial(userId: string, attachmentId: string): Promise<{ material: Material; created: boolean }> {
  const file = await pinnable(userId, attachmentId);
  if (!mayPin(userId, file)) throw new AppError("forbidden", "Only the file's uploader or the space's owner or admins may pin it");
  const { db, t, dialect } = await getDatabase();
  let created = true;
  try {
    await db.insert(t.spaceMaterials).values({
      spaceId: file.spaceId,
      attachmentId: file.id,
      channelId: file.channelId,
      messageId: file.messageId,
      seq: file.seq,
      markedBy: userId,
      markedAt: new Date(),
    });
  } catch (err) {
    if (!dialect.isUniqueViolation(err)) throw err;
    created = false;
  }
  const m = t.spaceMaterials;
  const [material] = await materialRows(and(eq(m.spaceId, file.spaceId), eq(m.attachmentId, file.id))!, 1);
  if (!material) throw new AppError("not_found", "No such file"); // deleted in between
  return { material, created };
}

/** Takes a file out of its space's materials; `removed: false` if it was not there. */
export async function unmarkMaterial(userId: string, attachmentId: string): Promise<{ removed: boolean }> {
  const file = await pinnable(userId, attachmentId);
  const { db, t, dialect } = await getDatabase();
  const m = t.spaceMaterials;
  const where = and(eq(m.spaceId, file.spaceId), eq(m.attachmentId, file.id));
  const [pin] = await db.select({ markedBy: m.markedBy }).from(m).where(where).limit(1);
  if (!pin) return { removed: false };
  if (!mayUnpin(userId, file, pin))
    throw new AppError("forbidden", "Only the file's uploader, whoever pinned it, or the space's owner or admins may unpin it");
  return { removed: dialect.affectedRows(await db.delete(m).where(where)) > 0 };
}

/** Whether a file is pinned, and whether this user may pin or unpin it (the message menu asks). */
export async function materialStatus(userId: string, attachmentId: string): Promise<{ material: Material | null; canChange: boolean }> {
  const file = await pinnable(userId, attachmentId);
  const m = (await getDatabase()).t.spaceMaterials;
  const [material] = await materialRows(and(eq(m.spaceId, file.spaceId), eq(m.attachmentId, file.id))!, 1);
  return { material: material ?? null, canChange: material ? mayUnpin(userId, file, material) : mayPin(userId, file) };
}

/**
 * A page of a space's materials for one member, the latest pinned first. Only the files of
 * channels the viewer may read are in it, filtered in the query so every page is full.
 * `before` is the `next` of the page before: `<markedAt ms>_<attachment id>`.
 */
export async function listMaterials(
  viewerId: string,
  spaceId: string,
  page: { before?: string; limit?: number } = {},
): Promise<{ materials: ListedMaterial[]; next: string | null }> {
  const role = await requireSpaceMember(viewerId, spaceId);
  const limit = Math.min(Math.max(1, page.limit ?? LIMITS.materialsPageSize), LIMITS.materialsPageSize);
  const { t } = await getDatabase();
  const m = t.spaceMaterials;
  const c = t.channels;
  const conditions: Array<SQL | undefined> = [eq(m.spaceId, spaceId)];
  // requireChannelAccess's rule, for the members of a space: owners and admins read every channel.
  if (role === "member") conditions.push(or(eq(c.isPrivate, false), isNotNull(t.channelMembers.userId)));
  if (page.before) {
    const cursor = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(page.before);
    if (!cursor) throw new AppError("validation", "before: is not a cursor from this list");
    const at = new Date(Number(cursor[1]));
    conditions.push(or(lt(m.markedAt, at), and(eq(m.markedAt, at), lt(m.attachmentId, cursor[2]!))));
  }
  const rows = await materialRows(and(...conditions)!, limit + 1, viewerId);
  const materials = rows.slice(0, limit).map((m) => ({ ...m, canRemove: mayUnpin(viewerId, { ownerId: m.uploader.id, role }, m) }));
  const last = materials.at(-1);
  return { materials, next: rows.length > limit && last ? `${Date.parse(last.markedAt)}_${last.attachment.id}` : null };
}

/**
 * Pinned files as the list shows them, newest pinned first: each joined to its standing file,
 * its channel and its uploader. With a viewer, joined to their membership of each channel too.
 */
async function materialRows(where: SQL, limit: number, viewerId?: string): Promise<Material[]> {
  const { db, t } = await getDatabase();
  const m = t.spaceMaterials;
  const a = t.attachments;
  const c = t.channels;
  const u = t.users;
  const rows = await db
    .select({
      ...attachmentColumns(a),
      uploadedAt: a.createdAt,
      channelId: c.id,
      channelName: c.name,
      messageId: m.messageId,
      seq: m.seq,
      uploaderId: u.id,
      uploaderName: u.name,
      uploaderImage: u.image,
      markedBy: m.markedBy,
      markedAt: m.markedAt,
    })
    .from(m)
    .innerJoin(a, and(eq(a.id, m.attachmentId), isNull(a.deletedAt)))
    .innerJoin(c, eq(c.id, m.channelId))
    .innerJoin(u, eq(u.id, a.ownerId))
    .leftJoin(t.channelMembers, and(eq(t.channelMembers.channelId, c.id), eq(t.channelMembers.userId, viewerId ?? "")))
    .where(where)
    .orderBy(desc(m.markedAt), desc(m.attachmentId))
    .limit(limit);
  return rows.map((r) => ({
    attachment: { id: r.id, kind: r.kind, name: r.name, mime: r.mime, bytes: r.bytes, width: r.width, height: r.height },
    channel: { id: r.channelId, name: r.channelName },
    messageId: r.messageId,
    seq: r.seq,
    uploader: { id: r.uploaderId, name: r.uploaderName, image: r.uploaderImage },
    uploadedAt: r.uploadedAt.toISOString(),
    markedBy: r.markedBy,
    markedAt: r.markedAt.toISOString(),
  }));
}
