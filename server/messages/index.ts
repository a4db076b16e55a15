import "server-only";
import { getDatabase } from "../database";
import { sqlMessageStoreOf } from "./sql-store";
import type { MessageStore } from "./store";
import { timedMessageStore } from "./timed-store";

export type { MessageStore, StoredMessage } from "./store";

// On globalThis like the database: Next's bundles and the custom server share one.
const registry = globalThis as unknown as { __moimMessageStore?: MessageStore };

/**
 * The process's message store. Today that is the SQL store on the process-wide database (so a
 * test that swaps the database swaps the store with it); a store chosen by configuration
 * (MONGODB_URL) would be picked here and nowhere else. Whichever it is, its latency is measured
 * here, at the store (./timed-store.ts).
 */
export async function getMessageStore(): Promise<MessageStore> {
  return timedMessageStore(registry.__moimMessageStore ?? sqlMessageStoreOf(await getDatabase()));
}

/** For tests: use this store instead (undefined: back to the database's). */
export function setMessageStore(store: MessageStore | undefined): void {
  registry.__moimMessageStore = store;
}
