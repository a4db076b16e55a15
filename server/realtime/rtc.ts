import "server-only";
import { AppError, isExpected } from "@/lib/errors";
import { rooms, type MediaState } from "@/lib/realtime/contract";
import { getConfig } from "../config";
import { areaLog } from "../ops/logger";
import { enteredVideoRoom, leftVideoRoomSocket, replacedInVideoRoom } from "../events/subscriptions";
import { declineCall, enterVideoRoom, leaveVideoRoom, videoRoomChanged } from "../services/video-rooms";
import { setVideoRoomStore, videoRoomStore, type Participant, type VideoRoomStore } from "../video-room-store";
import type { RealtimeServer, SocketData } from "./socket-sink";
import { drainOf } from "./draining";
import { studyRoomRuntime } from "./study-rooms";
import { on, type AppSocket } from "./handler";

/**
 * Video rooms: mesh WebRTC signalled over the socket (DESIGN.md §4). The newcomer gets the
 * current peers in the join ack and offers to each; the others get `rtc:peerJoined` and
 * answer. Signals are relayed only between sockets in the same room. A socket is in at most
 * one room; disconnecting leaves it at once, and a dead node's entries expire (upkeep below).
 */
/**
 * Each socket's own entry as the room store holds it (who, which media), kept on the node that
 * holds the socket: the heartbeat puts it back when the store lost it (a Redis restart).
 */
const entryOf = new WeakMap<object, { participant: Participant; joinedAt: number }>();

export function registerRtcHandlers(io: RealtimeServer, socket: AppSocket): void {
  const me = socket.data as SocketData;
  const user = () => ({ id: me.userId, name: me.name, image: me.image });
  // Joins, leaves and the disconnect run one at a time per socket: a tab closed while its join
  // is still being stored must not leave a participant behind.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const inRoom = (channelId: string) => me.videoRoom?.id === channelId && socket.rooms.has(rooms.rtc(channelId));

  const leave = async () => {
    const room = me.videoRoom;
    if (!room) return;
    me.videoRoom = null;
    entryOf.delete(socket);
    await leftVideoRoomSocket(socket, room.id);
    // Out of the call is out of its study room: its room time is recorded now.
    await studyRoomRuntime(io)?.leftVideoRoom(socket, room.id);
    // Out of the store before the others hear it: a joiner that reads the store after
    // peerLeft went out (and so never gets it) must not be handed this socket as a peer.
    try {
      await leaveVideoRoom(room, socket.id);
    } finally {
      io.to(rooms.rtc(room.id)).emit("rtc:peerLeft", { channelId: room.id, socketId: socket.id });
    }
  };

  on(socket, "rtc:join", ({ channelId, media, resume }) => serially(() => join(channelId, media, resume ?? false)));
  const join = async (channelId: string, media: MediaState, resume: boolean) => {
    if (me.videoRoom && me.videoRoom.id !== channelId) await leave();
    const { channel, participants, replaced } = await enterVideoRoom(user(), socket.id, channelId, media, { resume });
    me.videoRoom = channel;
    entryOf.set(socket, { participant: { ...user(), socketId: socket.id, media }, joinedAt: performance.now() });
    if (replaced) {
      // The same user in another tab: that tab leaves the call (it cleans up with rtc:leave).
      replacedInVideoRoom(replaced, channelId);
      io.to(replaced).emit("rtc:ended", { channelId, reason: "replaced" });
      io.to(rooms.rtc(channelId)).emit("rtc:peerLeft", { channelId, socketId: replaced });
    }
    await enteredVideoRoom(socket, channelId);
    socket.to(rooms.rtc(channelId)).emit("rtc:peerJoined", { channelId, peer: { socketId: socket.id, user: user(), media } });
    const config = getConfig();
    return {
      participants: participants
        .filter((p) => p.socketId !== socket.id)
        .map(({ socketId, media: m, ...u }) => ({ socketId, user: u, media: m })),
      iceServers: config.iceServers,
      cap: config.videoRoomCap,
    };
  };

  on(socket, "rtc:leave", ({ channelId }) =>
    serially(async () => {
      if (me.videoRoom?.id === channelId) await leave();
      return {};
    }),
  );

  on(socket, "rtc:signal", async ({ channelId, to, data }) => {
    // In the room's socket room: taken out of it when access to the channel goes.
    if (!inRoom(channelId)) throw new AppError("forbidden", "Join the room first");
    const peers = await videoRoomStore().participants(channelId);
    // Both ends must be in this room now: no signalling strangers or other rooms.
    if (!peers.some((p) => p.socketId === socket.id) || !peers.some((p) => p.socketId === to)) {
      throw new AppError("forbidden", "That participant is not in this room");
    }
    io.to(to).emit("rtc:signal", { channelId, from: socket.id, data });
    return {};
  });

  on(socket, "rtc:media", async ({ channelId, media }) => {
    if (!inRoom(channelId) || !(await videoRoomStore().setMedia(channelId, socket.id, media))) {
      throw new AppError("forbidden", "Join the room first");
    }
    const entry = entryOf.get(socket);
    if (entry) entry.participant.media = media;
    socket.to(rooms.rtc(channelId)).emit("rtc:media", { channelId, socketId: socket.id, media });
    return {};
  });

  on(socket, "call:decline", async ({ channelId }) => {
    await declineCall(user(), channelId);
    return {};
  });

  // Tracked: a graceful stop waits for the leave before it closes Redis (server/ops/shutdown.ts).
  socket.on(
    "disconnect",
    () =>
      void drainOf(io)
        .track(() => serially(leave))
        .catch(logError),
  );
}

/**
 * Node-wide upkeep: heartbeat this node's room entries (putting back those the store lost);
 * tell rooms that lost a dead node's people. `beat` runs one at once (Redis is back).
 */
export function startVideoRoomUpkeep(io: RealtimeServer, store: VideoRoomStore, everyMs: number): { stop(): void; beat(): void } {
  setVideoRoomStore(store);
  const beat = () => {
    const entries = [...io.of("/").sockets.values()]
      .flatMap((s) => {
        const room = (s.data as SocketData).videoRoom;
        const entry = entryOf.get(s);
        // Only a socket still in the room's socket room: one replaced by another tab, or evicted,
        // was taken out of it and must not come back.
        return room && entry && s.rooms.has(rooms.rtc(room.id)) ? [{ roomId: room.id, ...entry }] : [];
      })
      // In the order they joined, so that restored entries keep it (on this node; nodes interleave).
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map(({ roomId, participant }) => ({ roomId, participant }));
    void store
      .heartbeat(entries)
      .then(async (restored) => {
        if (restored.length === 0) return;
        rtcLog.warn({ restored: restored.length }, "video room entries the store had lost are back");
        // While the store was empty a page read its rooms as empty, and a join or leave in that
        // time announced a room without the restored people: tell the sidebars who is in each
        // room again. The last row of a room has everyone this node put back (the touches run
        // in order), and everyone other nodes had put back before it.
        const byRoom = new Map(restored.map(({ roomId, participants }) => [roomId, participants]));
        await Promise.all([...byRoom].map(([roomId, participants]) => videoRoomChanged(roomId, participants, null)));
      })
      .then(() => store.sweep())
      .then((swept) =>
        Promise.all(
          swept.map(async ({ roomId, gone, participants, ended }) => {
            for (const socketId of gone) io.to(rooms.rtc(roomId)).emit("rtc:peerLeft", { channelId: roomId, socketId });
            await videoRoomChanged(roomId, participants, ended);
          }),
        ),
      )
      .catch(logError);
  };
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    beat,
    stop: () => {
      clearInterval(timer);
      setVideoRoomStore(undefined);
    },
  };
}

const rtcLog = areaLog("rtc");
function logError(err: unknown) {
  // Redis being away (a typed `unavailable`) is logged once by its watcher in ../scale.ts, not on every beat.
  if (!isExpected(err)) rtcLog.error({ err }, "video room upkeep failed");
}
