import "server-only";
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { LIMITS } from "@/lib/limits";
import { setRingLimiter, setSendLimiter, setUndoLimiter } from "../rate-limit";
import { PRESENCE_HEARTBEAT_MS } from "../presence-store";
import { inProcess, type ScaleOut } from "../scale";
import { myAdminSpaces, myOwnMemberChannels } from "../services/access";
import { listMySpaces } from "../services/spaces";
import { registerChatHandlers } from "./chat";
import { registerPresenceHandlers, startPresenceUpkeep } from "./presence";
import { registerRtcHandlers, startVideoRoomUpkeep } from "./rtc";
import { registerStudyHandlers } from "./study";
import { registerTypingHandlers } from "./typing";
import { startStudyRooms } from "./study-rooms";
import { setEventSink } from "../events/sink";
import { joinOnConnect, roomsOnConnect } from "../events/subscriptions";
import { socketIoSink, type RealtimeServer, type SocketData } from "./socket-sink";
import { originGuard, protocolGuard, sessionGuard } from "./handshake";
import { connectionLimits, type ConnectionLimits } from "./connection-limits";
import { setSocketBudgets, type SocketBudgets } from "./handler";
import { getConfig } from "../config";
import { socketLog } from "../ops/logger";
import { labelled, metrics, sampleRealtime } from "../ops/metrics";
import { drainOf } from "./draining";

export interface RealtimeOptions {
  allowedOrigins: ReadonlySet<string>;
  authSecret: string;
  /** In-process by default; Redis-backed for several nodes (server/scale.ts). */
  scale?: ScaleOut;
  /** Keep foreign upgrade requests (Next's dev HMR socket) alive instead of closing them. */
  shareUpgrades?: boolean;
  /** Sockets per user and connection attempts per address; by default from the config (`abuse`, `trustProxy`). */
  limits?: Partial<ConnectionLimits & SocketBudgets>;
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
  // Clients re-read what they show (the catch-up a reconnect does) when Redis lost live events.
  scale.onMissedEvents?.((where) => (where === "here" ? io.local : io).emit("realtime:resync"));
  // Redis is back (maybe restarted empty): this node's video room entries go back at once, not at the next beat.
  scale.onCommandsBack?.(() => roomUpkeep.beat());
  setSendLimiter(scale.sendLimiter);
  setRingLimiter(scale.ringLimiter);
  setUndoLimiter(scale.undoLimiter);
  const stopUpkeep = startPresenceUpkeep(io, scale.presence);
  const roomUpkeep = startVideoRoomUpkeep(io, scale.videoRooms, PRESENCE_HEARTBEAT_MS);
  const studyRooms = startStudyRooms(io);
  const limits = connectionLimits(withConfigDefaults(options.limits));
  setSocketBudgets(io, {
    socketSendBurst: options.limits?.socketSendBurst ?? LIMITS.socketSendBurst,
    socketSendsPerSecond: options.limits?.socketSendsPerSecond ?? LIMITS.socketSendsPerSecond,
  });
  const drain = drainOf(io);
  // A draining node takes no new sockets; the client tries again (and reaches another node).
  io.use((_socket, next) => (drain.draining ? next(new Error("unavailable")) : next()));
  io.use(limits.perAddress);
  io.use(protocolGuard());
  io.use(sessionGuard(options.authSecret, options.allowedOrigins));
  // Its own room, its session's room, a room per space it belongs to, and one per dm, group chat and private
  // channel it is in (channel activity for unread badges and the chat list). They are looked
  // up during the handshake and joined as the socket connects, in the same tick: once the
  // client hears "connect", it hears everything sent to those rooms.
  const subscriptions = new WeakMap<object, string[]>();
  io.use(async (socket, next) => {
    const { userId, sessionId } = socket.data as SocketData;
    try {
      const [spaces, adminOf, channelIds] = await Promise.all([listMySpaces(userId), myAdminSpaces(userId), myOwnMemberChannels(userId)]);
      subscriptions.set(
        socket,
        roomsOnConnect(userId, sessionId, { spaceIds: spaces.map((s) => s.id), adminSpaceIds: adminOf, ownMemberChannelIds: channelIds }),
      );
      next();
    } catch (err) {
      socketLog(socket).error({ err }, "could not look up the rooms of a connecting socket");
      next(new Error("unavailable")); // not the user's fault: the client retries
    }
  });
  io.use(limits.perUser); // last: see connection-limits.ts
  const deliveries = labelled(metrics().deliveries);
  io.on("connection", (socket) => {
    joinOnConnect(socket, subscriptions.get(socket) ?? []);
    subscriptions.delete(socket);
    // Every packet written to this socket, broadcasts included, by event name.
    socket.onAnyOutgoing((event: string) => deliveries(event).inc());
    socketLog(socket).debug("socket connected");
    socket.on("disconnect", (reason) => socketLog(socket).debug({ reason }, "socket disconnected"));
    registerChatHandlers(socket);
    registerTypingHandlers(socket);
    registerPresenceHandlers(io, socket, scale.presence);
    registerRtcHandlers(io, socket);
    registerStudyHandlers(socket);
    studyRooms.register(socket);
  });
  const stopSampling = sampleRealtime(() => {
    const sockets = io.of("/").sockets;
    const videoRooms = new Set<string>();
    let videoParticipants = 0;
    for (const s of sockets.values()) {
      const room = (s.data as SocketData).videoRoom;
      if (room) {
        videoRooms.add(room.id);
        videoParticipants++;
      }
    }
    return { sockets: sockets.size, videoRooms: videoRooms.size, videoParticipants };
  });
  httpServer.once("close", () => {
    stopUpkeep();
    roomUpkeep.stop();
    studyRooms.stop();
    stopSampling();
  });
  setEventSink(socketIoSink(io));
  return io;
}

function withConfigDefaults(limits: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const config = getConfig();
  return {
    socketsPerUser: limits.socketsPerUser ?? config.abuse.socketsPerUser,
    connectionsPerIpPerMinute: limits.connectionsPerIpPerMinute ?? config.abuse.connectionsPerIpPerMinute,
    trustProxy: limits.trustProxy ?? config.trustProxy,
  };
}
