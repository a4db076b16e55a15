import "server-only";
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { LIMITS } from "@/lib/limits";
import { rooms } from "@/lib/realtime/contract";
import { setSendLimiter } from "../rate-limit";
import { PRESENCE_HEARTBEAT_MS } from "../presence";
import { inProcess, type ScaleOut } from "../scale";
import { myAdminSpaces, myOwnMemberChannels } from "../services/access";
import { listMySpaces } from "../services/spaces";
import { registerChatHandlers } from "./chat";
import { registerPresenceHandlers, startPresenceUpkeep } from "./presence";
import { registerRtcHandlers, startVideoRoomUpkeep } from "./rtc";
import { registerTypingHandlers } from "./typing";
import { setRealtimeServer, type RealtimeServer, type SocketData } from "./emitter";
import { originGuard, protocolGuard, sessionGuard } from "./handshake";

export interface RealtimeOptions {
  allowedOrigins: ReadonlySet<string>;
  authSecret: string;
  /** In-process by default; Redis-backed for several nodes (server/scale.ts). */
  scale?: ScaleOut;
  /** Keep foreign upgrade requests (Next's dev HMR socket) alive instead of closing them. */
  shareUpgrades?: boolean;
}

/** Socket.IO on the app's HTTP server: handshake guards, then one handler module per domain. */
export function createRealtimeServer(httpServer: HttpServer, options: RealtimeOptions): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    transports: ["websocket", "polling"],
    maxHttpBufferSize: LIMITS.socketMaxPayloadBytes,
    // A client whose network went away is noticed within 15 s (default 45 s): it leaves its
    // video room and goes offline for the others that much sooner.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    allowRequest: originGuard(options.allowedOrigins),
    destroyUpgrade: !options.shareUpgrades,
    serveClient: false,
  });
  const scale = options.scale ?? inProcess();
  if (scale.adapter) io.adapter(scale.adapter);
  setSendLimiter(scale.sendLimiter);
  const stopUpkeep = startPresenceUpkeep(io, scale.presence);
  const stopRoomUpkeep = startVideoRoomUpkeep(io, scale.videoRooms, PRESENCE_HEARTBEAT_MS);
  io.use(protocolGuard());
  io.use(sessionGuard(options.authSecret));
  io.on("connection", (socket) => {
    const { userId } = socket.data as SocketData;
    // Its own room, a room per space it belongs to, and one per dm, group chat and private
    // channel it is in (channel activity for unread badges and the chat list).
    void socket.join(rooms.user(userId));
    void Promise.all([listMySpaces(userId), myAdminSpaces(userId), myOwnMemberChannels(userId)]).then(
      ([spaces, adminOf, channelIds]) =>
        socket.join([
          ...spaces.map((s) => rooms.space(s.id)),
          ...adminOf.map(rooms.spaceAdmins),
          ...channelIds.map((id) => rooms.members(id)),
        ]),
      (err: unknown) => console.error("[realtime] could not join space rooms", err),
    );
    registerChatHandlers(socket);
    registerTypingHandlers(socket);
    registerPresenceHandlers(io, socket, scale.presence);
    registerRtcHandlers(io, socket);
  });
  httpServer.once("close", () => {
    stopUpkeep();
    stopRoomUpkeep();
  });
  setRealtimeServer(io);
  return io;
}
