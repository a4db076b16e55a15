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
  /** The server's resident size at its peak during the upload. */
  peakRssMiB: number;
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
    peakRssMiB: window.peak.rss / MiB,
  };
}

async function startBare(probeFile: string, hold: boolean): Promise<Target> {
  const child = spawn(process.execPath, [...PROBE, "--import", "tsx", "bench/support/upload-bare.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, NODE_ENV: "production", MEMPROBE_OUT: probeFile, UPLOAD_BARE_HOLD: hold ? "1" : "0" },
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
    name: hold ? "control: bare, body held whole" : "bare node:http → file",
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
  // Signed in as an app client does (POST /api/sessions: a bearer token for a live session).
  const json = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.origin, ...headers },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { ok: boolean } & Record<string, unknown>;
    if (!answer.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const account = { email: `upload-${Date.now()}@example.com`, password: "upload-bench-pass-1", name: "업로드" };
  await json("/api/signup", account);
  const { token } = (await json("/api/sessions", { email: account.email, password: account.password })) as unknown as { token: string };
  const authorization = `Bearer ${token}`;
  const { space } = (await json("/api/spaces", { name: "Upload bench" }, { authorization })) as unknown as { space: { defaultChannelId: string } };
  return {
    name: "Moim POST /api/channels/{id}/attachments",
    url: server.url,
    pid: server.pid!,
    probeFile,
    headers: {
      authorization,
      origin: server.origin,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent("발표 녹화.mp4"),
    },
    path: `/api/channels/${space.defaultChannelId}/attachments`,
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
  const targets = [
    await startBare(path.join(dir, "bare.probe"), false),
    await startMoim(path.join(dir, "moim.probe"), mb, runs),
    await startBare(path.join(dir, "held.probe"), true),
  ];
  try {
    const results = new Map<Target, Run[]>(targets.map((t) => [t, []]));
    // Warm-up, not in the medians: the first upload also loads the route's code (its growth is shown apart).
    const cold = new Map<Target, Run>();
    for (const target of targets) cold.set(target, await measure(target, file, bytes));
    // Interleaved, so whatever else the shared machine does falls on both alike.
    for (let i = 0; i < runs; i++)
      for (const target of targets) {
        const run = await measure(target, file, bytes);
        results.get(target)!.push(run);
        log(`${target.name} #${i + 1}: ${fmt(run.mbPerSecond, 0)} MiB/s, RSS +${fmt(run.rssGrowthMiB, 1)} MiB`);
      }
    console.log(`\nUpload of a ${mb} MiB video, ${runs} runs each after a warm-up, interleaved (median time; memory: the most any run grew)`);
    const summary = targets.map((t) => {
      const r = results.get(t)!;
      return {
        name: t.name,
        mbPerSecond: median(r.map((x) => x.mbPerSecond)),
        seconds: median(r.map((x) => x.seconds)),
        rss: Math.max(...r.map((x) => x.rssGrowthMiB)),
        heap: Math.max(...r.map((x) => x.heapGrowthMiB)),
        arrayBuffers: Math.max(...r.map((x) => x.arrayBuffersGrowthMiB)),
        peakRss: Math.max(...r.map((x) => x.peakRssMiB)),
        coldRss: cold.get(t)!.rssGrowthMiB,
      };
    });
    console.log(
      table(
        ["", "MiB/s", "s per upload", "peak RSS", "RSS growth", "heap growth", "ArrayBuffer growth", "RSS growth, 1st upload"],
        summary.map((s): string[] => [
          s.name,
          fmt(s.mbPerSecond, 0),
          fmt(s.seconds, 2),
          `${fmt(s.peakRss, 0)} MiB`,
          `${fmt(s.rss, 1)} MiB`,
          `${fmt(s.heap, 1)} MiB`,
          `${fmt(s.arrayBuffers, 1)} MiB`,
          `${fmt(s.coldRss, 1)} MiB`,
        ]),
      ),
    );
    const [bare, moim, held] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
    console.log(`throughput ratio Moim / bare: ${fmt(moim.mbPerSecond / bare.mbPerSecond, 2)}`);
    // The control shows the probe sees a held file; Moim must stay far below it.
    const grew = (s: (typeof summary)[0]) => Math.max(s.rss, s.arrayBuffers, s.coldRss);
    console.log(`the control, holding the body, grew by ${fmt(grew(held), 1)} MiB`);
    const holds = grew(moim) >= mb * 0.9;
    console.log(
      holds
        ? `FAIL: the server grew by about the file's size: it held it in memory`
        : `Moim never grew by more than ${fmt(grew(moim), 1)} MiB for a ${mb} MiB file: streamed, not held whole`,
    );
    if (holds || grew(held) < mb * 0.9) process.exitCode = 1; // or the probe cannot see what it is for
  } finally {
    for (const target of targets) await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
