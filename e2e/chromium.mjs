// How Moim's browser tests start Debian's Chromium: no sandbox (root), nothing that reaches
// for the internet (this machine has none), and fake camera and microphone for WebRTC.
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The fake camera plays a small file instead of Chromium's built-in 640×480, 30 fps pattern:
 * a mesh room of three browsers on two cores encodes and decodes every camera for every peer,
 * and at the built-in size Chromium 156 starves the machine (pages take seconds to load and
 * the video tests time out, on the app as it was before too). The tests check that video
 * flows, not its size. A 160×120, 10 fps clip of moving bars, written once.
 */
function fakeCamera() {
  const file = path.join(tmpdir(), "moim-fake-camera-160x120.y4m");
  if (existsSync(file)) return file;
  const [w, h, frames] = [160, 120, 20];
  const parts = [Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) {
    const y = Buffer.alloc(w * h);
    for (let row = 0; row < h; row++) for (let col = 0; col < w; col++) y[row * w + col] = ((col + f * 8) % 64) * 4;
    parts.push(Buffer.from("FRAME\n"), y, Buffer.alloc((w * h) / 4, 90), Buffer.alloc((w * h) / 4, 160));
  }
  // Whole or not at all, even with several test processes starting at once.
  writeFileSync(`${file}.${process.pid}`, Buffer.concat(parts));
  renameSync(`${file}.${process.pid}`, file);
  return file;
}

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${fakeCamera()}`,
  ],
};
