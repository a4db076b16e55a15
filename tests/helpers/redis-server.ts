import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { freePort } from "./nodes";

export interface RedisProcess {
  url: string;
  port: number;
  /** Starts redis-server on the same port again (after stop). */
  start(): Promise<void>;
  /** SIGTERM, or SIGKILL for a crash; resolves once the process is gone. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
}

/** A redis-server of the test's own on a free port (no persistence), to stop and start at will. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      proc.stdout!.on("data", (d: Buffer) => {
        output += d.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async (signal = "SIGTERM") => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill(signal);
      await exited;
    },
  };
}

export interface TcpGate {
  url: string;
  /** Cuts every connection through the gate and refuses new ones, like a network partition. */
  cut(): void;
  /** Lets connections through again. */
  open(): void;
  close(): Promise<void>;
}

/** A TCP relay to a Redis port that the test can cut: one node's way to Redis, and only its. */
export async function tcpGate(targetPort: number): Promise<TcpGate> {
  let passing = true;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (!passing) return void client.destroy();
    const upstream = connect(targetPort, "127.0.0.1");
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.pipe(to);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      passing = false;
      for (const socket of open) socket.destroy();
    },
    open: () => void (passing = true),
    close: async () => {
      passing = false;
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
