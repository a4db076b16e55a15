import "server-only";
import { isExpected } from "@/lib/errors";
import type { Attachment, ChannelSummary, ChatMessage, ReplyPreview, SystemEvent, UserSummary } from "@/lib/realtime/contract";
import { getMessageStore } from ".";
import { broadcast } from "./hooks/broadcast";
import { linkPreviews } from "./hooks/link-previews";
import { publishOrder, type Reservation } from "./publish-order";
import { toChatMessages } from "./views";
import { areaLog } from "../ops/logger";

const messagesLog = areaLog("messages");

/**
 * Posting is a pipeline: the store appends the message (its seq and row in one atomic step),
 * then the after-commit hooks run in order — the broadcast first, in seq order per channel,
 * then link previews (fetched in the background, sent as an update); notifications, search
 * indexing and study hooks register after them. Hooks see only committed
 * messages, once each; a hook that throws is logged and the others still run (the message is
 * stored and its sender is answered either way).
 */

/** What a message is made of before it has a seq: a user's text, or a system event. */
export interface MessageDraft {
  author: UserSummary;
  clientId: string;
  body: string;
  replyTo?: ReplyPreview | null;
  system?: SystemEvent;
  /** Files this message carries, claimed for its clientId before it is posted. */
  attachments?: Attachment[];
}

export interface Posted {
  channel: ChannelSummary;
  message: ChatMessage;
}

export type AfterCommitHook = (posted: Posted) => void | Promise<void>;

// On globalThis for the reason the event sink is (Next's bundles and the custom server).
const registry = globalThis as unknown as { __moimAfterCommitHooks?: AfterCommitHook[] };
const hooks = () => (registry.__moimAfterCommitHooks ??= [broadcast, linkPreviews]);

/** Adds a hook after those there (the broadcast is always first). Returns its removal. */
export function addAfterCommitHook(hook: AfterCommitHook): () => void {
  hooks().push(hook);
  return () => {
    const list = hooks();
    const at = list.indexOf(hook);
    if (at !== -1) list.splice(at, 1);
  };
}

function runHooks(posted: Posted): void {
  for (const hook of hooks()) {
    try {
      void Promise.resolve(hook(posted)).catch((err: unknown) =>
        messagesLog.error({ err, channelId: posted.channel.id, seq: posted.message.seq }, "after-commit hook failed"),
      );
    } catch (err) {
      messagesLog.error({ err, channelId: posted.channel.id, seq: posted.message.seq }, "after-commit hook failed");
    }
  }
}

/**
 * Posts a message: appended once per (channel, author, clientId) — a repeat gets the stored
 * original back (`created: false`) and runs no hook again. Its place in this node's broadcast
 * order is taken as soon as the store has a seq, so a later seq never goes out before it.
 */
export async function postMessage(
  channel: ChannelSummary,
  draft: MessageDraft,
  options: { moveAuthorCursor?: boolean } = {},
): Promise<{ message: ChatMessage; created: boolean; authorCursorMoved: boolean }> {
  const store = await getMessageStore();
  const order = publishOrder();
  let reservation: Reservation | undefined;
  let result;
  try {
    result = await store.append(
      {
        channelId: channel.id,
        authorId: draft.author.id,
        clientId: draft.clientId,
        body: draft.system ? JSON.stringify(draft.system) : draft.body,
        kind: draft.system ? "system" : "user",
        replyToId: draft.replyTo?.id ?? null,
      },
      { onSeq: (seq) => (reservation = order.reserve(channel.id, seq)), moveAuthorCursor: options.moveAuthorCursor },
    );
  } catch (err) {
    // Rolled back: its seq is given back, and later seqs must not wait for it.
    if (reservation) order.cancel(reservation);
    throw err;
  }
  if (!result.created) {
    if (reservation) order.cancel(reservation);
    const [original] = await toChatMessages(channel.id, [result.message]);
    return { message: original!, created: false, authorCursorMoved: false };
  }
  const stored = result.message;
  const message: ChatMessage = {
    id: stored.id,
    channelId: channel.id,
    seq: stored.seq,
    clientId: stored.clientId,
    body: draft.system ? "" : stored.body,
    createdAt: stored.createdAt.toISOString(),
    editedAt: null,
    deletedAt: null,
    author: { id: draft.author.id, name: draft.author.name, image: draft.author.image },
    system: draft.system ?? null,
    replyTo: draft.replyTo ?? null,
    reactions: [],
    attachments: draft.attachments ?? [],
    // Fetched after the commit (./hooks/link-previews.ts), which sends the message again with them.
    linkPreviews: [],
  };
  // Committed: this goes out (and frees its place in the order) whatever the hooks do.
  if (reservation) order.publish(reservation, () => runHooks({ channel, message }));
  else runHooks({ channel, message }); // a store that never said its seq: nothing to order by
  return { message, created: true, authorCursorMoved: result.authorCursorMoved === true };
}

const COMMITTED_ATTEMPTS = 3;

/**
 * Posts a system message whose cause (a membership change, a call ending) is already committed,
 * so it cannot be rolled back with it. It is retried on a failure that is not the caller's (a
 * dropped connection may hide a commit): its clientId must be deterministic — the same for a
 * retry of the same change — and the append's idempotency makes every retry land once. If an
 * attempt did commit, the retry finds it and runs the hooks it missed.
 */
export async function postCommitted(channel: ChannelSummary, draft: MessageDraft & { system: SystemEvent }): Promise<ChatMessage> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { message, created } = await postMessage(channel, draft);
      // A failed attempt that had committed after all: its hooks never ran, so they run now
      // (the broadcast may then come after a later seq; clients order by seq).
      if (!created && attempt > 1) runHooks({ channel, message });
      return message;
    } catch (err) {
      if (isExpected(err) || attempt >= COMMITTED_ATTEMPTS) throw err;
      messagesLog.warn({ err, attempt }, "a system message failed, retrying");
    }
  }
}
