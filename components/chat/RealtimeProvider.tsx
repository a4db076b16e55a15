"use client";
import { createContext, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_MISMATCH,
  PROTOCOL_VERSION,
  type Ack,
  type ClientEvent,
  type ClientPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/contract";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = "connecting" | "connected" | "reconnecting";

const RealtimeContext = createContext<{ socket: ClientSocket | null; state: ConnectionState }>({ socket: null, state: "connecting" });

/** One socket per tab, opened with the session cookie, shared by every screen. */
export function RealtimeProvider({ children }: { children: React.ReactNode }) {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");

  useEffect(() => {
    const s: ClientSocket = io({ transports: ["websocket", "polling"], withCredentials: true, auth: { protocol: PROTOCOL_VERSION } });
    s.on("connect", () => setState("connected"));
    s.on("disconnect", () => setState("reconnecting"));
    s.on("connect_error", (err) => {
      // The server runs another build: load it rather than speak an old protocol.
      if (err.message === PROTOCOL_MISMATCH) window.location.reload();
      setState((prev) => (prev === "connected" ? "reconnecting" : prev));
    });
    setSocket(s);
    return () => {
      s.disconnect();
    };
  }, []);

  return <RealtimeContext.Provider value={{ socket, state }}>{children}</RealtimeContext.Provider>;
}

export function useRealtime() {
  return useContext(RealtimeContext);
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
