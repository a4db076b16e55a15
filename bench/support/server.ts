/** The server under test: started as a child process, or one already running (--url). */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Watch } from "./stats";

export interface ServerHandle {
  /** Base URL the bench talks to (127.0.0.1). */
  url: string;
  /** Origin header sockets send; must be in the server's allowlist. */
  origin: string;
  secret: string;
  /** Server process id, when known: CPU and memory figures need it. */
  pid: number | null;
  mode: "spawned" | "attached" | "bare";
  /**
   * Processes whose CPU the server's work also costs (mariadbd, redis-server): CPU per
   * delivered message counts them with the server's. They may serve others too (say so).
   */
  companions: { name: string; pid: number }[];
  /** Lines the server wrote to stderr during the run (errors it logged). */
  stderrLines: string[];
  /** Rejects if the spawned server exits before stop() is called. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}

/** Starts the production server and resolves once it prints "Moim ready". */
export async function startServer(options: {
  keepData: boolean;
  readyTimeoutMs: number;
  /** A fixed port (default: any free one). */
  port?: number;
  /** Extra settings for the server (e.g. VIDEO_ROOM_CAP), applied last. */
  env?: Record<string, string>;
  /** Extra node flags for the server (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Runs before the server starts, with its data directory and secret (to seed its database). */
  before?: (dataDir: string, secret: string) => Promise<void>;
}): Promise<ServerHandle> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "moim-bench-"));
  const secret = randomBytes(32).toString("base64url");
  await options.before?.(dataDir, secret);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    AUTH_SECRET: secret,
  };
  // Settings from the caller's shell must not point the server at another database or origin.
  for (const key of ["DATABASE_URL", "APP_URL", "ALLOWED_ORIGINS", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "REDIS_URL"]) delete env[key];
  Object.assign(env, options.env);

  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--require", "./server/preload.cjs", "--import", "tsx", "server/index.ts"],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stderrLines: string[] = [];
  let stopping = false;

  const exited = new Promise<never>((_resolve, reject) => {
    child.once("exit", (code, signal) => {
      if (!stopping) reject(new Error(`server exited early (code ${code}, signal ${signal})\n${stderrLines.slice(-20).join("\n")}`));
    });
  });
  exited.catch(() => undefined); // observed by whoever races it

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${options.readyTimeoutMs} ms`)), options.readyTimeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes("Moim ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    createInterface({ input: child.stderr! }).on("line", (line) => stderrLines.push(line));
    exited.catch((err: unknown) => {
      clearTimeout(timer);
      reject(err);
    });
  });

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(timer);
    }
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    else console.error(`[bench] kept DATA_DIR ${dataDir}`);
  };

  try {
    await ready;
  } catch (err) {
    await stop();
    throw err;
  }
  if (child.pid === undefined) throw new Error("server has no pid");
  return {
    url: `http://127.0.0.1:${port}`,
    origin: `http://localhost:${port}`,
    secret,
    pid: child.pid,
    mode: "spawned",
    companions: [],
    stderrLines,
    exited,
    stop,
  };
}

/** The bare Socket.IO baseline (./bare-server.ts) as a child process; resolves once it listens. */
export async function startBareServer(readyTimeoutMs: number): Promise<ServerHandle> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/support/bare-server.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderrLines: string[] = [];
  let stopping = false;
  const exited = new Promise<never>((_resolve, reject) => {
    child.once("exit", (code, signal) => {
      if (!stopping) reject(new Error(`bare server exited early (code ${code}, signal ${signal})\n${stderrLines.slice(-20).join("\n")}`));
    });
  });
  exited.catch(() => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare server not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^bare ready (\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    createInterface({ input: child.stderr! }).on("line", (line) => stderrLines.push(line));
    exited.catch((err: unknown) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await gone;
    }
  };
  return {
    url: `http://127.0.0.1:${port}`,
    origin: `http://localhost:${port}`,
    secret: "",
    pid: child.pid ?? null,
    mode: "bare",
    companions: [],
    stderrLines,
    exited,
    stop,
  };
}

/** The pid of a running process by its command name (/proc/<pid>/comm), e.g. "mariadbd"; null if none. */
export function pidOf(command: string): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === command) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** A server someone else started. Its origin is taken to be localhost on its port. */
export function attachServer(url: string, secret: string, pid: number | null): ServerHandle {
  const parsed = new URL(url);
  const origin = parsed.hostname === "127.0.0.1" ? `${parsed.protocol}//localhost:${parsed.port}` : parsed.origin;
  return {
    url: parsed.origin,
    origin,
    secret,
    pid,
    mode: "attached",
    companions: [],
    stderrLines: [],
    exited: new Promise<never>(() => undefined),
    stop: async () => undefined,
  };
}

// ---- /proc figures ---------------------------------------------------------------------

export interface ProcSample {
  /** utime + stime of the process and its descendants, in seconds. */
  cpuSeconds: number;
  /** Resident set size of the process and its descendants, in KiB. */
  rssKb: number;
  /** Open file descriptors of the main process (one per socket, plus the baseline). */
  fds: number;
  /** Processes in the tree (1 unless the server forks workers). */
  processes: number;
}

let clockTicks: number | null = null;

/** sysconf(_SC_CLK_TCK): the unit of utime/stime in /proc/<pid>/stat. */
export function clockTicksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function descendants(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    const current = found[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${tid}/children`, "utf8").trim();
        if (children) found.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return found;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is parenthesised and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return Number(fields[11]) + Number(fields[12]);
}

function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

export function sampleProcess(pid: number | null): ProcSample | null {
  if (pid === null) return null;
  try {
    let ticks = 0;
    let rss = 0;
    const tree = descendants(pid);
    for (const p of tree) {
      try {
        ticks += cpuTicks(p);
        rss += rssKb(p);
      } catch {
        // a child ended between listing and reading
      }
    }
    return { cpuSeconds: ticks / clockTicksPerSecond(), rssKb: rss, fds: readdirSync(`/proc/${pid}/fd`).length, processes: tree.length };
  } catch {
    return null;
  }
}

/**
 * After the bench closed its sockets: resolves once the server's descriptor count is back
 * near `baseline` (it has let go of them), or after 15 s. No event tells us, so this polls.
 */
export async function waitForRelease(server: ServerHandle, baseline: ProcSample): Promise<ProcSample | null> {
  const watch = new Watch();
  let latest = sampleProcess(server.pid);
  const poll = setInterval(() => {
    latest = sampleProcess(server.pid);
    watch.notify();
  }, 100);
  await watch.until(() => latest !== null && latest.fds <= baseline.fds + 5, 15_000);
  clearInterval(poll);
  return latest;
}
