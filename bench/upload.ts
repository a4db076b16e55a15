/**
 * Upload benchmark (issue 12): a 100 MiB video sent as a chat file, through the real stack —
 * the production server (Next's route handler, the session and Origin checks, the quota, the
 * content sniff, the streaming write to DATA_DIR) — several times, against a raw baseline in
 * the same run: a bare node:http server piping the body to a file (./support/upload-bare.ts).
 * Each server runs with ./support/memory-probe.cjs, which samples process.memoryUsage() every
 * 50 ms; a window per upload gives the peak RSS, heap and ArrayBuffer growth while it streamed.
 * A server that held the file whole would grow by ≥ 100 MiB; one that streams grows by a few.
 *
 *   npm run bench:upload -- [--runs 5] [--mb 100]
 *   (node --require ./server/preload.cjs --import tsx bench/upload.ts)
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createRooms, createUsers } from "./support/api";
import { startServer } from "./support/server";
import { fmt, table } from "./support/stats";

const MiB = 1024 * 1024;
const log = (line: string) => console.error(`[bench] ${line}`);
const PROBE = ["--require", "./bench/support/memory-probe.cjs"];

interface Window {
  start: Record<"rss" | "heapUsed" | "arrayBuffers" | "external", number>;
  peak: Record<"rss" | "heapUsed" | "arrayBuffers" | "external", number>;
}
interface Run {
  seconds: number;
  mbPerSecond: number;
  rssGrowthMiB: number;
  heapGrowthMiB: number;
  arrayBuffersGrowthMiB: number;
}
interface Target {
  name: string;
  url: string;
  pid: number;
  probeFile: string;
  headers: Record<string, string>;
  path: string;
  stop(): Promise<void>;
}

/** An MP4 by its first box (ftyp, brand isom), then filler: what the sniff takes for a video. */
async function writeVideo(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const block = Buffer.alloc(MiB, 0x5a);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i); // not all one byte
  const head = Buffer.from([0, 0, 0, 0x20, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2avc1mp41")]);
  head.copy(block);
  for (let written = 0; written < bytes; written += MiB) {
    if (!out.write(block.subarray(0, Math.min(MiB, bytes - written)))) await once(out, "drain");
    head.fill(0).copy(block); // only the first block starts with the box
  }
  out.end();
  await once(out, "finish");
}

/** Signals the probe and waits for the line it appends: the window since the last signal. */
async function probeWindow(target: Target): Promise<Window> {
  const lines = () => (existsSync(target.probeFile) ? readFileSync(target.probeFile, "utf8").trim().split("\n").filter(Boolean) : []);
  const before = lines().length;
  process.kill(target.pid, "SIGUSR2");
  for (let i = 0; i < 200; i++) {
    const now = lines();
    if (now.length > before) return JSON.parse(now.at(-1)!) as Window;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${target.name}: the memory probe did not answer`);
}

/** Streams the file from disk as one POST; resolves with the answer once it is whole. */
function upload(target: Target, file: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(target.path, target.url);
    const req = request(url, { method: "POST", headers: { ...target.headers, "content-length": String(bytes) } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    createReadStream(file).pipe(req);
  });
}

async function measure(target: Target, file: string, bytes: number): Promise<Run> {
  await probeWindow(target); // a new window from here
  const started = performance.now();
  const { status, body } = await upload(target, file, bytes);
  const seconds = (performance.now() - started) / 1000;
  const window = await probeWindow(target);
  if (status !== 200) throw new Error(`${target.name}: HTTP ${status} ${body.slice(0, 300)}`);
  const answer = JSON.parse(body) as { bytes?: number; attachment?: { bytes: number; kind: string } };
  const stored = answer.attachment?.bytes ?? answer.bytes;
  if (stored !== bytes) throw new Error(`${target.name}: stored ${stored} bytes of ${bytes}`);
  if (answer.attachment && answer.attachment.kind !== "video") throw new Error(`${target.name}: taken for a ${answer.attachment.kind}`);
  const growth = (k: keyof Window["peak"]) => Math.max(0, window.peak[k] - window.start[k]) / MiB;
  return {
    seconds,
    mbPerSecond: bytes / MiB / seconds,
    rssGrowthMiB: growth("rss"),
    heapGrowthMiB: growth("heapUsed"),
    arrayBuffersGrowthMiB: growth("arrayBuffers"),
  };
}

async function startBare(probeFile: string): Promise<Target> {
  const child = spawn(process.execPath, [...PROBE, "--import", "tsx", "bench/support/upload-bare.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, NODE_ENV: "production", MEMPROBE_OUT: probeFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^bare ready (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  child.removeAllListeners("exit");
  return {
    name: "bare node:http → file",
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    probeFile,
    headers: { "content-type": "application/octet-stream" },
    path: "/",
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

async function startMoim(probeFile: string, mb: number, runs: number): Promise<Target> {
  const server = await startServer({
    keepData: false,
    readyTimeoutMs: 60_000,
    nodeArgs: PROBE,
    // Room for every run in one user's quota; the video limit stays the default (100 MB) unless --mb asks for more.
    env: { MEMPROBE_OUT: probeFile, UPLOAD_QUOTA_MB: String(mb * (runs + 2)), ATTACHMENT_MAX_MB_VIDEO: String(Math.max(100, mb)) },
  });
  const [user] = await createUsers(server, Math.random().toString(36).slice(2, 8), 1);
  const [room] = await createRooms(server, 1, () => [user!]);
  return {
    name: "Moim POST /api/channels/{id}/attachments",
    url: server.url,
    pid: server.pid!,
    probeFile,
    headers: {
      cookie: user!.cookie,
      origin: server.origin,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent("발표 녹화.mp4"),
    },
    path: `/api/channels/${room!.channelId}/attachments`,
    stop: () => server.stop(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, mb: { type: "string", default: "100" } } });
  const runs = Number(values.runs);
  const mb = Number(values.mb);
  const bytes = mb * MiB;
  const dir = mkdtempSync(path.join(tmpdir(), "moim-upload-bench-"));
  const file = path.join(dir, "video.mp4");
  await writeVideo(file, bytes);
  log(`wrote a ${mb} MiB MP4-sniffable file`);
  const targets = [await startBare(path.join(dir, "bare.probe")), await startMoim(path.join(dir, "moim.probe"), mb, runs)];
  try {
    const results = new Map<Target, Run[]>(targets.map((t) => [t, []]));
    for (const target of targets) await measure(target, file, bytes); // warm-up: not counted
    // Interleaved, so whatever else the shared machine does falls on both alike.
    for (let i = 0; i < runs; i++)
      for (const target of targets) {
        const run = await measure(target, file, bytes);
        results.get(target)!.push(run);
        log(`${target.name} #${i + 1}: ${fmt(run.mbPerSecond, 0)} MiB/s, RSS +${fmt(run.rssGrowthMiB, 1)} MiB`);
      }
    console.log(`\nUpload of a ${mb} MiB video, ${runs} runs each after a warm-up (median; max for memory)`);
    const summary = targets.map((t) => {
      const r = results.get(t)!;
      return {
        name: t.name,
        mbPerSecond: median(r.map((x) => x.mbPerSecond)),
        seconds: median(r.map((x) => x.seconds)),
        rss: Math.max(...r.map((x) => x.rssGrowthMiB)),
        heap: Math.max(...r.map((x) => x.heapGrowthMiB)),
        arrayBuffers: Math.max(...r.map((x) => x.arrayBuffersGrowthMiB)),
      };
    });
    console.log(
      table(
        ["", "MiB/s", "s per upload", "peak RSS growth", "peak heap growth", "peak ArrayBuffer growth"],
        summary.map((s): string[] => [
          s.name,
          fmt(s.mbPerSecond, 0),
          fmt(s.seconds, 2),
          `${fmt(s.rss, 1)} MiB`,
          `${fmt(s.heap, 1)} MiB`,
          `${fmt(s.arrayBuffers, 1)} MiB`,
        ]),
      ),
    );
    const [bare, moim] = summary as [(typeof summary)[0], (typeof summary)[0]];
    console.log(`throughput ratio Moim / bare: ${fmt(moim.mbPerSecond / bare.mbPerSecond, 2)}`);
    const held = moim.rss >= mb * 0.9 || moim.arrayBuffers >= mb * 0.9;
    console.log(held ? `FAIL: the server grew by about the file's size: it held it in memory` : `the server never grew by more than ${fmt(Math.max(moim.rss, moim.arrayBuffers), 1)} MiB for a ${mb} MiB file: streamed, not held whole`);
    if (held) process.exitCode = 1;
  } finally {
    for (const target of targets) await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
