import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const TEST_ORIGIN = "http://moim.test";

export interface NodeProcess {
  url: string;
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the node has written to stdout and stderr so far. */
  log(): string;
  /** SIGKILL: no shutdown, no cleanup, like a crashed machine. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts tests/helpers/node-main.ts as its own process and waits until it listens. */
export async function startNode(env: Record<string, string>, port = 0): Promise<NodeProcess> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--require", "./server/preload.cjs", "--import", "tsx", "tests/helpers/node-main.ts"], {
    cwd: root,
    // The abuse limits are high unless a test sets them (tests/abuse.test.ts): suites open many sockets from one address.
    env: {
      ...process.env,
      SOCKETS_PER_USER: "1000",
      CONNECTIONS_PER_IP_PER_MINUTE: "100000",
      ...env,
      PORT: String(port),
      ALLOWED_ORIGINS: TEST_ORIGIN,
      NODE_ENV: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let output = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    output += d.toString();
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${stderr}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`node exited with ${code}: ${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${listening}`,
    origin: TEST_ORIGIN,
    port: listening,
    child,
    log: () => output,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
