import "server-only";
import { eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { getConfig } from "../config";
import { getDatabase } from "../database";

/** One storage quota per user, for profile images (./uploads.ts) and chat files (./attachments.ts) alike. */

/** Bytes of the user's uploads and chat files that still exist (the sweeps remove the unreferenced ones). */
async function storedBytesOf(ownerId: string): Promise<number> {
  const { db, t } = await getDatabase();
  const [[images], [files]] = await Promise.all([
    db
      .select({ total: sql<number | string | null>`sum(${t.uploads.bytes})` })
      .from(t.uploads)
      .where(eq(t.uploads.ownerId, ownerId)),
    db
      .select({ total: sql<number | string | null>`sum(${t.attachments.storedBytes})` })
      .from(t.attachments)
      .where(eq(t.attachments.ownerId, ownerId)),
  ]);
  return Number(images?.total ?? 0) + Number(files?.total ?? 0); // MySQL sums to a DECIMAL string
}

/** Refuses a store of `bytes` more that would take the user past their quota. */
export async function requireQuotaFor(ownerId: string, bytes: number): Promise<void> {
  if ((await storedBytesOf(ownerId)) + bytes > getConfig().abuse.uploadQuotaBytes)
    throw new AppError("upload_quota", "The upload would go over the user's storage quota");
}
