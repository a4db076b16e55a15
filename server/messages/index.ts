import "server-only";
import { getConfig } from "../config";
import { getDatabase } from "../database";
import { openMongoMessages, type MongoMessages } from "./mongo/client";
import { sqlMessageStoreOf } from "./sql-store";
import type { MessageStore } from "./store";
import { timedMessageStore } from "./timed-store";

export type { MessageStore, StoredMessage } from "./store";

// On globalThis like the database: Next's bundles and the custom server share one.
const registry = globalThis as unknown as { __moimMessageStore?: MessageStore; __moimMongoMessages?: MongoMessages };

/** MONGODB_URL's client, made once per process (it connects on first use); null without one. */
export function mongoMessages(): MongoMessages | null {
  const url = getConfig().mongodbUrl;
  if (!url) return null;
  return (registry.__moimMongoMessages ??= openMongoMessages(url));
}

/**
 * The process's message store, chosen here and nowhere else: the MongoDB store when
 * MONGODB_URL is set (users, spaces, memberships and read cursors stay in SQL), else the SQL
 * store on the process-wide database (so a test that swaps the database swaps the store with it).
 * Whichever it is, its latency is measured here, at the store (./timed-store.ts).
 */
export async function getMessageStore(): Promise<MessageStore> {
  return timedMessageStore(await chosenStore());
}

async function chosenStore(): Promise<MessageStore> {
  if (registry.__moimMessageStore) return registry.__moimMessageStore;
  const mongo = mongoMessages();
  return mongo ? mongo.store() : sqlMessageStoreOf(await getDatabase());
}

/**
 * The highest seq of each channel, given the rows the caller read from SQL anyway: the SQL
 * store's counter is that very column (channels.last_seq), so it costs no query; any other
 * store is asked (in MongoDB the column stays 0 and the store's counter is the truth).
 */
export async function lastSeqsOf(channels: Array<{ id: string; lastSeq: number }>): Promise<Map<string, number>> {
  if (!registry.__moimMessageStore && !mongoMessages()) return new Map(channels.map((c) => [c.id, c.lastSeq]));
  return (await getMessageStore()).lastSeqs(channels.map((c) => c.id));
}

/** One channel's highest seq (see lastSeqsOf). */
export async function lastSeqOf(channel: { id: string; lastSeq: number }): Promise<number> {
  return (await lastSeqsOf([channel])).get(channel.id) ?? 0;
}

/** For tests: use this store instead (undefined: back to the configured one). */
export function setMessageStore(store: MessageStore | undefined): void {
  registry.__moimMessageStore = store;
}

/** For the graceful stop: closes MONGODB_URL's client if one was made. */
export async function closeMessageStore(): Promise<void> {
  const mongo = registry.__moimMongoMessages;
  registry.__moimMongoMessages = undefined;
  await mongo?.close();
}
