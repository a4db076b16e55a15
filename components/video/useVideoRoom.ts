"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import type { ErrorCode } from "@/lib/errors";
import type { MediaState, UserSummary } from "@/lib/realtime/contract";
import { useLocalMedia } from "./useLocalMedia";
import { usePeerMesh } from "./usePeerMesh";

export type RoomPhase = "prejoin" | "joining" | "joined" | "left";

/**
 * Being in one video room: joining and leaving over the app's socket, with this browser's
 * camera and microphone (useLocalMedia) and a connection to every other participant
 * (usePeerMesh). After a reconnect the page joins again by itself (it has a new socket id, so
 * every connection is made anew).
 */
export function useVideoRoom(channelId: string) {
  const { socket } = useRealtime();
  const [phase, setPhase] = useState<RoomPhase>("prejoin");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [notice, setNotice] = useState<"replaced" | "removed" | null>(null);
  /** Who turned down this call (a dm or group), for a moment. */
  const [declinedBy, setDeclinedBy] = useState<string | null>(null);
  const joined = useRef(false);
  // From the Join click until Leave (or leaving the page): a join answered after that is undone.
  const wanted = useRef(false);

  const mesh = usePeerMesh(socket, channelId, joined);
  const { dropAll, connect, setOutgoing, destroyAll } = mesh;
  const tellRoom = useCallback(
    (next: MediaState) => {
      if (joined.current && socket) void request(socket, "rtc:media", { channelId, media: next });
    },
    [socket, channelId],
  );
  const local = useLocalMedia({ sendVideo: mesh.sendVideo, onChange: tellRoom });
  const { endScreenShare, tracksToSend, mediaNow, release } = local;

  const enter = useCallback(
    async (resume: boolean) => {
      if (!socket) return;
      wanted.current = true;
      setPhase("joining");
      setError(null);
      setNotice(null);
      setOutgoing(await tracksToSend());
      const ack = await request(socket, "rtc:join", { channelId, media: mediaNow(), resume });
      if (!wanted.current) return; // left (or the page went) while joining: leave() told the server
      if (!ack.ok) {
        joined.current = false;
        dropAll();
        setError(ack.error.code);
        setPhase("prejoin");
        return;
      }
      joined.current = true;
      connect(ack.iceServers, ack.participants);
      setPhase("joined");
    },
    [socket, channelId, connect, dropAll, setOutgoing, tracksToSend, mediaNow],
  );
  const join = useCallback(() => enter(false), [enter]);

  const leave = useCallback(() => {
    joined.current = false;
    wanted.current = false;
    // Also while still joining: the server takes joins and leaves in order, so this undoes it.
    if (socket) void request(socket, "rtc:leave", { channelId });
    dropAll();
    endScreenShare();
    setPhase("left");
  }, [socket, channelId, dropAll, endScreenShare]);

  // This browser's own events in this room.
  useEffect(() => {
    if (!socket) return;
    const mine = (e: { channelId: string }) => e.channelId === channelId && joined.current;
    const onEnded = (e: { channelId: string; reason: "replaced" | "removed" }) => {
      if (!mine(e)) return;
      joined.current = false;
      wanted.current = false;
      dropAll();
      endScreenShare();
      setNotice(e.reason);
      setPhase("left");
    };
    const onDeclined = (e: { channelId: string; user: UserSummary }) => {
      if (!mine(e)) return;
      setDeclinedBy(e.user.name);
    };
    // A new socket after a reconnect (or a server restart): join again, every connection anew.
    const onConnect = () => {
      if (joined.current) void enter(true);
    };
    socket.on("rtc:ended", onEnded);
    socket.on("call:declined", onDeclined);
    socket.on("connect", onConnect);
    return () => {
      socket.off("rtc:ended", onEnded);
      socket.off("call:declined", onDeclined);
      socket.off("connect", onConnect);
    };
  }, [socket, channelId, dropAll, endScreenShare, enter]);

  // Leaving the page leaves the room and lets go of the camera.
  useEffect(
    () => () => {
      if (wanted.current && socket) void request(socket, "rtc:leave", { channelId });
      joined.current = false;
      wanted.current = false;
      destroyAll();
      release();
    },
    [socket, channelId, destroyAll, release],
  );

  return {
    phase,
    error,
    notice,
    declinedBy,
    problem: local.problem,
    local: local.local,
    media: local.media,
    peers: mesh.peers,
    openDevices: local.openDevices,
    setInitialMedia: local.setMedia,
    join,
    leave,
    toggleMic: local.toggleMic,
    toggleCamera: local.toggleCamera,
    startShare: local.startShare,
    stopShare: local.stopShare,
  };
}
