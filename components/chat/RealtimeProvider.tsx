"use client";
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { LIMITS } from "@/lib/limits";
import { onCatchUp } from "@/lib/realtime/catch-up";
import { signInUrlBackTo } from "@/lib/safe-callback";
import type { Ack, ClientEvent, ClientPayload, ClientToServerEvents, PresenceStatus, ServerToClientEvents } from "@/lib/realtime/contract";
import { PROTOCOL_MISMATCH, PROTOCOL_VERSION, TOO_MANY_CONNECTIONS, TOO_MANY_SOCKETS } from "@/lib/realtime/contract-constants";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** `tooManyTabs` / `tooManyConnections`: the server refused this socket for now (abuse limits). */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "tooManyTabs" | "tooManyConnections";

/** How long a refused tab waits before trying again: long enough not to hammer the server, jittered so tabs spread out. */
const REFUSED_RETRY_MS = { [TOO_MANY_SOCKETS]: 30_000, [TOO_MANY_CONNECTIONS]: 20_000 } as const;

interface RealtimeContextValue {
  socket: ClientSocket | null;
  state: ConnectionState;
  presence: Record<string, PresenceStatus>;
  /** Follow these users' presence while the caller is mounted; returns the unfollow. */
  followPresence: (userIds: string[]) => () => void;
}

const RealtimeContext = createContext<RealtimeContextValue>({
  socket: null,
  state: "connecting",
  presence: {},
  followPresence: () => () => undefined,
});

/** Opens the tab's socket and keeps the connection state and presence it reports. */
function openSocket(
  io: typeof import("socket.io-client").io,
  setState: React.Dispatch<React.SetStateAction<ConnectionState>>,
  setPresence: React.Dispatch<React.SetStateAction<Record<string, PresenceStatus>>>,
): ClientSocket {
  const s: ClientSocket = io({ transports: ["websocket", "polling"], withCredentials: true, auth: { protocol: PROTOCOL_VERSION } });
  // Set by the server's shutdown notice: the disconnect that follows is planned.
  let shutdownSpreadMs: number | null = null;
  s.on("server:shutdown", ({ reconnectWithinMs }) => (shutdownSpreadMs = reconnectWithinMs));
  s.on("connect", () => setState("connected"));
  s.on("disconnect", (reason) => {
    setState("reconnecting");
    if (reason === "io server disconnect" && shutdownSpreadMs !== null) {
      // The node is going away. Every tab it served reconnects now, so each waits a random
      // part of the window the server gave rather than all arriving at the next node at once;
      // if that node is not there yet, Socket.IO's own retries back off from there.
      const delay = 250 + Math.random() * Math.max(0, shutdownSpreadMs - 250);
      shutdownSpreadMs = null;
      setTimeout(() => s.connect(), delay);
      return;
    }
    // The server cut this socket off: its session ended (signed out here or elsewhere), or it
    // kept sending past its limits. The client does not retry that by itself: try again after
    // a short, jittered pause, and the handshake says which it was ("unauthorized" below sends
    // the tab to sign-in; a still-good session simply carries on). A lost network or a
    // restarting server comes back through Socket.IO's own retries.
    if (reason === "io server disconnect") setTimeout(() => s.connect(), 1000 * (0.75 + Math.random() / 2));
  });
  s.on("connect_error", (err) => {
    // The server runs another build: load it rather than speak an old protocol.
    if (err.message === PROTOCOL_MISMATCH) window.location.reload();
    if (err.message === TOO_MANY_SOCKETS || err.message === TOO_MANY_CONNECTIONS) {
      setState(err.message === TOO_MANY_SOCKETS ? "tooManyTabs" : "tooManyConnections");
      setTimeout(() => s.connect(), REFUSED_RETRY_MS[err.message] * (0.75 + Math.random() / 2));
      return;
    }
    setState((prev) => (prev === "connected" ? "reconnecting" : prev));
    // A refused handshake stops the client's own retries: the session ended, or the server
    // could not check it for a moment. Sign in again, or keep trying.
    if (!s.active) {
      if (err.message === "unauthorized") window.location.assign(signInUrlBackTo(window.location.href));
      else setTimeout(() => s.connect(), 2000);
    }
  });
  s.on("presence:update", ({ userId, status }) => setPresence((p) => (p[userId] === status ? p : { ...p, [userId]: status })));
  return s;
}

/** One socket per tab, opened with the session cookie, shared by every screen. */
export function RealtimeProvider({ children }: { children: React.ReactNode }) {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const followers = useRef(new Map<string, number>());
  const [followVersion, setFollowVersion] = useState(0);

  useEffect(() => {
    // The client library is fetched after hydration (the page is already drawn from the server;
    // the socket opens in this effect either way), so it is not part of the first load.
    let s: ClientSocket | null = null;
    let unmounted = false;
    void import("socket.io-client").then(({ io }) => {
      if (unmounted) return;
      s = openSocket(io, setState, setPresence);
      setSocket(s);
    });
    return () => {
      unmounted = true;
      s?.disconnect();
    };
  }, []);

  useIdleReporting(socket);

  // One watch list per socket: the union of what mounted screens follow, re-sent on reconnect
  // and resync (presence updates may have been lost).
  useEffect(() => {
    if (!socket) return;
    const send = () => {
      const userIds = [...followers.current.keys()].slice(0, LIMITS.presenceWatchMax);
      void request(socket, "presence:watch", { userIds }).then((ack) => {
        if (ack.ok) setPresence((p) => ({ ...p, ...ack.statuses }));
      });
    };
    const timer = setTimeout(send, 50); // coalesce screens mounting together
    const offCatchUp = onCatchUp(socket, send);
    return () => {
      clearTimeout(timer);
      offCatchUp();
    };
  }, [socket, followVersion]);

  const followPresence = useCallback((userIds: string[]) => {
    for (const id of userIds) followers.current.set(id, (followers.current.get(id) ?? 0) + 1);
    setFollowVersion((v) => v + 1);
    return () => {
      for (const id of userIds) {
        const n = (followers.current.get(id) ?? 1) - 1;
        if (n <= 0) followers.current.delete(id);
        else followers.current.set(id, n);
      }
      setFollowVersion((v) => v + 1);
    };
  }, []);

  return <RealtimeContext.Provider value={{ socket, state, presence, followPresence }}>{children}</RealtimeContext.Provider>;
}

export function useRealtime() {
  return useContext(RealtimeContext);
}

/** The presence of these users, followed while the component is mounted. */
export function usePresence(userIds: string[]): Record<string, PresenceStatus> {
  const { presence, followPresence } = useRealtime();
  const key = userIds.join(",");
  useEffect(() => followPresence(key ? key.split(",") : []), [key, followPresence]);
  return presence;
}

/** Tells the server when this tab has had no input for LIMITS.idleAfterMs, and when it has again. */
function useIdleReporting(socket: ClientSocket | null) {
  useEffect(() => {
    if (!socket) return;
    let lastInput = Date.now();
    let idle = false;
    const report = (next: boolean) => {
      if (idle === next) return;
      idle = next;
      if (socket.connected) void request(socket, "presence:idle", { idle });
    };
    const onInput = () => {
      lastInput = Date.now();
      report(false);
    };
    const events = ["pointerdown", "pointermove", "keydown", "touchstart", "focus"] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    const timer = setInterval(() => report(Date.now() - lastInput >= LIMITS.idleAfterMs), 30_000);
    const onConnect = () => {
      if (idle) void request(socket, "presence:idle", { idle });
    };
    socket.on("connect", onConnect);
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
      clearInterval(timer);
      socket.off("connect", onConnect);
    };
  }, [socket]);
}

const ACK_TIMEOUT_MS = 10_000;

/** Emits a client event and resolves with its ack; a timeout or a lost connection is a typed error. */
export async function request<E extends ClientEvent>(socket: ClientSocket, event: E, payload: ClientPayload<E>): Promise<Ack<E>> {
  try {
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: E, p: ClientPayload<E>): Promise<Ack<E>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: "internal", message: "No answer from the server" } };
  }
}
