"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import SimplePeer from "simple-peer";
import { request, useRealtime } from "@/components/chat/RealtimeProvider";
import type { ErrorCode } from "@/lib/errors";
import type { IceServer, MediaState, SignalData, UserSummary } from "@/lib/realtime/contract";

export interface RemotePeer {
  socketId: string;
  user: UserSummary;
  media: MediaState;
  stream: MediaStream | null;
}

/** How long a closed connection waits before it is made again. */
const RECONNECT_AFTER_MS = 1500;

export type RoomPhase = "prejoin" | "joining" | "joined" | "left";

/** Why the camera or microphone could not be used (the pre-join screen explains it). */
export type DeviceProblem = "denied" | "no-camera" | "no-devices" | null;

interface Entry extends RemotePeer {
  peer: SimplePeer.Instance;
}

/**
 * One video room (mesh WebRTC with simple-peer, signalled over the app's socket): the local
 * camera and microphone, a peer connection to every other participant, their streams and
 * mic/camera/screen state. The one who joins offers to everyone already there; the others
 * answer. After a reconnect the page joins again by itself (it has a new socket id, so every
 * connection is made anew).
 */
export function useVideoRoom(channelId: string) {
  const { socket } = useRealtime();
  const [phase, setPhase] = useState<RoomPhase>("prejoin");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [notice, setNotice] = useState<"replaced" | "removed" | null>(null);
  /** Who turned down this call (a dm or group), for a moment. */
  const [declinedBy, setDeclinedBy] = useState<string | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [media, setMedia] = useState<MediaState>({ mic: true, camera: true, screen: false });
  const [problem, setProblem] = useState<DeviceProblem>(null);
  const [peers, setPeers] = useState<RemotePeer[]>([]);
  const entries = useRef(new Map<string, Entry>());
  const iceServers = useRef<IceServer[]>([]);
  // What is sent to peers: the mic track and the camera track, or the screen's while sharing.
  const outgoing = useRef<MediaStream>(null);
  const camera = useRef<MediaStream | null>(null);
  const screen = useRef<MediaStream | null>(null);
  const mediaRef = useRef(media);
  mediaRef.current = media;
  const joined = useRef(false);
  // From the Join click until Leave (or leaving the page): a join answered after that is undone.
  const wanted = useRef(false);
  // The devices being opened: joining waits for them, so peers get the tracks from the start.
  const devicesReady = useRef<Promise<unknown>>(Promise.resolve());

  const publishPeers = useCallback(() => {
    setPeers([...entries.current.values()].map(({ peer: _peer, ...rest }) => rest));
  }, []);

  /** Opens the camera and microphone (these devices, or the defaults); degrades to audio only, then to listening. */
  const openDevices = useCallback((devices: { audioId?: string; videoId?: string } = {}) => {
    const opening = openCameraAndMic(devices);
    devicesReady.current = opening;
    return opening;
  }, []);

  // Each open supersedes the ones before it; a result nobody wants any more (a newer pick, or
  // the page left while the permission prompt was up) is let go, so the camera light goes off.
  const openings = useRef(0);
  const mounted = useRef(true);
  const openCameraAndMic = async (devices: { audioId?: string; videoId?: string }) => {
    const ticket = ++openings.current;
    camera.current?.getTracks().forEach((t) => t.stop());
    const audio = devices.audioId ? { deviceId: { exact: devices.audioId } } : true;
    const video = devices.videoId ? { deviceId: { exact: devices.videoId } } : true;
    let stream: MediaStream | null = null;
    let found: DeviceProblem = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio, video });
    } catch (err) {
      const denied = (err as DOMException).name === "NotAllowedError";
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio });
        found = denied ? "denied" : "no-camera";
      } catch (again) {
        found = denied || (again as DOMException).name === "NotAllowedError" ? "denied" : "no-devices";
      }
    }
    if (ticket !== openings.current || !mounted.current) {
      stream?.getTracks().forEach((t) => t.stop());
      return null;
    }
    // New tracks start enabled: keep the mic or camera the user turned off, off.
    stream?.getAudioTracks().forEach((t) => (t.enabled = mediaRef.current.mic));
    stream?.getVideoTracks().forEach((t) => (t.enabled = mediaRef.current.camera));
    camera.current = stream;
    setProblem(found);
    setLocal(stream);
    const hasVideo = !!stream?.getVideoTracks().length;
    const hasAudio = !!stream?.getAudioTracks().length;
    setMedia((m) => ({ ...m, camera: hasVideo && m.camera, mic: hasAudio && m.mic }));
    return stream;
  };

  const createPeer = useCallback(
    (remote: Omit<RemotePeer, "stream">, initiator: boolean) => {
      if (!socket) return null;
      entries.current.get(remote.socketId)?.peer.destroy();
      const peer = new SimplePeer({
        initiator,
        trickle: true,
        stream: outgoing.current ?? undefined,
        config: { iceServers: iceServers.current },
        offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
      });
      const entry: Entry = { ...remote, stream: null, peer };
      entries.current.set(remote.socketId, entry);
      peer.on("signal", (data) => {
        void request(socket, "rtc:signal", { channelId, to: remote.socketId, data: data as SignalData }).then((ack) => {
          // Refused: they are no longer in the room (their peerLeft may have gone out before we
          // were in it). No answer will ever come, so the tile goes.
          if (ack.ok || ack.error.code !== "forbidden" || !joined.current || entries.current.get(remote.socketId)?.peer !== peer) return;
          peer.destroy();
          entries.current.delete(remote.socketId);
          publishPeers();
        });
      });
      peer.on("stream", (stream: MediaStream) => {
        entry.stream = stream;
        publishPeers();
      });
      peer.on("track", (_track: MediaStreamTrack, stream: MediaStream) => {
        entry.stream = stream;
        publishPeers();
      });
      // A connection that fails (ICE gave up, a starved tab) while both are still in the room
      // is made again: the side with the smaller socket id offers anew, the other answers it.
      // Someone who really left is removed by peerLeft first.
      peer.on("error", () => undefined);
      peer.on("close", () => {
        if (entries.current.get(remote.socketId)?.peer !== peer || !joined.current) return;
        setTimeout(() => {
          const now = entries.current.get(remote.socketId);
          if (now?.peer !== peer || !joined.current || !socket.id) return;
          if (socket.id < remote.socketId) createPeer({ socketId: remote.socketId, user: now.user, media: now.media }, true);
        }, RECONNECT_AFTER_MS);
      });
      publishPeers();
      return entry;
    },
    [socket, channelId, publishPeers],
  );

  const dropAll = useCallback(() => {
    for (const e of entries.current.values()) e.peer.destroy();
    entries.current.clear();
    publishPeers();
  }, [publishPeers]);

  /** Out of the room (left, replaced or removed): a screen share ends with it, and is not resumed by joining again. */
  const endScreenShare = useCallback(() => {
    if (!screen.current) return;
    screen.current.getTracks().forEach((t) => t.stop());
    screen.current = null;
    setLocal(camera.current);
    setMedia((m) => ({ ...m, screen: false }));
  }, []);

  const enter = useCallback(
    async (resume: boolean) => {
      if (!socket) return;
      wanted.current = true;
      setPhase("joining");
      setError(null);
      setNotice(null);
      await devicesReady.current;
      const stream = camera.current;
      outgoing.current = new MediaStream([
        ...(stream?.getAudioTracks() ?? []),
        ...(screen.current?.getVideoTracks() ?? stream?.getVideoTracks() ?? []),
      ]);
      const ack = await request(socket, "rtc:join", { channelId, media: mediaRef.current, resume });
      if (!wanted.current) return; // left (or the page went) while joining: leave() told the server
      if (!ack.ok) {
        joined.current = false;
        dropAll();
        setError(ack.error.code);
        setPhase("prejoin");
        return;
      }
      joined.current = true;
      iceServers.current = ack.iceServers;
      dropAll();
      for (const p of ack.participants) createPeer(p, true);
      setPhase("joined");
    },
    [socket, channelId, createPeer, dropAll],
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

  // Live events for this room.
  useEffect(() => {
    if (!socket) return;
    const mine = (e: { channelId: string }) => e.channelId === channelId && joined.current;
    const onJoined = (e: { channelId: string; peer: Omit<RemotePeer, "stream"> }) => {
      if (!mine(e)) return;
      // Their offer may have come first (and made the connection): then only name it.
      const early = entries.current.get(e.peer.socketId);
      if (early) Object.assign(early, { user: e.peer.user, media: e.peer.media });
      else createPeer(e.peer, false);
      publishPeers();
    };
    const onSignal = (e: { channelId: string; from: string; data: Record<string, unknown> }) => {
      if (!mine(e)) return;
      // An offer from someone whose peerJoined has not arrived yet: answer it anyway. Anything
      // else from an unknown socket is late news from someone who left.
      const known = entries.current.get(e.from);
      // A fresh offer for a connection that closed: the other side is making it again.
      const entry =
        (known && !(e.data.type === "offer" && known.peer.destroyed) ? known : undefined) ??
        (e.data.type === "offer"
          ? createPeer(
              { socketId: e.from, user: { id: "", name: "", image: null }, media: { mic: true, camera: true, screen: false } },
              false,
            )
          : null);
      entry?.peer.signal(e.data as unknown as SimplePeer.SignalData);
    };
    const onLeft = (e: { channelId: string; socketId: string }) => {
      if (!mine(e)) return;
      entries.current.get(e.socketId)?.peer.destroy();
      entries.current.delete(e.socketId);
      publishPeers();
    };
    const onMedia = (e: { channelId: string; socketId: string; media: MediaState }) => {
      const entry = mine(e) ? entries.current.get(e.socketId) : undefined;
      if (!entry) return;
      entry.media = e.media;
      publishPeers();
    };
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
    socket.on("rtc:peerJoined", onJoined);
    socket.on("rtc:signal", onSignal);
    socket.on("rtc:peerLeft", onLeft);
    socket.on("rtc:media", onMedia);
    socket.on("rtc:ended", onEnded);
    socket.on("call:declined", onDeclined);
    socket.on("connect", onConnect);
    return () => {
      socket.off("rtc:peerJoined", onJoined);
      socket.off("rtc:signal", onSignal);
      socket.off("rtc:peerLeft", onLeft);
      socket.off("rtc:media", onMedia);
      socket.off("rtc:ended", onEnded);
      socket.off("call:declined", onDeclined);
      socket.off("connect", onConnect);
    };
  }, [socket, channelId, createPeer, publishPeers, dropAll, endScreenShare, enter]);

  // Leaving the page leaves the room and lets go of the camera.
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  useEffect(
    () => () => {
      if (wanted.current && socket) void request(socket, "rtc:leave", { channelId });
      joined.current = false;
      wanted.current = false;
      for (const e of entries.current.values()) e.peer.destroy();
      camera.current?.getTracks().forEach((t) => t.stop());
      screen.current?.getTracks().forEach((t) => t.stop());
    },
    [socket, channelId],
  );

  const announce = useCallback(
    (next: MediaState) => {
      setMedia(next);
      if (joined.current && socket) void request(socket, "rtc:media", { channelId, media: next });
    },
    [socket, channelId],
  );

  const toggleMic = useCallback(() => {
    const track = camera.current?.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !mediaRef.current.mic;
    announce({ ...mediaRef.current, mic: track.enabled });
  }, [announce]);

  // Camera off keeps the track (disabled: black frames, no renegotiation); peers show the avatar.
  const toggleCamera = useCallback(() => {
    const track = camera.current?.getVideoTracks()[0];
    if (!track) return;
    track.enabled = !mediaRef.current.camera;
    announce({ ...mediaRef.current, camera: track.enabled });
  }, [announce]);

  /** Puts a video track in place of what peers get now: replace where a video sender exists, else add one. */
  const sendVideo = useCallback((next: MediaStreamTrack | null, previous: MediaStreamTrack | null) => {
    const out = outgoing.current;
    if (!out) return;
    for (const { peer } of entries.current.values()) {
      try {
        if (previous && next) peer.replaceTrack(previous, next, out);
        else if (next) peer.addTrack(next, out);
        else if (previous) peer.removeTrack(previous, out);
      } catch {
        // a connection still negotiating takes the new stream when it is made
      }
    }
    if (previous) out.removeTrack(previous);
    if (next) out.addTrack(next);
  }, []);

  const stopShare = useCallback(() => {
    const track = screen.current?.getVideoTracks()[0] ?? null;
    screen.current?.getTracks().forEach((t) => t.stop());
    screen.current = null;
    sendVideo(camera.current?.getVideoTracks()[0] ?? null, track);
    setLocal(camera.current);
    announce({ ...mediaRef.current, screen: false });
  }, [announce, sendVideo]);

  const startShare = useCallback(async () => {
    let shared: MediaStream;
    try {
      shared = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch {
      return false; // the user closed the picker
    }
    const track = shared.getVideoTracks()[0];
    if (!track) return false;
    screen.current = shared;
    sendVideo(track, camera.current?.getVideoTracks()[0] ?? null);
    track.addEventListener("ended", () => stopShare()); // the browser's own "Stop sharing"
    setLocal(new MediaStream([...(camera.current?.getAudioTracks() ?? []), track]));
    announce({ ...mediaRef.current, screen: true });
    return true;
  }, [announce, sendVideo, stopShare]);

  return {
    phase,
    error,
    notice,
    declinedBy,
    problem,
    local,
    media,
    peers,
    openDevices,
    setInitialMedia: setMedia,
    join,
    leave,
    toggleMic,
    toggleCamera,
    startShare,
    stopShare,
  };
}

/** The loudest participant right now (socket id, or "me"), from the audio levels of their streams. */
export function useActiveSpeaker(streams: Array<{ id: string; stream: MediaStream | null }>): string | null {
  const [speaker, setSpeaker] = useState<string | null>(null);
  const key = streams.map((s) => `${s.id}:${s.stream?.id ?? ""}`).join(",");
  useEffect(() => {
    const withAudio = streams.filter((s) => s.stream?.getAudioTracks().length);
    if (withAudio.length === 0 || typeof AudioContext === "undefined") return;
    const context = new AudioContext();
    const meters = withAudio.map(({ id, stream }) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream!).connect(analyser);
      return { id, analyser, samples: new Float32Array(analyser.fftSize) };
    });
    const timer = setInterval(() => {
      let best: { id: string; level: number } | null = null;
      for (const m of meters) {
        m.analyser.getFloatTimeDomainData(m.samples);
        const level = Math.sqrt(m.samples.reduce((sum, v) => sum + v * v, 0) / m.samples.length);
        if (level > 0.02 && (!best || level > best.level)) best = { id: m.id, level };
      }
      setSpeaker(best?.id ?? null);
    }, 300);
    return () => {
      clearInterval(timer);
      void context.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the streams are keyed by `key`
  }, [key]);
  return speaker;
}
