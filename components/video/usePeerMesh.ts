"use client";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import SimplePeer from "simple-peer";
import { request, type ClientSocket } from "@/components/chat/RealtimeProvider";
import type { IceServer, MediaState, SignalData, UserSummary } from "@/lib/realtime/contract";

export interface RemotePeer {
  socketId: string;
  user: UserSummary;
  media: MediaState;
  stream: MediaStream | null;
}

/** How long a closed connection waits before it is made again. */
const RECONNECT_AFTER_MS = 1500;

interface Entry extends RemotePeer {
  peer: SimplePeer.Instance;
}

/**
 * The peer mesh of one video room (WebRTC with simple-peer, signalled over the app's socket): a
 * connection to every other participant, their streams and mic/camera/screen state, and the
 * stream sent to all of them. The one who joins offers to everyone already there (`connect`);
 * the others answer. `joined` is the room's: signals and events count only while it is true.
 */
export function usePeerMesh(socket: ClientSocket | null, channelId: string, joined: RefObject<boolean>) {
  const [peers, setPeers] = useState<RemotePeer[]>([]);
  const entries = useRef(new Map<string, Entry>());
  const iceServers = useRef<IceServer[]>([]);
  // What is sent to peers: the mic track and the camera track, or the screen's while sharing.
  const outgoing = useRef<MediaStream>(null);

  const publishPeers = useCallback(() => {
    setPeers([...entries.current.values()].map(({ peer: _peer, ...rest }) => rest));
  }, []);

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
    [socket, channelId, publishPeers, joined],
  );

  const dropAll = useCallback(() => {
    for (const e of entries.current.values()) e.peer.destroy();
    entries.current.clear();
    publishPeers();
  }, [publishPeers]);

  /** From now on, peers get these tracks (set before joining, so they have them from the start). */
  const setOutgoing = useCallback((tracks: MediaStreamTrack[]) => {
    outgoing.current = new MediaStream(tracks);
  }, []);

  /** In the room: every connection anew, an offer to each one already there. */
  const connect = useCallback(
    (servers: IceServer[], participants: Array<Omit<RemotePeer, "stream">>) => {
      iceServers.current = servers;
      dropAll();
      for (const p of participants) createPeer(p, true);
    },
    [createPeer, dropAll],
  );

  /** Closes every connection without telling React (the page is going). */
  const destroyAll = useCallback(() => {
    for (const e of entries.current.values()) e.peer.destroy();
  }, []);

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

  // Signalling and the others' comings, goings and media state.
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
    socket.on("rtc:peerJoined", onJoined);
    socket.on("rtc:signal", onSignal);
    socket.on("rtc:peerLeft", onLeft);
    socket.on("rtc:media", onMedia);
    return () => {
      socket.off("rtc:peerJoined", onJoined);
      socket.off("rtc:signal", onSignal);
      socket.off("rtc:peerLeft", onLeft);
      socket.off("rtc:media", onMedia);
    };
  }, [socket, channelId, createPeer, publishPeers, joined]);

  return { peers, connect, dropAll, destroyAll, setOutgoing, sendVideo };
}
