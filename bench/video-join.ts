/**
 * Video join benchmark: how long the last person to join a mesh video room waits, from the
 * Join click to
 *   (a) the room shown (the rtc:join ack is in),
 *   (b) the first remote video frame,
 *   (c) every one of the N−1 remote videos showing frames,
 * and (d) when every one of the others has the newcomer's first frame.
 * Rooms of N = 2, 4, 8 (--sizes), each joined --repeats times by the N-th person.
 *
 * Expects a production build in .next (`npx next build`). Starts the server itself (a temp
 * DATA_DIR, VIDEO_ROOM_CAP=50) and Debian's Chromium with fake camera and microphone
 * (e2e/chromium.mjs), one browser context per user, signed in with a minted session cookie.
 * Prints a table and writes JSON to bench/results/video-<timestamp>.json.
 *
 *   node --import tsx bench/video-join.ts [--sizes 2,4,8] [--repeats 3] [--port 3300] [--timeout 60]
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromiumLaunchOptions } from "../e2e/chromium.mjs";
import { createRooms, createUsers, type BenchUser } from "./support/api";
import { sampleProcess, startServer, type ProcSample, type ServerHandle } from "./support/server";
import { fmt, nowMs, table } from "./support/stats";
import { sampleSystem, systemWindow, type SystemWindow } from "./support/system";
import { PROBE_SCRIPT, type ProbeSnapshot } from "./video/probe";

const log = (line: string) => console.error(`[video-bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const USAGE = `node --import tsx bench/video-join.ts [options]
  --sizes 2,4,8     room sizes N (the N-th person's join is timed)
  --repeats 3       timed joins per size
  --port 3300       the server's port
  --timeout 60      seconds a timed join may take before it counts as incomplete
  --settle 3        seconds to let a room settle before each timed join
  --keep-data       keep the server's DATA_DIR`;

interface Options {
  sizes: number[];
  repeats: number;
  port: number;
  timeoutS: number;
  settleS: number;
  keepData: boolean;
}

function parseOptions(argv: string[]): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string", default: "2,4,8" },
      repeats: { type: "string", default: "3" },
      port: { type: "string", default: "3300" },
      timeout: { type: "string", default: "60" },
      settle: { type: "string", default: "3" },
      "keep-data": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return "help";
  const sizes = values.sizes.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 50)) throw new Error("--sizes: integers from 2 to 50");
  return {
    sizes,
    repeats: Number(values.repeats),
    port: Number(values.port),
    timeoutS: Number(values.timeout),
    settleS: Number(values.settle),
    keepData: values["keep-data"],
  };
}

// ---- one user = one browser context ---------------------------------------------------------

interface Participant {
  user: BenchUser;
  context: BrowserContext;
  page: Page;
}

async function openParticipant(browser: Browser, server: ServerHandle, user: BenchUser): Promise<Participant> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1024, height: 700 } });
  const [name, value] = user.cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(PROBE_SCRIPT);
  const page = await context.newPage();
  return { user, context, page };
}

const probe = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** Opens the video channel and waits for the pre-join preview (camera open, Join enabled). */
async function openPrejoin(p: Participant, roomUrl: string): Promise<void> {
  await p.page.goto(roomUrl);
  if (!(await until(() => probe<boolean>(p.page, "window.__bench.previewReady()"), 30_000)))
    throw new Error(`${p.user.name}: the pre-join preview did not show the camera within 30 s`);
}

function joinButton(page: Page) {
  return page.getByTestId("prejoin").getByRole("button", { name: /^(Join|Join again)$/ });
}

/** Joins without timing and waits until this page plays `expected` remote videos. */
async function joinAndSettle(p: Participant, roomUrl: string, expected: number, timeoutMs: number): Promise<{ ms: number; ok: boolean }> {
  await openPrejoin(p, roomUrl);
  const t = nowMs();
  await joinButton(p.page).click();
  const ok = await until(async () => (await probe<number>(p.page, "window.__bench.playing()")) >= expected, timeoutMs, 200);
  return { ms: nowMs() - t, ok };
}

// ---- CPU and memory over a window ---------------------------------------------------------

interface LoadWindow {
  wallS: number;
  serverCpuPercent: number | null;
  browserCpuPercent: number | null;
  serverRssMiB: number | null;
  browserRssMiB: number | null;
  /** This process: Playwright's client and the polling of the pages. */
  benchCpuPercent: number;
  system: SystemWindow;
}

function loadMeter(serverPid: number | null, browserPid: number | null) {
  const t = nowMs();
  const sys = sampleSystem();
  const srv = sampleProcess(serverPid);
  const br = sampleProcess(browserPid);
  const me = process.cpuUsage();
  return {
    stop(): LoadWindow {
      const wallS = (nowMs() - t) / 1000;
      const sys2 = sampleSystem();
      const srv2 = sampleProcess(serverPid);
      const br2 = sampleProcess(browserPid);
      const cpu = (a: ProcSample | null, b: ProcSample | null) => (a && b ? ((b.cpuSeconds - a.cpuSeconds) / wallS) * 100 : null);
      const used = process.cpuUsage(me);
      const benchCpuS = (used.user + used.system) / 1e6;
      const own = srv && srv2 && br && br2 ? srv2.cpuSeconds - srv.cpuSeconds + (br2.cpuSeconds - br.cpuSeconds) + benchCpuS : null;
      return {
        wallS,
        serverCpuPercent: cpu(srv, srv2),
        browserCpuPercent: cpu(br, br2),
        serverRssMiB: srv2 ? srv2.rssKb / 1024 : null,
        browserRssMiB: br2 ? br2.rssKb / 1024 : null,
        benchCpuPercent: (benchCpuS / wallS) * 100,
        system: systemWindow(sys, sys2, wallS, own, os.availableParallelism()),
      };
    },
  };
}

// ---- one timed join -------------------------------------------------------------------------

interface Trial {
  size: number;
  repeat: number;
  /** Click → room shown (join ack in). */
  roomMs: number | null;
  /** Click → first remote frame presented. */
  firstFrameMs: number | null;
  /** Click → the last of the N−1 remote videos presented its first frame (null: not all did). */
  allFramesMs: number | null;
  /** Click → every other participant presented the newcomer's first frame (null: not all did). */
  seenByAllMs: number | null;
  /** Remote videos with a frame on the joiner's page / N−1, at the end of the wait. */
  framesSeen: number;
  /** Other participants who got the newcomer's frame / N−1. */
  seenBy: number;
  /** Names of the participants whose video never reached the joiner (and vice versa). */
  missingAtJoiner: string[];
  missingNewcomerAt: string[];
  /** The joiner's remote videos: tile name ("" or null: a tile without a name), ms from the click to it appearing and to its first frame. */
  joinerVideos: { name: string | null; addedMs: number | null; frameMs: number | null; present: boolean }[];
  /** The joiner's peer connections at the end of the wait: states, video frames in and out. */
  joinerRtc: unknown[];
  /** The same figures from `videoWidth > 0 && !paused` polling (10 ms), as a cross-check. */
  firstSizedMs: number | null;
  allSizedMs: number | null;
  load: LoadWindow;
}

const frameTime = (v: { frameAt: number | null; sizedAt: number | null }) => v.frameAt ?? null;

async function timedJoin(
  joiner: Participant,
  others: Participant[],
  roomUrl: string,
  size: number,
  repeat: number,
  options: Options,
  pids: { server: number | null; browser: number | null },
): Promise<Trial> {
  await openPrejoin(joiner, roomUrl);
  for (const p of [joiner, ...others]) await probe(p.page, "window.__bench.arm()");
  const meter = loadMeter(pids.server, pids.browser);
  await joinButton(joiner.page).click();

  const expected = size - 1;
  let mine: ProbeSnapshot | null = null;
  let theirs: ProbeSnapshot[] = [];
  const done = await until(
    async () => {
      mine = await probe<ProbeSnapshot>(joiner.page, "window.__bench.snapshot()");
      theirs = await Promise.all(others.map((p) => probe<ProbeSnapshot>(p.page, "window.__bench.snapshot()")));
      const framed = mine.videos.filter((v) => frameTime(v) !== null).length;
      return framed >= expected && theirs.every((s) => s.videos.some((v) => frameTime(v) !== null));
    },
    options.timeoutS * 1000,
    250,
  );
  const load = meter.stop();
  const me = mine as ProbeSnapshot | null;
  if (!me || me.clickAt === null) throw new Error(`${joiner.user.name}: the Join click was not seen by the page`);
  const click = me.clickAt;
  const since = (t: number | null | undefined) => (t === null || t === undefined ? null : t - click);
  const frames = me.videos.map(frameTime).filter((t): t is number => t !== null);
  const sized = me.videos.map((v) => v.sizedAt).filter((t): t is number => t !== null);
  const newcomerAt = theirs.map((s) => {
    const t = s.videos.map(frameTime).filter((x): x is number => x !== null);
    return t.length ? Math.min(...t) : null;
  });
  const framedNames = new Set(me.videos.filter((v) => frameTime(v) !== null).map((v) => v.name));
  const trial: Trial = {
    size,
    repeat,
    roomMs: since(me.roomAt),
    firstFrameMs: frames.length ? since(Math.min(...frames)) : null,
    allFramesMs: frames.length >= expected ? since(Math.max(...frames)) : null,
    seenByAllMs: newcomerAt.every((t) => t !== null) ? since(Math.max(...(newcomerAt as number[]))) : null,
    framesSeen: frames.length,
    seenBy: newcomerAt.filter((t) => t !== null).length,
    missingAtJoiner: others.map((p) => p.user.name).filter((n) => !framedNames.has(n)),
    missingNewcomerAt: others.filter((_, i) => newcomerAt[i] === null).map((p) => p.user.name),
    joinerVideos: me.videos.map((v) => ({ name: v.name, addedMs: since(v.addedAt), frameMs: since(v.frameAt), present: v.present })),
    joinerRtc: await probe<unknown[]>(joiner.page, "window.__bench.rtcStats()"),
    firstSizedMs: sized.length ? since(Math.min(...sized)) : null,
    allSizedMs: sized.length >= expected ? since(Math.max(...sized)) : null,
    load,
  };
  for (const p of [joiner, ...others]) await probe(p.page, "window.__bench.disarm()");
  if (!done) log(`N=${size} #${repeat}: incomplete after ${options.timeoutS} s: ${JSON.stringify(trial)}`);
  return trial;
}

/** The joiner leaves (its page goes away, its socket closes) and the others drop its tile. */
async function leave(joiner: Participant, others: Participant[], expectedLeft: number): Promise<void> {
  await joiner.page.goto("about:blank");
  await until(
    async () =>
      (await Promise.all(others.map((p) => probe<number>(p.page, "window.__bench.remoteCount()")))).every((n) => n <= expectedLeft),
    15_000,
    200,
  );
}

// ---- report ---------------------------------------------------------------------------------

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medMax(values: (number | null)[]): string {
  const ok = values.filter((v): v is number => v !== null);
  const missing = values.length - ok.length;
  if (ok.length === 0) return `n/a (${missing} incomplete)`;
  return `${fmt(median(ok), 0)} / ${fmt(Math.max(...ok), 0)}${missing ? ` (${missing} incomplete)` : ""}`;
}

interface SizeResult {
  size: number;
  setup: { name: string; ms: number; ok: boolean }[];
  steady: LoadWindow;
  trials: Trial[];
}

function printResults(results: SizeResult[]): void {
  console.log("\nTime from the Join click, ms: median / max over the repeats");
  console.log(
    table(
      [
        "N",
        "runs",
        "(a) room shown",
        "(b) first remote frame",
        "(c) all N−1 remote frames",
        "(d) newcomer seen by all",
        "frames seen / N−1",
      ],
      results.map((r) => [
        String(r.size),
        String(r.trials.length),
        medMax(r.trials.map((t) => t.roomMs)),
        medMax(r.trials.map((t) => t.firstFrameMs)),
        medMax(r.trials.map((t) => t.allFramesMs)),
        medMax(r.trials.map((t) => t.seenByAllMs)),
        r.trials.map((t) => `${t.framesSeen}/${r.size - 1}`).join(" "),
      ]),
    ),
  );
  console.log("\nCross-check from polling videoWidth > 0 && !paused (10 ms), ms: median / max");
  console.log(
    table(
      ["N", "first remote video sized", "all N−1 sized"],
      results.map((r) => [String(r.size), medMax(r.trials.map((t) => t.firstSizedMs)), medMax(r.trials.map((t) => t.allSizedMs))]),
    ),
  );
  console.log("\nLoad: during the timed joins (click → done, mean of the repeats) and in the full room (steady, 5 s)");
  const avg = (xs: (number | null)[]) => {
    const ok = xs.filter((x): x is number => x !== null);
    return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
  };
  console.log(
    table(
      [
        "N",
        "window",
        "machine cores busy",
        "Chromium CPU % of a core",
        "server CPU % of a core",
        "bench CPU %",
        "other processes, cores",
        "PSI cpu some %",
        "server RSS MiB",
        "Chromium RSS MiB",
      ],
      results.flatMap((r) => {
        const row = (label: string, w: (LoadWindow | null)[]) => [
          String(r.size),
          label,
          fmt(avg(w.map((x) => x?.system.machineBusyCores ?? null)), 2),
          fmt(avg(w.map((x) => x?.browserCpuPercent ?? null)), 0),
          fmt(avg(w.map((x) => x?.serverCpuPercent ?? null)), 0),
          fmt(avg(w.map((x) => x?.benchCpuPercent ?? null)), 0),
          fmt(avg(w.map((x) => (x && x.system.otherCpuSeconds !== null ? x.system.otherCpuSeconds / x.wallS : null))), 2),
          fmt(avg(w.map((x) => x?.system.cpuPressurePercent ?? null)), 0),
          fmt(avg(w.map((x) => x?.serverRssMiB ?? null)), 0),
          fmt(avg(w.map((x) => x?.browserRssMiB ?? null)), 0),
        ];
        return [
          row(
            "joins",
            r.trials.map((t) => t.load),
          ),
          row("steady", [r.steady]),
        ];
      }),
    ),
  );
  for (const r of results) {
    const slow = r.setup.filter((s) => !s.ok);
    if (slow.length)
      console.log(`N=${r.size}: before the timed joins, ${slow.map((s) => s.name).join(", ")} did not see everyone playing in time`);
    for (const t of r.trials) {
      if (t.missingAtJoiner.length || t.missingNewcomerAt.length)
        console.log(
          `N=${r.size} #${t.repeat}: the joiner got no frame from [${t.missingAtJoiner.join(", ")}]; ` +
            `no frame of the joiner at [${t.missingNewcomerAt.join(", ")}]`,
        );
    }
  }
}

/** The Chromium that Playwright started: our child process named chromium (its helpers are its children). */
function chromiumPid(): number | null {
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    const children = readFileSync(`/proc/${process.pid}/task/${tid}/children`, "utf8").trim();
    for (const pid of children ? children.split(/\s+/).map(Number) : []) {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("chrom")) return pid;
    }
  }
  return null;
}

// ---- main -----------------------------------------------------------------------------------

function gitRevision(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function main(): Promise<number> {
  let options: Options | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const opts = options;
  const startedAt = new Date();
  const maxSize = Math.max(...opts.sizes);

  log(`starting the production server on port ${opts.port}`);
  const server = await startServer({
    keepData: opts.keepData,
    readyTimeoutMs: 60_000,
    port: opts.port,
    env: { VIDEO_ROOM_CAP: String(Math.max(8, maxSize)), APP_URL: `http://127.0.0.1:${opts.port}` },
  });
  let browser: Browser | null = null;
  let chromiumVersion = "unknown";
  const results: SizeResult[] = [];
  try {
    const users = await createUsers(server, Math.random().toString(36).slice(2, 8), maxSize);
    const [space] = await createRooms(server, 1, () => users);
    const owner = users[0]!;
    const channelOf = new Map<number, string>();
    for (const size of opts.sizes) {
      const res = await fetch(`${server.url}/api/spaces/${space!.spaceId}/channels`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: owner.cookie },
        body: JSON.stringify({ name: `Room of ${size}`, kind: "video" }),
      });
      const body = (await res.json()) as { ok: boolean; channel?: { id: string } };
      if (!body.ok || !body.channel) throw new Error(`creating the video channel failed: ${JSON.stringify(body)}`);
      channelOf.set(size, body.channel.id);
    }
    log(`${users.length} users in one space, video channels for N = ${opts.sizes.join(", ")}`);

    browser = await chromium.launch({
      ...chromiumLaunchOptions,
      // Every page is "visible" to its renderer: no timer or rendering throttling of the pages
      // that are not in front, which would stall the others' video.
      args: [
        ...chromiumLaunchOptions.args,
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
      ],
    });
    chromiumVersion = browser.version();
    const browserPid = chromiumPid();
    const pids = { server: server.pid, browser: browserPid };
    const participants: Participant[] = [];
    for (const user of users) participants.push(await openParticipant(browser, server, user));

    for (const size of opts.sizes) {
      const roomUrl = `${server.url}/spaces/${space!.spaceId}/${channelOf.get(size)}`;
      const others = participants.slice(0, size - 1);
      const joiner = participants[size - 1]!;
      log(`N=${size}: ${others.length} join first`);
      const setup: SizeResult["setup"] = [];
      for (const [i, p] of others.entries()) {
        const s = await joinAndSettle(p, roomUrl, i, opts.timeoutS * 1000);
        setup.push({ name: p.user.name, ...s });
        log(`  ${p.user.name} in, ${i} remote playing after ${fmt(s.ms, 0)} ms${s.ok ? "" : " (NOT all playing)"}`);
      }
      const trials: Trial[] = [];
      let steady: LoadWindow | null = null;
      for (let repeat = 1; repeat <= opts.repeats; repeat++) {
        await sleep(opts.settleS * 1000);
        const trial = await timedJoin(joiner, others, roomUrl, size, repeat, opts, pids);
        trials.push(trial);
        log(
          `  N=${size} #${repeat}: room ${fmt(trial.roomMs, 0)} ms, first frame ${fmt(trial.firstFrameMs, 0)} ms, ` +
            `all ${fmt(trial.allFramesMs, 0)} ms (${trial.framesSeen}/${size - 1}), seen by all ${fmt(trial.seenByAllMs, 0)} ms (${trial.seenBy}/${size - 1}), ` +
            `cores busy ${fmt(trial.load.system.machineBusyCores, 2)}`,
        );
        if (repeat === opts.repeats) {
          const meter = loadMeter(pids.server, pids.browser);
          await sleep(5000);
          steady = meter.stop();
        }
        await leave(joiner, others, size - 2);
      }
      results.push({ size, setup, steady: steady!, trials });
      // Everyone leaves the room before the next size (closing the page closes the socket).
      for (const p of others) await p.page.goto("about:blank");
      await sleep(1000);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }

  printResults(results);
  const machine = {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    chromium: chromiumVersion,
  };
  const dir = path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `video-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify({ startedAt, revision: gitRevision(), machine, options: opts, results, serverStderr: server.stderrLines }, null, 2),
  );
  console.log(
    `\nmachine: ${machine.nproc} cores (${machine.cpuModel}), ${machine.totalMemGiB} GiB, Chromium ${machine.chromium}, Node ${machine.node}`,
  );
  console.log(`JSON: ${path.relative(process.cwd(), file)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
