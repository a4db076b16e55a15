"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { newClientId } from "@/lib/client-id";
import type { ErrorCode } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import type { Attachment, ChannelOpening, ChatMessage, ClientPayload, UserSummary } from "@/lib/realtime/contract";
import { onCatchUp } from "@/lib/realtime/catch-up";
import { applyChange, mergeBySeq } from "@/lib/realtime/order";
import { request, useRealtime } from "./RealtimeProvider";
import { SendPacer } from "./send-pacer";

export interface Pending {
  clientId: string;
  body: string;
  replyToId?: string;
  /** Stored already (uploaded): the message carries them. */
  attachments?: Attachment[];
  state: "sending" | "failed";
  error?: ErrorCode;
}

export interface TypingUser {
  id: string;
  name: string;
  until: number;
}

/**
 * One open channel, kept exactly in step with the server: starts from the page's `opening` (the
 * first page, read on the server) when there is one, joins (and re-joins after every reconnect
 * or resync with the last seq it holds), fills any gap in seq, pages back, sends in order paced
 * to the server's send budget, and tracks read cursors (the reader's own included) and who is
 * typing.
 */
export function useChannel(channelId: string, me: UserSummary, opening?: ChannelOpening) {
  const { socket } = useRealtime();
  const [messages, setMessages] = useState<ChatMessage[]>(() => opening?.messages ?? []);
  const [pending, setPending] = useState<Pending[]>([]);
  const [reads, setReads] = useState<Map<string, number>>(() => new Map(opening?.reads.map((r) => [r.userId, r.lastReadSeq])));
  const [receipts, setReceipts] = useState(() => (opening?.reads.length ?? 0) > 0);
  const [typing, setTyping] = useState<TypingUser[]>([]);
  const [status, setStatus] = useState<"loading" | "ready" | "error">(opening ? "ready" : "loading");
  /** The socket has joined the channel (the page's first messages may show before it). */
  const [joined, setJoined] = useState(false);
  const [hasOlder, setHasOlder] = useState(opening?.hasOlder ?? false);
  /** Reading far back: the newest messages were let go and page back in on scrolling down. */
  const [hasNewer, setHasNewer] = useState(opening?.hasNewer ?? false);
  const hasNewerRef = useRef(hasNewer);
  hasNewerRef.current = hasNewer;
  /**
   * Where the "new messages" divider goes: after my read cursor as it was when the channel
   * opened, if others had written past it by then (what arrives while I watch is not "new").
   */
  const [unreadAtOpen, setUnreadAtOpen] = useState<{ after: number; upto: number } | null>(() =>
    opening ? { after: opening.myLastReadSeq, upto: opening.lastSeq } : null,
  );
  /** My read cursor here, as the server has it (moved by this tab, my other tabs and my sends). */
  const [myRead, setMyRead] = useState(opening?.myLastReadSeq ?? 0);
  /** The channel's newest seq as far as this tab knows (the window may not reach it). */
  const [latestSeq, setLatestSeq] = useState(opening?.lastSeq ?? 0);
  /** The newest message that arrived live from someone else (for the screen reader's announcement). */
  const [arrival, setArrival] = useState<ChatMessage | null>(null);

  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const lastMarked = useRef(opening?.myLastReadSeq ?? 0);
  const syncedAt = useRef<number | undefined>(opening?.syncedAt);
  const moveMyRead = useCallback((seq: number) => {
    lastMarked.current = Math.max(lastMarked.current, seq);
    setMyRead((current) => Math.max(current, seq));
  }, []);

  /**
   * Sends wait in order in the outbox and go out one at a time, paced by a copy of the server's
   * send budget: the 11th message of a fast burst waits a third of a second instead of being
   * refused. A refusal anyway (another tab or device spent the shared budget) keeps the message
   * at the head and tries it again after a backoff, so the order never changes.
   */
  const outbox = useRef<Pending[]>([]);
  const pumping = useRef(false);
  const pacer = useRef<SendPacer | null>(null);
  const pump = useCallback(async () => {
    if (!socket || pumping.current) return;
    pumping.current = true;
    pacer.current ??= new SendPacer();
    try {
      for (let refusals = 0; socket.connected && outbox.current.length > 0; ) {
        const item = outbox.current[0]!;
        const wait = pacer.current.reserve();
        // A little past the refill: the server counts from when the previous send arrived.
        if (wait > 0) await sleep(wait + SEND_PACING_MARGIN_MS);
        if (!socket.connected) return;
        if (outbox.current[0] !== item) continue; // dropped meanwhile (a join found it stored)
        const payload = {
          channelId,
          clientId: item.clientId,
          body: item.body,
          ...(item.replyToId ? { replyToId: item.replyToId } : {}),
          ...(item.attachments?.length ? { attachmentIds: item.attachments.map((a) => a.id) } : {}),
        };
        const ack = await request(socket, "message:send", payload);
        if (ack.ok) {
          refusals = 0;
          outbox.current = outbox.current.filter((p) => p.clientId !== item.clientId);
          setMessages((list) => mergeBySeq(list, [ack.message]));
          setPending((list) => list.filter((p) => p.clientId !== item.clientId));
          moveMyRead(ack.message.seq); // the server moved my cursor past what I sent
        } else if (ack.error.code === "rate_limited") {
          await sleep(sendRetryDelayMs(refusals++));
        } else if (!socket.connected) {
          return; // lost on the way: it goes again, with the same clientId, after the next join
        } else {
          refusals = 0;
          outbox.current = outbox.current.filter((p) => p.clientId !== item.clientId);
          setPending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: "failed", error: ack.error.code } : p)));
        }
      }
    } finally {
      pumping.current = false;
    }
  }, [socket, channelId, moveMyRead]);

  /** Fetches everything after `afterSeq` (a gap), page by page. */
  const fillFrom = useCallback(
    async (afterSeq: number) => {
      if (!socket) return;
      for (let from = afterSeq; ;) {
        const ack = await request(socket, "message:list", { channelId, afterSeq: from });
        if (!ack.ok || ack.messages.length === 0) return;
        setMessages((list) => mergeBySeq(list, ack.messages));
        if (!ack.hasMore) return;
        from = ack.messages.at(-1)!.seq;
      }
    },
    [socket, channelId],
  );

  useEffect(() => {
    if (!socket) return;
    let closed = false;
    const join = async () => {
      const held = messagesRef.current.at(-1)?.seq;
      const since = syncedAt.current;
      const ack = await request(socket, "channel:join", {
        channelId,
        ...(held !== undefined ? { afterSeq: held } : {}),
        ...(held !== undefined && since !== undefined ? { updatedSince: since } : {}),
      });
      if (closed) return;
      if (!ack.ok) {
        setStatus("error");
        return;
      }
      syncedAt.current = ack.syncedAt;
      setLatestSeq((seq) => Math.max(seq, ack.channel.lastSeq));
      if (hasNewerRef.current) {
        // Reading back in the history: keep the window, take only changes to what it holds.
        setMessages((list) => ack.updates.reduce(applyChange, list));
      } else {
        setMessages((list) => (ack.reset ? ack.messages : ack.updates.reduce(applyChange, mergeBySeq(list, ack.messages))));
        if (ack.reset) setHasOlder((ack.messages[0]?.seq ?? 1) > 1);
      }
      setReads(new Map(ack.reads.map((r) => [r.userId, r.lastReadSeq])));
      setReceipts(ack.reads.length > 0); // channels too large for "unread by N" get no cursors
      setUnreadAtOpen((prev) => prev ?? { after: ack.myLastReadSeq, upto: ack.channel.lastSeq });
      moveMyRead(ack.myLastReadSeq);
      setStatus("ready");
      setJoined(true);
      // Sends that were stored but never acked came back with the join; the others go again,
      // in order, with the same clientId: the server keeps one.
      const stored = new Set(ack.messages.filter((m) => m.author.id === me.id).map((m) => m.clientId));
      if (stored.size > 0) {
        outbox.current = outbox.current.filter((p) => !stored.has(p.clientId));
        setPending((list) => list.filter((p) => !stored.has(p.clientId)));
      }
      void pump();
    };
    const onNew = (message: ChatMessage) => {
      if (message.channelId !== channelId) return;
      const last = messagesRef.current.at(-1)?.seq ?? 0;
      if (!hasNewerRef.current) setMessages((list) => mergeBySeq(list, [message])); // else it pages in later
      setLatestSeq((seq) => Math.max(seq, message.seq));
      if (message.author.id === me.id) {
        setPending((list) => list.filter((p) => p.clientId !== message.clientId));
        moveMyRead(message.seq);
      } else if (message.seq > last) {
        setArrival(message);
      }
      // Writing is reading: the server moved the author's cursor past their message (it does not
      // tell the channel, which can see it here). System messages move no cursor of their own.
      if (!message.system) {
        const author = message.author.id;
        setReads((map) => (map.size === 0 || (map.get(author) ?? 0) >= message.seq ? map : new Map(map).set(author, message.seq)));
      }
      setTyping((list) => list.filter((u) => u.id !== message.author.id));
      if (!hasNewerRef.current && last > 0 && message.seq > last + 1) void fillFrom(last); // missed something: fetch it
    };
    const onUpdated = (message: ChatMessage) => {
      if (message.channelId !== channelId) return;
      // Only messages we hold change in place; others arrive with their page when scrolled to.
      setMessages((list) => applyChange(list, message));
    };
    const onRead = (event: { channelId: string; userId: string; lastReadSeq: number }) => {
      if (event.channelId !== channelId) return;
      if (event.userId === me.id) moveMyRead(event.lastReadSeq);
      setReads((map) => (map.size === 0 ? map : new Map(map).set(event.userId, Math.max(map.get(event.userId) ?? 0, event.lastReadSeq))));
    };
    const onTyping = (event: { channelId: string; user: UserSummary }) => {
      if (event.channelId !== channelId || event.user.id === me.id) return;
      const until = Date.now() + LIMITS.typingExpiryMs;
      setTyping((list) => [...list.filter((u) => u.id !== event.user.id), { id: event.user.id, name: event.user.name, until }]);
    };
    const offCatchUp = onCatchUp(socket, join);
    socket.on("message:new", onNew);
    socket.on("message:updated", onUpdated);
    socket.on("read:update", onRead);
    socket.on("typing", onTyping);
    if (socket.connected) void join();
    return () => {
      closed = true;
      offCatchUp();
      socket.off("message:new", onNew);
      socket.off("message:updated", onUpdated);
      socket.off("read:update", onRead);
      socket.off("typing", onTyping);
      if (socket.connected) void request(socket, "channel:leave", { channelId });
    };
  }, [socket, channelId, me.id, pump, fillFrom, moveMyRead]);

  // Typing notices expire on their own.
  useEffect(() => {
    if (typing.length === 0) return;
    const next = Math.min(...typing.map((u) => u.until)) - Date.now();
    const timer = setTimeout(() => setTyping((list) => list.filter((u) => u.until > Date.now())), Math.max(next, 0) + 50);
    return () => clearTimeout(timer);
  }, [typing]);

  // The list is a window of at most LIMITS.heldMessagesMax messages that moves by pages: loading
  // older lets go of the newest, loading newer lets go of the oldest, so a long channel never
  // puts more than that in the DOM.
  const loadOlder = useCallback(async () => {
    const first = messagesRef.current[0]?.seq;
    if (!socket || first === undefined || first <= 1) return;
    const ack = await request(socket, "message:list", { channelId, beforeSeq: first });
    if (!ack.ok) return;
    const merged = mergeBySeq(messagesRef.current, ack.messages);
    if (merged.length > LIMITS.heldMessagesMax) setHasNewer(true);
    setMessages(merged.slice(0, LIMITS.heldMessagesMax));
    setHasOlder(ack.hasMore);
  }, [socket, channelId]);

  const loadNewer = useCallback(async () => {
    const last = messagesRef.current.at(-1)?.seq;
    if (!socket || last === undefined || !hasNewerRef.current) return;
    const ack = await request(socket, "message:list", { channelId, afterSeq: last });
    if (!ack.ok) return;
    const merged = mergeBySeq(messagesRef.current, ack.messages);
    if (merged.length > LIMITS.heldMessagesMax) setHasOlder(true);
    setMessages(merged.slice(-LIMITS.heldMessagesMax));
    if (!ack.hasMore) setHasNewer(false); // caught up with the live end
  }, [socket, channelId]);

  /**
   * A window around a message that may be far from what is held (a search result): the page
   * that ends half a page past it replaces the window; older and newer pages then load on
   * scrolling, and "jump to latest" goes back to the present.
   */
  const showAround = useCallback(
    async (seq: number) => {
      if (!socket || messagesRef.current.some((m) => m.seq === seq)) return;
      const ack = await request(socket, "message:list", { channelId, beforeSeq: seq + LIMITS.historyPageSize / 2 + 1 });
      if (!ack.ok) return;
      setMessages(ack.messages);
      setHasOlder(ack.hasMore);
      const last = ack.messages.at(-1)?.seq ?? seq;
      setLatestSeq((latest) => {
        setHasNewer(last < latest);
        return latest;
      });
    },
    [socket, channelId],
  );

  /** Back to the live end: the newest page replaces the window. */
  const showLatest = useCallback(async () => {
    if (!socket || !hasNewerRef.current) return;
    const ack = await request(socket, "message:list", { channelId, beforeSeq: 2 ** 31 - 1 });
    if (!ack.ok) return;
    setMessages(ack.messages);
    setHasOlder(ack.hasMore);
    setHasNewer(false);
  }, [socket, channelId]);

  /**
   * Long sessions in a busy channel would grow the list without end: while the reader is at the
   * live end, keep only the newest messages (older ones page back in on scrolling up).
   */
  const trim = useCallback(() => {
    if (hasNewerRef.current || messagesRef.current.length <= LIMITS.heldMessagesMax) return;
    setMessages((list) => list.slice(-LIMITS.historyPageSize * 2));
    setHasOlder(true);
  }, []);

  /** The user has seen everything up to `seq`. */
  const markRead = useCallback(
    (seq: number) => {
      if (!socket?.connected || seq <= lastMarked.current) return;
      const previous = lastMarked.current;
      lastMarked.current = seq;
      void request(socket, "read:mark", { channelId, seq }).then((ack) => {
        if (ack.ok) setMyRead((current) => Math.max(current, ack.lastReadSeq));
        else if (lastMarked.current === seq) lastMarked.current = previous; // try again next time
      });
    },
    [socket, channelId],
  );
  /** "Mark as read" (and Esc): everything in the channel, seen or not. */
  const markAllRead = useCallback(() => {
    const newest = Math.max(latestSeq, messagesRef.current.at(-1)?.seq ?? 0);
    if (newest > 0) markRead(newest);
  }, [latestSeq, markRead]);

  const lastTypingSent = useRef(0);
  // Typing before the channel is joined (the server relays only into joined channels) is sent
  // once the join is done, if it is still fresh.
  const typedBeforeJoin = useRef(0);
  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (status !== "ready") {
      typedBeforeJoin.current = now;
      return;
    }
    if (!socket?.connected || now - lastTypingSent.current < LIMITS.typingThrottleMs) return;
    lastTypingSent.current = now;
    void request(socket, "typing:start", { channelId }).then((ack) => {
      if (!ack.ok) lastTypingSent.current = 0; // refused (e.g. a rejoin in flight): the next keystroke tries again
    });
  }, [socket, channelId, status]);
  useEffect(() => {
    if (status !== "ready" || Date.now() - typedBeforeJoin.current > LIMITS.typingThrottleMs) return;
    typedBeforeJoin.current = 0;
    notifyTyping();
  }, [status, notifyTyping]);

  const send = useCallback(
    (body: string, replyToId?: string, attachments: Attachment[] = []) => {
      const item: Pending = {
        clientId: newClientId(),
        body,
        state: "sending",
        ...(replyToId ? { replyToId } : {}),
        ...(attachments.length ? { attachments } : {}),
      };
      lastTypingSent.current = 0; // the next keystroke starts a new notice
      setPending((list) => [...list, item]);
      outbox.current = [...outbox.current, item];
      void pump(); // waits for the socket if it is not connected: the next join starts it
    },
    [pump],
  );

  const retry = useCallback(
    (item: Pending) => {
      const again: Pending = { ...item, state: "sending", error: undefined };
      setPending((list) => list.map((p) => (p.clientId === item.clientId ? again : p)));
      if (!outbox.current.some((p) => p.clientId === item.clientId)) outbox.current = [...outbox.current, again];
      void pump();
    },
    [pump],
  );

  /** Edits, deletions and reactions: the ack carries the message as it now is. */
  const change = useCallback(
    async <E extends "message:edit" | "message:delete" | "reaction:toggle">(
      event: E,
      payload: ClientPayload<E>,
    ): Promise<ErrorCode | null> => {
      if (!socket) return "internal";
      const ack = await request(socket, event, payload);
      if (!ack.ok) return ack.error.code;
      setMessages((list) => applyChange(list, ack.message));
      return null;
    },
    [socket],
  );
  const edit = useCallback(
    (messageId: string, body: string) => change("message:edit", { channelId, messageId, body }),
    [change, channelId],
  );
  const remove = useCallback((messageId: string) => change("message:delete", { channelId, messageId }), [change, channelId]);
  const react = useCallback(
    (messageId: string, emoji: string) => change("reaction:toggle", { channelId, messageId, emoji }),
    [change, channelId],
  );

  return {
    messages,
    pending,
    reads,
    receipts,
    typing,
    status,
    joined,
    hasOlder,
    hasNewer,
    unreadAtOpen,
    myRead,
    latestSeq,
    arrival,
    markAllRead,
    loadOlder,
    loadNewer,
    showLatest,
    showAround,
    trim,
    markRead,
    notifyTyping,
    send,
    retry,
    edit,
    remove,
    react,
  };
}

/** Backs off from half a second to about five, with jitter so several tabs' sends spread out. */
function sendRetryDelayMs(attempt: number): number {
  return Math.min(5000, 500 * 2 ** attempt) * (0.5 + Math.random());
}

const SEND_PACING_MARGIN_MS = 50;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
