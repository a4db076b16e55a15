import "server-only";
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { newId } from "../ids";
import { eachAlone, groupCommit, type Pending } from "./group-commit";
import { hasLinkWhere, searchOrder, searchPlan, searchWhere } from "./sql-search";
import type { AppendOptions, AppendResult, AuthorInChannel, MessageDraft, MessageStore, ReadCursor, StoredMessage } from "./store";

/**
 * The message store on today's SQL tables (messages, reactions; the seq counter is
 * channels.last_seq), for SQLite and MySQL/MariaDB alike. What the two dialects do differently
 * (taking a seq, recognising a duplicate) is in db/dialect/*.
 */
export function createSqlMessageStore(database: Database): MessageStore {
  const { db, t, dialect, kind } = database;
  const m = t.messages;

  const columns = {
    id: m.id,
    channelId: m.channelId,
    seq: m.seq,
    authorId: m.authorId,
    clientId: m.clientId,
    body: m.body,
    kind: m.kind,
    replyToId: m.replyToId,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
    updatedAt: m.updatedAt,
  };
  type Row = Omit<StoredMessage, "reactions" | "updatedAt"> & { updatedAt: Date | null };

  const select = (where: SQL | undefined) => db.select(columns).from(m).where(where).$dynamic();

  /** Rows to messages with their reactions: one more query per batch, not per message. */
  async function withReactions(rows: Row[]): Promise<StoredMessage[]> {
    if (rows.length === 0) return [];
    const reactionRows = await db
      .select({ messageId: t.reactions.messageId, userId: t.reactions.userId, emoji: t.reactions.emoji })
      .from(t.reactions)
      .where(
        inArray(
          t.reactions.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(t.reactions.createdAt), asc(t.reactions.userId));
    const byMessage = new Map<string, StoredMessage["reactions"]>();
    for (const r of reactionRows) {
      const list = byMessage.get(r.messageId) ?? [];
      const entry = list.find((x) => x.emoji === r.emoji);
      if (entry) entry.userIds.push(r.userId);
      else list.push({ emoji: r.emoji, userIds: [r.userId] });
      byMessage.set(r.messageId, list);
    }
    return rows.map((r) => ({ ...r, updatedAt: r.updatedAt ?? r.createdAt, reactions: byMessage.get(r.id) ?? [] }));
  }

  async function one(channelId: string, messageId: string): Promise<StoredMessage | null> {
    const rows = await select(and(eq(m.id, messageId), eq(m.channelId, channelId))).limit(1);
    return (await withReactions(rows))[0] ?? null;
  }

  async function findByClientId(channelId: string, authorId: string, clientId: string) {
    const rows = await select(and(eq(m.channelId, channelId), eq(m.authorId, authorId), eq(m.clientId, clientId))).limit(1);
    return (await withReactions(rows))[0] ?? null;
  }

  type Outcome = { ok: true; seq: number } | { ok: false; err?: unknown };

  /**
   * Concurrent appends, of any channels, share one transaction (./group-commit.ts), on SQLite,
   * whose one writer runs transactions one after another anyway. Within the batch appends run
   * in arrival order, and the one writer orders batches, so seqs follow the order appends
   * reached the store. An append that writes nothing (a duplicate clientId, or a row a
   * constraint refused) takes no seq and leaves the others be (db/dialect/sqlite.ts
   * `appendMessage`), so seqs stay gap-free without a savepoint per append. `onSeq` is called
   * inside the transaction, as before, so the broadcast order is held before commit.
   *
   * On MariaDB each append keeps its own transaction, concurrent over the pool: with batching
   * on, the flood test of tests/abuse.test.ts timed out twice on a machine at load average 22
   * (a batch holds every channel row lock it took until it commits), though it also timed out
   * once without; not settled in time, so MariaDB keeps the previous behaviour.
   */
  type Item = { draft: MessageDraft; options?: AppendOptions };
  const runAppends = async (batch: Pending<Item, AppendResult>[]): Promise<void> => {
    const now = new Date();
    const rows = batch.map(({ item: { draft } }) => ({
      id: newId(),
      channelId: draft.channelId,
      authorId: draft.authorId,
      clientId: draft.clientId,
      body: draft.body,
      kind: draft.kind,
      replyToId: draft.replyToId ?? null,
      createdAt: now,
    }));
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction(async (tx) => {
        const done: Outcome[] = [];
        for (let i = 0; i < batch.length; i++) {
          const { options } = batch[i]!.item;
          const outcome = await dialect.appendMessage(tx, rows[i]!, options?.moveAuthorCursor === true);
          if (outcome.seq === null) {
            done.push({ ok: false, err: outcome.refused });
            continue;
          }
          options?.onSeq?.(outcome.seq);
          done.push({ ok: true, seq: outcome.seq });
        }
        return done;
      });
    } catch (err) {
      // A batch that failed to commit fails every append in it (./group-commit.ts); a lone
      // append learns why (a duplicate on MariaDB is a unique violation, found below).
      if (batch.length !== 1) throw err;
      outcomes = [{ ok: false, err }];
    }
    // Committed: now, and only now, each append learns its outcome.
    await Promise.all(
      batch.map(async (pending, i) => {
        const outcome = outcomes[i]!;
        const { draft } = pending.item;
        if (outcome.ok) {
          pending.resolve({
            message: { ...rows[i]!, seq: outcome.seq, editedAt: null, deletedAt: null, updatedAt: now, reactions: [] },
            created: true,
            authorCursorMoved: pending.item.options?.moveAuthorCursor === true,
          });
          return;
        }
        try {
          pending.resolve(await duplicateOf(draft, outcome.err));
        } catch (err) {
          pending.reject(err);
        }
      }),
    );
  };
  const appendBatched = kind === "sqlite" ? groupCommit(runAppends) : eachAlone(runAppends);

  /**
   * An append that wrote nothing: a retried or doubled one (the (channel, author, clientId) is
   * stored: SQLite wrote nothing, MariaDB's unique index refused the copy) gets the original.
   */
  async function duplicateOf(draft: MessageDraft, err: unknown): Promise<AppendResult> {
    const original = err === undefined || dialect.isUniqueViolation(err) ? await findByClientId(draft.channelId, draft.authorId, draft.clientId) : null;
    if (original) return { message: original, created: false };
    throw err ?? new Error(`channel ${draft.channelId} does not exist`);
  }

  const standing = (channelId: string, messageId: string) => and(eq(m.id, messageId), eq(m.channelId, channelId), isNull(m.deletedAt));

  return {
    append: (draft, options) => appendBatched({ draft, options }),

    async page(channelId, bound, limit) {
      const after = "afterSeq" in bound;
      const rows = after
        ? await select(and(eq(m.channelId, channelId), gt(m.seq, bound.afterSeq)))
            .orderBy(asc(m.seq))
            .limit(limit + 1)
        : (
            await select(
              bound.beforeSeq !== undefined ? and(eq(m.channelId, channelId), lt(m.seq, bound.beforeSeq)) : eq(m.channelId, channelId),
            )
              .orderBy(desc(m.seq))
              .limit(limit + 1)
          ).reverse();
      const hasMore = rows.length > limit;
      const kept = hasMore ? (after ? rows.slice(0, limit) : rows.slice(1)) : rows;
      return { messages: await withReactions(kept), hasMore };
    },

    async changesSince(channelId, uptoSeq, since, limit) {
      const rows = await select(and(eq(m.channelId, channelId), lte(m.seq, uptoSeq), gt(m.updatedAt, since)))
        .orderBy(desc(m.updatedAt))
        .limit(limit);
      return withReactions(rows.reverse());
    },

    async get(channelId, messageIds) {
      if (messageIds.length === 0) return [];
      return withReactions(await select(and(eq(m.channelId, channelId), inArray(m.id, messageIds))));
    },

    findByClientId,

    async edit(channelId, messageId, body, at) {
      // Only while the message stands: a delete that got in first wins.
      const result = await db.update(m).set({ body, editedAt: at, updatedAt: at }).where(standing(channelId, messageId));
      if (dialect.affectedRows(result) === 0) return null;
      const after = await one(channelId, messageId);
      return after && !after.deletedAt ? after : null;
    },

    async softDelete(channelId, messageId, at) {
      const deleted = await db.transaction(async (tx) => {
        const result = await tx.update(m).set({ body: "", deletedAt: at, updatedAt: at }).where(standing(channelId, messageId));
        if (dialect.affectedRows(result) === 0) return false;
        await tx.delete(t.reactions).where(eq(t.reactions.messageId, messageId));
        return true;
      });
      return deleted ? one(channelId, messageId) : null;
    },

    async toggleReaction(channelId, messageId, userId, emoji, maxDistinct) {
      const r = t.reactions;
      const mine = and(eq(r.messageId, messageId), eq(r.userId, userId), eq(r.emoji, emoji));
      try {
        const outcome = await db.transaction(async (tx) => {
          // Touching the row first takes its lock, and only while the message stands: a delete
          // that got in first wins, and toggles of one message count their emoji one at a time.
          const touched = await tx.update(m).set({ updatedAt: new Date() }).where(standing(channelId, messageId));
          if (dialect.affectedRows(touched) === 0) return "gone" as const;
          const [had] = await tx.select({ emoji: r.emoji }).from(r).where(mine).limit(1);
          if (had) {
            await tx.delete(r).where(mine);
            return "removed" as const;
          }
          const distinct = await tx.selectDistinct({ emoji: r.emoji }).from(r).where(eq(r.messageId, messageId));
          if (distinct.length >= maxDistinct && !distinct.some((d) => d.emoji === emoji)) return "too_many" as const;
          await tx.insert(r).values({ messageId, userId, emoji, createdAt: new Date() });
          return "added" as const;
        });
        if (outcome === "gone" || outcome === "too_many") return { ok: false, reason: outcome };
        const message = await one(channelId, messageId);
        return message ? { ok: true, message, added: outcome === "added" } : { ok: false, reason: "gone" };
      } catch (err) {
        if (!dialect.isUniqueViolation(err)) throw err;
        // A double click: the reaction is there.
        const message = await one(channelId, messageId);
        return message ? { ok: true, message, added: true } : { ok: false, reason: "gone" };
      }
    },

    async lastOfChannels(channelIds) {
      if (channelIds.length === 0) return new Map();
      // channels.last_seq is the highest seq taken; its message is committed with it.
      const rows = await db
        .select(columns)
        .from(m)
        .innerJoin(t.channels, and(eq(t.channels.id, m.channelId), eq(m.seq, t.channels.lastSeq)))
        .where(inArray(t.channels.id, channelIds));
      return new Map((await withReactions(rows)).map((row) => [row.channelId, row]));
    },

    async unreadCounts(cursors: ReadCursor[], filter?: { authorIds: string[] }) {
      if (cursors.length === 0 || (filter && filter.authorIds.length === 0)) return new Map();
      const past = or(...cursors.map((c) => and(eq(m.channelId, c.channelId), gt(m.seq, c.lastReadSeq))));
      const rows = await db
        .select({ channelId: m.channelId, n: count() })
        .from(m)
        .where(filter ? and(past, inArray(m.authorId, filter.authorIds), ne(m.kind, "system")) : past)
        .groupBy(m.channelId);
      return new Map(rows.map((r) => [r.channelId, Number(r.n)]));
    },

    async wroteIn(pairs) {
      if (pairs.length === 0) return [];
      // Every author in every channel asked about, then only the pairs asked for: one query on
      // the (channel, author, clientId) index instead of an OR per pair.
      const key = (p: AuthorInChannel) => `${p.channelId} ${p.authorId}`;
      const rows = await db
        .selectDistinct({ channelId: m.channelId, authorId: m.authorId })
        .from(m)
        .where(
          and(
            inArray(m.channelId, [...new Set(pairs.map((p) => p.channelId))]),
            inArray(m.authorId, [...new Set(pairs.map((p) => p.authorId))]),
            eq(m.kind, "user"),
          ),
        );
      const asked = new Set(pairs.map(key));
      return rows.filter((r) => asked.has(key(r)));
    },

    async deleteChannels(channelIds) {
      if (channelIds.length === 0) return;
      await db.transaction(async (tx) => {
        const ids = tx.select({ id: m.id }).from(m).where(inArray(m.channelId, channelIds));
        await tx.delete(t.reactions).where(inArray(t.reactions.messageId, ids));
        await tx.delete(m).where(inArray(m.channelId, channelIds));
      });
    },

    async lastSeqs(channelIds) {
      // channels.last_seq is the counter here: the seq bump and the insert commit together.
      const out = new Map(channelIds.map((id) => [id, 0]));
      if (channelIds.length === 0) return out;
      const rows = await db
        .select({ id: t.channels.id, lastSeq: t.channels.lastSeq })
        .from(t.channels)
        .where(inArray(t.channels.id, channelIds));
      for (const r of rows) out.set(r.id, r.lastSeq);
      return out;
    },

    async search(query) {
      if (query.channelIds.length === 0) return { messages: [], hasMore: false };
      const rows = await select(searchWhere(database, query, await searchPlan(database, query)))
        .orderBy(...searchOrder(database))
        .limit(query.limit + 1);
      return { messages: await withReactions(rows.slice(0, query.limit)), hasMore: rows.length > query.limit };
    },

    async linkMessages({ channelId, beforeSeq, excludeAuthorIds, limit }) {
      // Down messages_channel_seq from `beforeSeq`, testing each row: linear in the messages
      // walked until `limit` carry a link (a channel of little else but text walks far).
      const rows = await select(
        and(
          eq(m.channelId, channelId),
          beforeSeq !== undefined ? lt(m.seq, beforeSeq) : undefined,
          eq(m.kind, "user"),
          isNull(m.deletedAt),
          hasLinkWhere(t),
          excludeAuthorIds?.length ? notInArray(m.authorId, excludeAuthorIds) : undefined,
        ),
      )
        .orderBy(desc(m.seq))
        .limit(limit + 1);
      return { messages: await withReactions(rows.slice(0, limit)), hasMore: rows.length > limit };
    },
  };
}

/** The store of a database, made once per database (tests open several). */
const stores = new WeakMap<Database, MessageStore>();
export function sqlMessageStoreOf(database: Database): MessageStore {
  let store = stores.get(database);
  if (!store) stores.set(database, (store = createSqlMessageStore(database)));
  return store;
}
