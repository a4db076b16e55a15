import "server-only";
import path from "node:path";
import { getConfig } from "../config";
import { s3Storage } from "./s3-storage";
import { localDiskStorage, type FileStorage } from "./storage";

/** What is stored: chat files (`files`) and the pictures of profiles, spaces and groups (`uploads`). */
export type StorageArea = "files" | "uploads";

const registry = globalThis as unknown as { __moimFileStores?: Map<StorageArea, FileStorage> };

/**
 * Where an area's bytes live: in the S3-compatible bucket when S3_BUCKET is set (under
 * `S3_PREFIX + area + "/"`), else under DATA_DIR/<area> on the local disk. One per area per process.
 */
export function storageFor(area: StorageArea): FileStorage {
  const stores = (registry.__moimFileStores ??= new Map());
  let store = stores.get(area);
  if (!store) {
    const config = getConfig();
    store = config.s3
      ? s3Storage({ ...config.s3, prefix: `${config.s3.prefix}${area}/` })
      : localDiskStorage(path.join(config.dataDir, area));
    stores.set(area, store);
  }
  return store;
}
