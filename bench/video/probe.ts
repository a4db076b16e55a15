/**
 * What runs inside each page to time a join, from outside the app: a plain script (a string,
 * so the TypeScript loader adds no helpers to it) installed with addInitScript on every page
 * load. All times are `performance.timeOrigin + performance.now()`, one clock for every page of
 * the browser, so the joiner's click and the others' first frame of the joiner compare.
 *
 * window.__bench.arm() starts a measurement: remote videos on the page now are "old"; each new
 * `[data-testid=remote-video]` gets a record with the time it appeared, its first frame
 * presented (requestVideoFrameCallback) and the time it first had a size while playing
 * (videoWidth > 0 and not paused, a fallback). The first trusted click on the pre-join Join
 * button after arm() is the start; the first `[data-testid=video-room]` after it is the join
 * ack (the room is shown once the ack is in).
 */

export interface ProbeVideo {
  name: string | null;
  addedAt: number;
  frameAt: number | null;
  sizedAt: number | null;
  /** Still in the page at the snapshot (a tile goes when its connection closes). */
  present: boolean;
}

export interface ProbeSnapshot {
  armedAt: number | null;
  clickAt: number | null;
  roomAt: number | null;
  videos: ProbeVideo[];
}

export const PROBE_SCRIPT = String.raw`(() => {
  const now = () => performance.timeOrigin + performance.now();
  const B = { armedAt: null, clickAt: null, roomAt: null, records: [], old: new WeakSet(), seen: new WeakSet(), timer: null };
  window.__bench = B;

  // Keep every RTCPeerConnection the page makes, to read its getStats() when a video is late.
  const pcs = [];
  const Native = window.RTCPeerConnection;
  if (Native) {
    const Wrapped = function (...args) {
      const pc = new Native(...args);
      pcs.push({ pc, createdAt: now() });
      return pc;
    };
    Wrapped.prototype = Native.prototype;
    Object.setPrototypeOf(Wrapped, Native);
    window.RTCPeerConnection = Wrapped;
  }
  /** Per connection: its states and its video in and out (frames, bytes, why the sender holds back). */
  B.rtcStats = async () => {
    const out = [];
    for (const { pc, createdAt } of pcs) {
      if (pc.connectionState === "closed") continue;
      const row = { ageMs: Math.round(now() - createdAt), connection: pc.connectionState, ice: pc.iceConnectionState, signaling: pc.signalingState };
      const stats = await pc.getStats();
      stats.forEach((r) => {
        if (r.type === "inbound-rtp" && r.kind === "video")
          Object.assign(row, { inFramesReceived: r.framesReceived, inFramesDecoded: r.framesDecoded, inKeyFramesDecoded: r.keyFramesDecoded, inBytes: r.bytesReceived, inFirs: r.firCount, inPlis: r.pliCount, inSize: r.frameWidth ? r.frameWidth + "x" + r.frameHeight : null });
        if (r.type === "outbound-rtp" && r.kind === "video")
          Object.assign(row, { outFramesEncoded: r.framesEncoded, outFramesSent: r.framesSent, outBytes: r.bytesSent, outLimit: r.qualityLimitationReason, outSize: r.frameWidth ? r.frameWidth + "x" + r.frameHeight : null, outFps: r.framesPerSecond });
      });
      out.push(row);
    }
    return out;
  };

  const scan = () => {
    if (B.armedAt === null) return;
    if (B.clickAt !== null && B.roomAt === null && document.querySelector('[data-testid="video-room"]')) B.roomAt = now();
    for (const el of document.querySelectorAll('[data-testid="remote-video"]')) {
      if (B.old.has(el) || B.seen.has(el)) continue;
      B.seen.add(el);
      const rec = { el, name: null, addedAt: now(), frameAt: null, sizedAt: null };
      B.records.push(rec);
      if (typeof el.requestVideoFrameCallback === "function") {
        el.requestVideoFrameCallback(() => { if (rec.frameAt === null) rec.frameAt = now(); });
      }
    }
    for (const rec of B.records) {
      if (rec.sizedAt === null && rec.el.videoWidth > 0 && !rec.el.paused) rec.sizedAt = now();
      const tile = rec.el.closest('[data-testid="video-tile"]');
      if (tile) rec.name = tile.getAttribute("data-name");
    }
  };

  document.addEventListener("click", (event) => {
    if (B.armedAt === null || B.clickAt !== null || !event.isTrusted) return;
    const button = event.target instanceof Element ? event.target.closest('[data-testid="prejoin"] button') : null;
    if (button && /^(Join|Join again|참여하기|다시 참여하기)$/.test(button.textContent.trim())) B.clickAt = now();
  }, true);

  B.arm = () => {
    for (const el of document.querySelectorAll('[data-testid="remote-video"]')) B.old.add(el);
    B.armedAt = now();
    B.clickAt = null;
    B.roomAt = null;
    B.records = [];
    if (B.timer === null) {
      B.timer = setInterval(scan, 10);
      new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
    }
  };
  B.disarm = () => {
    B.armedAt = null;
    if (B.timer !== null) clearInterval(B.timer);
    B.timer = null;
  };
  B.snapshot = () => {
    scan();
    return {
      armedAt: B.armedAt,
      clickAt: B.clickAt,
      roomAt: B.roomAt,
      videos: B.records.map(({ el, name, addedAt, frameAt, sizedAt }) => ({ name, addedAt, frameAt, sizedAt, present: el.isConnected })),
    };
  };
  /** Remote videos playing real frames now (as e2e/video.pages.ts expectRemoteVideosPlaying counts them). */
  B.playing = () =>
    [...document.querySelectorAll('[data-testid="remote-video"]')].filter((v) => v.videoWidth > 0 && !v.paused && v.readyState >= 2).length;
  B.remoteCount = () => document.querySelectorAll('[data-testid="remote-video"]').length;
  /** The pre-join preview shows the camera and Join is enabled: the devices are open. */
  B.previewReady = () => {
    const prejoin = document.querySelector('[data-testid="prejoin"]');
    const video = prejoin && prejoin.querySelector("video");
    const join = prejoin && [...prejoin.querySelectorAll("button")].find((b) => /^(Join|Join again)$/.test(b.textContent.trim()));
    return !!(video && video.videoWidth > 0 && join && !join.disabled);
  };
})();`;
