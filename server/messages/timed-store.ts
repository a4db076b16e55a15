import "server-only";
import { labelled, metrics, timed } from "../ops/metrics";
import type { MessageStore } from "./store";

const wrapped = new WeakMap<MessageStore, MessageStore>();

/**
 * The store with every call timed into `moim_store_duration_seconds`, labelled by the
 * operation (the method's name: a fixed set, so the series stay bounded). What it measures is
 * the store's own work, whichever store it is and whoever calls it; outcomes pass unchanged.
 * A method added to MessageStore must be added here too (the object below would not compile).
 */
export function timedMessageStore(store: MessageStore): MessageStore {
  let timedStore = wrapped.get(store);
  if (!timedStore) wrapped.set(store, (timedStore = wrap(store)));
  return timedStore;
}

function wrap(store: MessageStore): MessageStore {
  const histogram = labelled(metrics().storeSeconds);
  const time = <T>(operation: keyof MessageStore, work: Promise<T>) => timed(histogram(operation), work);
  return {
    append: (...args) => time("append", store.append(...args)),
    page: (...args) => time("page", store.page(...args)),
    changesSince: (...args) => time("changesSince", store.changesSince(...args)),
    get: (...args) => time("get", store.get(...args)),
    findByClientId: (...args) => time("findByClientId", store.findByClientId(...args)),
    edit: (...args) => time("edit", store.edit(...args)),
    softDelete: (...args) => time("softDelete", store.softDelete(...args)),
    toggleReaction: (...args) => time("toggleReaction", store.toggleReaction(...args)),
    lastOfChannels: (...args) => time("lastOfChannels", store.lastOfChannels(...args)),
    unreadCounts: (...args) => time("unreadCounts", store.unreadCounts(...args)),
    wroteIn: (...args) => time("wroteIn", store.wroteIn(...args)),
    deleteChannels: (...args) => time("deleteChannels", store.deleteChannels(...args)),
    lastSeqs: (...args) => time("lastSeqs", store.lastSeqs(...args)),
    search: (...args) => time("search", store.search(...args)),
    linkMessages: (...args) => time("linkMessages", store.linkMessages(...args)),
  };
}
