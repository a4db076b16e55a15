"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MediaState } from "@/lib/realtime/contract";

/** Why the camera or microphone could not be used (the pre-join screen explains it). */
export type DeviceProblem = "denied" | "no-camera" | "no-devices" | null;

/**
 * This browser's side of a video room: the camera and microphone, a screen share, and the
 * mic/camera/screen state shown to the others. What goes out to peers is theirs to send:
 * `sendVideo` swaps a video track on every connection, `onChange` tells the room a new state.
 */
export function useLocalMedia({
  sendVideo,
  onChange,
}: {
  sendVideo: (next: MediaStreamTrack | null, previous: MediaStreamTrack | null) => void;
  onChange: (next: MediaState) => void;
}) {
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [media, setMedia] = useState<MediaState>({ mic: true, camera: true, screen: false });
  const [problem, setProblem] = useState<DeviceProblem>(null);
  const camera = useRef<MediaStream | null>(null);
  const screen = useRef<MediaStream | null>(null);
  const mediaRef = useRef(media);
  mediaRef.current = media;
  // The devices being opened: joining waits for them, so peers get the tracks from the start.
  const devicesReady = useRef<Promise<unknown>>(Promise.resolve());

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

  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);

  /** What peers should get once the devices are open: the mic, and the screen while sharing or else the camera. */
  const tracksToSend = useCallback(async () => {
    await devicesReady.current;
    const stream = camera.current;
    return [...(stream?.getAudioTracks() ?? []), ...(screen.current?.getVideoTracks() ?? stream?.getVideoTracks() ?? [])];
  }, []);

  const mediaNow = useCallback(() => mediaRef.current, []);

  /** Out of the room (left, replaced or removed): a screen share ends with it, and is not resumed by joining again. */
  const endScreenShare = useCallback(() => {
    if (!screen.current) return;
    screen.current.getTracks().forEach((t) => t.stop());
    screen.current = null;
    setLocal(camera.current);
    setMedia((m) => ({ ...m, screen: false }));
  }, []);

  /** Lets go of the camera, microphone and screen (the page is going). */
  const release = useCallback(() => {
    camera.current?.getTracks().forEach((t) => t.stop());
    screen.current?.getTracks().forEach((t) => t.stop());
  }, []);

  const announce = useCallback(
    (next: MediaState) => {
      setMedia(next);
      onChange(next);
    },
    [onChange],
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
    local,
    media,
    problem,
    setMedia,
    mediaNow,
    openDevices,
    tracksToSend,
    endScreenShare,
    release,
    toggleMic,
    toggleCamera,
    startShare,
    stopShare,
  };
}
