import "server-only";
import { MongoServerError, type Collection, type Db } from "mongodb";
import { newId } from "../../ids";
import type { MessageStore, StoredMessage } from "../store";
import {
  ABANDONED_AFTER_MS,
  abandonedSeqs,
  claimKey,
  gapPlaceholder,
  linkFilter,
  mayAddReaction,
  missingSeqs,
  searchFilter,
  toStored,
  unreadFilter,
  type ClaimDoc,
  type CounterDoc,
  type MessageDoc,
} from "./documents";

/**
 * The message store on MongoDB (the official driver), for MONGODB_URL. UNVERIFIED: no MongoDB
 * server could be run where this was written, so the contract suite has never run against it
 * (it does when MONGODB_URL is set). It is written to the driver's documented behaviour and
 * needs no replica set: no transactions, only single-document atomic operations.
 *
 * Collections: `messages` (reactions embedded), `message_counters` (one per channel: the seq
 * counter) and `message_claims` (appends in flight). How an append works, and why a crash
 * leaves no gap that clients wait on for ever:
 *
 * 1. Claim (channel, author, clientId) by inserting its claim document (unique _id), then look
 *    for the message (a retry of a stored append ends here). A copy that finds the claim taken
 *    waits for the message to appear; a claim older than ABANDONED_AFTER_MS belongs to a dead
 *    appender and is taken over (one taker wins, by owner). So copies of one append take one
 *    seq between them, not one each.
 * 2. Take the channel's next seq: findOneAndUpdate on the counter, `$inc`, upsert,
 *    returnDocument "after". Atomic: no two appends get one seq.
 * 3. Insert the message with it. The unique (channelId, seq) index refuses a seq a gap filler
 *    has already filled; the unique (channelId, authorId, clientId) index refuses a second copy.
 * 4. Drop the claim.
 *
 * A process killed between 2 and 3 leaves its seq unused: a gap. Whoever reads that part of the
 * channel (page) fills it once it is older than ABANDONED_AFTER_MS (documents.ts says how that
 * is known): a deleted placeholder takes the seq, which clients show as nothing. The unique seq
 * index decides between a filler and a very late appender: the first insert wins; a late
 * appender then fails and its client's retry (same clientId) takes the dead claim over and a
 * new seq. A seq an appender knows it will not use (its copy was stored by a taker) it fills
 * at once.
 */

export interface MongoMessageCollections {
  messages: Collection<MessageDoc>;
  counters: Collection<CounterDoc>;
  claims: Collection<ClaimDoc>;
}

export function mongoCollections(db: Db): MongoMessageCollections {
  return {
    messages: db.collection<MessageDoc>("messages"),
    counters: db.collection<CounterDoc>("message_counters"),
    claims: db.collection<ClaimDoc>("message_claims"),
  };
}

/** Creates the indexes the store relies on (createIndex is a no-op when one exists). */
export async function ensureMongoIndexes({ messages, claims }: MongoMessageCollections): Promise<void> {
  await messages.createIndexes([
    // Seqs are unique per channel, and the page, unread and last-message queries walk this.
    { key: { channelId: 1, seq: 1 }, name: "channel_seq", unique: true },
    // Idempotent appends.
    { key: { channelId: 1, authorId: 1, clientId: 1 }, name: "channel_author_client", unique: true },
    { key: { channelId: 1, updatedAt: 1 }, name: "channel_updated" },
    { key: { channelId: 1, createdAt: -1, _id: -1 }, name: "channel_created" },
  ]);
  await claims.createIndex({ channelId: 1 }, { name: "claim_channel" });
}

/** Duplicate key (E11000): the documented code of a unique index refusing a write. */
export const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === 11000;

const POLL_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createMongoMessageStore(collections: MongoMessageCollections): MessageStore {
  const { messages, counters, claims } = collections;
  const byKey = (channelId: string, authorId: string, clientId: string) => messages.findOne({ channelId, authorId, clientId });
  const standing = (channelId: string, messageId: string) => ({ _id: messageId, channelId, deletedAt: null });

  async function nextSeq(channelId: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const counter = await counters.findOneAndUpdate(
          { _id: channelId },
          { $inc: { seq: 1 }, $set: { at: new Date() } },
          { upsert: true, returnDocument: "after" },
        );
        if (!counter) throw new Error("the counter upsert returned no document");
        return counter.seq;
      } catch (err) {
        // Two first appends of a channel may both upsert; the loser's insert hits _id. Again.
        if (!isDuplicateKey(err) || attempt >= 2) throw err;
      }
    }
  }

  /** Puts placeholders into these seqs; one taken meanwhile (by its message or another filler) is left. */
  async function fill(channelId: string, seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    const now = new Date();
    try {
      await messages.insertMany(
        seqs.map((seq) => gapPlaceholder(newId(), channelId, seq, now)),
        { ordered: false },
      );
    } catch (err) {
      // An unordered insertMany inserts what it can and reports the duplicates after.
      const writeErrors = (err as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || !list.every((e) => e.code === 11000)) throw err;
    }
  }

  /**
   * Waits for the owner of a claim to store the message, takes the claim over from an owner
   * that has been at it too long (dead), or claims afresh if the claim went (its owner failed).
   * Returns the stored message, or the owner token this append now holds.
   */
  async function claim(channelId: string, authorId: string, clientId: string): Promise<{ stored: MessageDoc } | { owner: string }> {
    const _id = claimKey(channelId, authorId, clientId);
    const owner = newId();
    for (;;) {
      try {
        await claims.insertOne({ _id, channelId, owner, at: new Date() });
        return { owner };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Someone holds it: the same append in flight, or one that died.
      for (;;) {
        const stored = await byKey(channelId, authorId, clientId);
        if (stored) return { stored };
        const held = await claims.findOne({ _id });
        if (!held) break; // its owner failed and let go: claim again
        if (Date.now() - held.at.getTime() >= ABANDONED_AFTER_MS) {
          const taken = await claims.findOneAndUpdate({ _id, owner: held.owner }, { $set: { owner, at: new Date() } }, { returnDocument: "after" });
          if (taken) return { owner };
          continue; // another copy took it over first: wait on that one
        }
        await sleep(POLL_MS);
      }
    }
  }

  async function one(channelId: string, messageId: string): Promise<StoredMessage | null> {
    const doc = await messages.findOne({ _id: messageId, channelId });
    return doc ? toStored(doc) : null;
  }

  return {
    async append(draft, options) {
      const claimed = await claim(draft.channelId, draft.authorId, draft.clientId);
      if ("stored" in claimed) return { message: toStored(claimed.stored), created: false };
      const claimId = claimKey(draft.channelId, draft.authorId, draft.clientId);
      try {
        // Stored before (a retry), or by a copy that let go of its claim just before ours went in.
        const stored = await byKey(draft.channelId, draft.authorId, draft.clientId);
        if (stored) return { message: toStored(stored), created: false };
        const seq = await nextSeq(draft.channelId);
        options?.onSeq?.(seq);
        const now = new Date(); // after the seq is taken: the gap filler counts on it (documents.ts)
        const doc: MessageDoc = {
          _id: newId(),
          channelId: draft.channelId,
          seq,
          authorId: draft.authorId,
          clientId: draft.clientId,
          body: draft.body,
          kind: draft.kind,
          replyToId: draft.replyToId ?? null,
          createdAt: now,
          editedAt: null,
          deletedAt: null,
          updatedAt: now,
          reactions: [],
        };
        try {
          await messages.insertOne(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Which unique index: a taker stored this append while we stalled (our seq is then
          // ours to fill at once), or a filler took our seq (we stalled past ABANDONED_AFTER_MS).
          const original = await byKey(draft.channelId, draft.authorId, draft.clientId);
          if (!original) throw err;
          await fill(draft.channelId, [seq]);
          return { message: toStored(original), created: false };
        }
        return { message: toStored(doc), created: true };
      } finally {
        // Only our own claim: a taker's stays its own.
        await claims.deleteOne({ _id: claimId, owner: claimed.owner }).catch(() => undefined);
      }
    },

    async page(channelId, bound, limit) {
      for (let round = 0; ; round++) {
        const after = "afterSeq" in bound;
        const docs = after
          ? await messages
              .find({ channelId, seq: { $gt: bound.afterSeq } })
              .sort({ seq: 1 })
              .limit(limit + 1)
              .toArray()
          : (
              await messages
                .find(bound.beforeSeq !== undefined ? { channelId, seq: { $lt: bound.beforeSeq } } : { channelId })
                .sort({ seq: -1 })
                .limit(limit + 1)
                .toArray()
            ).reverse();
        const hasMore = docs.length > limit;
        const kept = hasMore ? (after ? docs.slice(0, limit) : docs.slice(1)) : docs;
        if (round > 0) return { messages: kept.map(toStored), hasMore };
        // The seqs this page covers, to look for gaps in: up to the counter where the page reaches the end.
        const counter = await counters.findOne({ _id: channelId });
        const top = counter?.seq ?? 0;
        // (At most `limit` seqs past the page's near end: a page never shows more than that.)
        const lo = after ? bound.afterSeq + 1 : hasMore ? kept[0]!.seq : 1;
        const hi = after ? (hasMore ? kept.at(-1)!.seq : top) : Math.min(top, bound.beforeSeq !== undefined ? bound.beforeSeq - 1 : top);
        const [from, to] = after ? [lo, Math.min(hi, lo + limit - 1)] : [Math.max(lo, hi - limit + 1), hi];
        const abandoned = abandonedSeqs(
          missingSeqs(
            kept.map((m) => m.seq),
            from,
            to,
          ),
          { counter, later: kept },
          new Date(),
        );
        if (abandoned.length === 0) return { messages: kept.map(toStored), hasMore };
        await fill(channelId, abandoned);
        // Read again: the page now holds the placeholders (and may be cut at another seq).
      }
    },

    async changesSince(channelId, uptoSeq, since, limit) {
      const docs = await messages
        .find({ channelId, seq: { $lte: uptoSeq }, updatedAt: { $gt: since } })
        .sort({ updatedAt: -1 })
        .limit(limit)
        .toArray();
      return docs.reverse().map(toStored);
    },

    async get(channelId, messageIds) {
      if (messageIds.length === 0) return [];
      return (await messages.find({ channelId, _id: { $in: messageIds } }).toArray()).map(toStored);
    },

    async findByClientId(channelId, authorId, clientId) {
      const doc = await byKey(channelId, authorId, clientId);
      return doc ? toStored(doc) : null;
    },

    async edit(channelId, messageId, body, at) {
      // Only while the message stands: a delete that got in first wins.
      const doc = await messages.findOneAndUpdate(standing(channelId, messageId), { $set: { body, editedAt: at, updatedAt: at } }, { returnDocument: "after" });
      return doc ? toStored(doc) : null;
    },

    async softDelete(channelId, messageId, at) {
      const doc = await messages.findOneAndUpdate(
        standing(channelId, messageId),
        { $set: { body: "", deletedAt: at, updatedAt: at, reactions: [] } },
        { returnDocument: "after" },
      );
      return doc ? toStored(doc) : null;
    },

    async toggleReaction(channelId, messageId, userId, emoji, maxDistinct) {
      // Each step is one atomic update of the message: remove if there, else add if allowed.
      // A step that matches nothing was raced (or refused); the next round looks again.
      for (let round = 0; round < 3; round++) {
        const now = new Date();
        const removed = await messages.findOneAndUpdate(
          { ...standing(channelId, messageId), reactions: { $elemMatch: { userId, emoji } } },
          { $pull: { reactions: { userId, emoji } }, $set: { updatedAt: now } },
          { returnDocument: "after" },
        );
        if (removed) return { ok: true, message: toStored(removed), added: false };
        const added = await messages.findOneAndUpdate(
          { ...standing(channelId, messageId), ...mayAddReaction(userId, emoji, maxDistinct) },
          { $push: { reactions: { emoji, userId, at: now } }, $set: { updatedAt: now } },
          { returnDocument: "after" },
        );
        if (added) return { ok: true, message: toStored(added), added: true };
        const doc = await messages.findOne(standing(channelId, messageId));
        if (!doc) return { ok: false, reason: "gone" };
        // A double click's other half added it between our two steps: the reaction is there.
        if (doc.reactions.some((r) => r.userId === userId && r.emoji === emoji)) return { ok: true, message: toStored(doc), added: true };
        const distinct = new Set(doc.reactions.map((r) => r.emoji));
        if (distinct.size >= maxDistinct && !distinct.has(emoji)) return { ok: false, reason: "too_many" };
      }
      const doc = await one(channelId, messageId);
      return doc && !doc.deletedAt ? { ok: true, message: doc, added: doc.reactions.some((r) => r.emoji === emoji && r.userIds.includes(userId)) } : { ok: false, reason: "gone" };
    },

    async lastOfChannels(channelIds) {
      if (channelIds.length === 0) return new Map();
      // Sorted on the (channelId, seq) index, the first of each group is its channel's last.
      const rows = await messages
        .aggregate<{ _id: string; doc: MessageDoc }>([
          { $match: { channelId: { $in: channelIds } } },
          { $sort: { channelId: 1, seq: -1 } },
          { $group: { _id: "$channelId", doc: { $first: "$$ROOT" } } },
        ])
        .toArray();
      return new Map(rows.map((r) => [r._id, toStored(r.doc)]));
    },

    async unreadCounts(cursors, filter) {
      if (cursors.length === 0 || (filter && filter.authorIds.length === 0)) return new Map();
      const rows = await messages
        .aggregate<{ _id: string; n: number }>([{ $match: unreadFilter(cursors, filter?.authorIds) }, { $group: { _id: "$channelId", n: { $sum: 1 } } }])
        .toArray();
      return new Map(rows.map((r) => [r._id, r.n]));
    },

    async wroteIn(pairs) {
      if (pairs.length === 0) return [];
      // As the SQL store: every author asked about in every channel asked about, on the
      // (channelId, authorId, clientId) index's prefix, then only the pairs asked for.
      const rows = await messages
        .aggregate<{ _id: { channelId: string; authorId: string } }>([
          {
            $match: {
              channelId: { $in: [...new Set(pairs.map((p) => p.channelId))] },
              authorId: { $in: [...new Set(pairs.map((p) => p.authorId))] },
              kind: "user",
            },
          },
          { $group: { _id: { channelId: "$channelId", authorId: "$authorId" } } },
        ])
        .toArray();
      const asked = new Set(pairs.map((p) => `${p.channelId} ${p.authorId}`));
      return rows.map((r) => r._id).filter((r) => asked.has(`${r.channelId} ${r.authorId}`));
    },

    async deleteChannels(channelIds) {
      if (channelIds.length === 0) return;
      await messages.deleteMany({ channelId: { $in: channelIds } });
      await Promise.all([counters.deleteMany({ _id: { $in: channelIds } }), claims.deleteMany({ channelId: { $in: channelIds } })]);
    },

    async lastSeqs(channelIds) {
      const out = new Map(channelIds.map((id) => [id, 0]));
      if (channelIds.length === 0) return out;
      for (const c of await counters.find({ _id: { $in: channelIds } }).toArray()) out.set(c._id, c.seq);
      return out;
    },

    async search(q) {
      if (q.channelIds.length === 0 || q.limit <= 0) return { messages: [], hasMore: false };
      const docs = await messages
        .find(searchFilter(q))
        .sort({ createdAt: -1, _id: -1 })
        .limit(q.limit + 1)
        .toArray();
      const hasMore = docs.length > q.limit;
      return { messages: (hasMore ? docs.slice(0, q.limit) : docs).map(toStored), hasMore };
    },

    async linkMessages(q) {
      if (q.limit <= 0) return { messages: [], hasMore: false };
      // Down the channel_seq index from beforeSeq, the regex tested on each (as search's).
      const docs = await messages
        .find(linkFilter(q))
        .sort({ seq: -1 })
        .limit(q.limit + 1)
        .toArray();
      const hasMore = docs.length > q.limit;
      return { messages: (hasMore ? docs.slice(0, q.limit) : docs).map(toStored), hasMore };
    },
  };
}
