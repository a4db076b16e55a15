/**
 * Scenario B: N authenticated sockets that stay idle (many tabs of a few users), and what
 * they cost the server in resident memory.
 */
import type { BenchRoom, BenchUser } from "./api";
import { sampleProcess, waitForRelease, type ProcSample, type ServerHandle } from "./server";
import { ask, closeAll, openSocket, type BenchSocket } from "./sockets";
import os from "node:os";
import { distribution, nowMs, type Distribution } from "./stats";
import { sampleSystem, systemWindow, type SystemWindow } from "./system";

export interface IdleConfig {
  count: number;
  batch: number;
  holdS: number;
  join: boolean;
  ackTimeoutMs: number;
}

export interface IdleResult {
  config: IdleConfig;
  users: number;
  connected: number;
  failed: number;
  failures: Record<string, number>;
  /** Sockets that dropped while held idle. */
  droppedWhileIdle: number;
  connectS: number;
  connectsPerSecond: number;
  /** connect() to "connect" (plus channel:join when joining), per socket. */
  handshakeMs: Distribution | null;
  server: {
    before: ProcSample;
    connected: ProcSample;
    held: ProcSample;
    afterClose: ProcSample | null;
    /** (held RSS − before RSS) / connected sockets. */
    rssKbPerConnection: number;
    /** Server CPU seconds spent accepting the connections. */
    connectCpuSeconds: number;
  } | null;
  clientRssKbDelta: number;
  /** The machine while the sockets connected. */
  system: SystemWindow;
}

/** Resolves after `ms` of holding the sockets open: a measurement window, not a wait. */
function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function runIdle(
  server: ServerHandle,
  users: BenchUser[],
  channelOf: (user: BenchUser) => BenchRoom["channelId"],
  cfg: IdleConfig,
  log: (line: string) => void,
): Promise<IdleResult> {
  const before = sampleProcess(server.pid);
  const systemBefore = sampleSystem();
  const clientCpuBefore = process.cpuUsage();
  const clientRssBefore = process.memoryUsage().rss;
  const sockets: BenchSocket[] = [];
  const handshakes: number[] = [];
  const failures: Record<string, number> = {};
  let dropped = 0;

  const t0 = nowMs();
  let next = 0;
  const lane = async () => {
    while (next < cfg.count) {
      const user = users[next++ % users.length]!;
      const started = nowMs();
      try {
        const socket = await openSocket(server, user.cookie);
        sockets.push(socket);
        if (cfg.join) {
          const res = await ask(socket, "channel:join", { channelId: channelOf(user) }, cfg.ackTimeoutMs);
          if (!res.ok) throw new Error(`channel:join ${res.error.code}`);
        }
        handshakes.push(nowMs() - started);
        socket.on("disconnect", () => dropped++);
      } catch (err) {
        const key = err instanceof Error ? err.message : String(err);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cfg.batch, cfg.count) }, lane));
  const connectS = (nowMs() - t0) / 1000;
  const connected = sampleProcess(server.pid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const system = systemWindow(
    systemBefore,
    sampleSystem(),
    connectS,
    before && connected ? connected.cpuSeconds - before.cpuSeconds + (clientCpu.user + clientCpu.system) / 1e6 : null,
    os.availableParallelism(),
  );
  log(`  ${sockets.length}/${cfg.count} sockets open in ${connectS.toFixed(1)} s; holding ${cfg.holdS} s`);

  await hold(cfg.holdS * 1000);
  const held = sampleProcess(server.pid);
  const droppedWhileIdle = dropped;
  const clientRssKbDelta = (process.memoryUsage().rss - clientRssBefore) / 1024;

  for (const socket of sockets) socket.removeAllListeners("disconnect");
  await closeAll(sockets);
  const afterClose = before ? await waitForRelease(server, before) : null;

  const ok = handshakes.length;
  return {
    config: cfg,
    users: Math.min(users.length, cfg.count),
    connected: ok,
    failed: cfg.count - ok,
    failures,
    droppedWhileIdle,
    connectS,
    connectsPerSecond: ok / connectS,
    handshakeMs: distribution(handshakes),
    server:
      before && connected && held
        ? {
            before,
            connected,
            held,
            afterClose,
            rssKbPerConnection: ok > 0 ? (held.rssKb - before.rssKb) / ok : Number.NaN,
            connectCpuSeconds: connected.cpuSeconds - before.cpuSeconds,
          }
        : null,
    clientRssKbDelta,
    system,
  };
}
