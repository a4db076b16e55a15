"use client";
import dynamic from "next/dynamic";

/**
 * The video room, loaded only where a call is: simple-peer, its stream polyfills and the room's
 * UI are a chunk of their own (about 40 KB gzipped), so text channels and chats do not carry it
 * on first load.
 */
export const VideoRoom = dynamic(() => import("./VideoRoom").then((m) => m.VideoRoom), {
  loading: () => <div className="flex-1 animate-pulse bg-stone-100" data-testid="video-room-loading" />,
});
