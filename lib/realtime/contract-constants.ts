/**
 * The protocol's plain constants, in a module without zod, so the browser can import them
 * without shipping the schemas (about 30 KB gzipped on every signed-in page). contract.ts
 * re-exports them and stays the one place that names the protocol; import the types from there
 * (`import type` costs nothing in the bundle).
 */
export const PROTOCOL_VERSION = 1;
/** The handshake error a client gets when its PROTOCOL_VERSION is not the server's. */
export const PROTOCOL_MISMATCH = "protocol_mismatch";
/**
 * Handshake refusals for abuse limits (server/realtime/connection-limits.ts): the user has too
 * many sockets open, or this address opened too many connections this minute. The client
 * shows them and waits before trying again.
 */
export const TOO_MANY_SOCKETS = "too_many_sockets";
export const TOO_MANY_CONNECTIONS = "too_many_connections";
