import "server-only";
import { getDatabase } from "@/db/client";
import { sqlMessageStoreOf } from "./sql-store";
import type { MessageStore } from "./store";

export type { MessageStore, StoredMessage } from "./store";

/**
 * The process's message store. Today that is the SQL store on the process-wide database (so a
 * test that swaps the database swaps the store with it); a store chosen by configuration
 * (MONGODB_URL) would be picked here and nowhere else.
 */
export async function getMessageStore(): Promise<MessageStore> {
  return sqlMessageStoreOf(await getDatabase());
}
