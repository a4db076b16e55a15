import "server-only";
import { MongoClient } from "mongodb";
import type { MessageStore } from "../store";
import { createMongoMessageStore, ensureMongoIndexes, mongoCollections } from "./store";

/**
 * MONGODB_URL's client and store. The client connects on first use (the driver's behaviour),
 * so a node starts while MongoDB is down and /readyz says so; the store is handed out once its
 * indexes exist, because idempotency and seq uniqueness rest on them. UNVERIFIED here (no
 * MongoDB server on the machines this was written on).
 */
export interface MongoMessages {
  /** The store, after its indexes are made; a failure is not kept (the next call tries again). */
  store(): Promise<MessageStore>;
  /** The `ping` command on the admin database: rejects when MongoDB cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database is the URL's path (mongodb://host/moim), or `dbName` if given. */
export function openMongoMessages(url: string, dbName?: string): MongoMessages {
  const client = new MongoClient(url);
  const collections = mongoCollections(client.db(dbName));
  let ready: Promise<MessageStore> | undefined;
  return {
    store() {
      ready ??= ensureMongoIndexes(collections).then(() => createMongoMessageStore(collections));
      ready.catch(() => (ready = undefined));
      return ready;
    },
    async ping() {
      await client.db("admin").command({ ping: 1 });
    },
    close: () => client.close(),
  };
}
