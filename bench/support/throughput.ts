/**
 * Scenario A: rooms of connected members, a few senders per room at a fixed rate. Every
 * body carries its send time, so each receiving socket measures send → receive latency on
 * this process's clock.
 */
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ChatMessage } from "../../lib/realtime/contract";
import type { BenchRoom } from "./api";
import { pool } from "./api";
import { sampleProcess, waitForRelease, type ServerHandle } from "./server";
import { AckTimeout, ask, closeAll, openSocket, type BenchSocket } from "./sockets";
import { distribution, nowMs, sleepUntil, Watch, type Distribution } from "./stats";
import { sampleSystem, systemWindow, watchMainThread, type SystemWindow, type ThreadStates } from "./system";

export interface ThroughputConfig {
  rooms: number;
  members: number;
  senders: number;
  rate: number;
  durationS: number;
  bodyPad: number;
  ackTimeoutMs: number;
  drainS: number;
}

export interface ThroughputResult {
  config: ThroughputConfig;
  sockets: number;
  /** Messages per second the senders were asked to send, and the deliveries that implies. */
  offered: { sendsPerSecond: number; deliveriesPerSecond: number };
  sent: number;
  acked: number;
  ackErrors: Record<string, number>;
  ackTimeouts: number;
  delivered: number;
  expectedDeliveries: number;
  /** Every server event the sockets received in the window (message:new, channel:activity, …), by name. */
  eventsReceived: Record<string, number>;
  eventsPerSecond: number;
  /** Deliveries that arrived out of seq order on their socket. */
  outOfOrder: number;
  drained: boolean;
  /** From the first send to the last delivery (or ack). */
  windowS: number;
  deliveredPerSecond: number;
  ackedPerSecond: number;
  ackLatencyMs: Distribution | null;
  deliveryLatencyMs: Distribution | null;
  /** How late the sender loop fired sends (client saturation shows here first). */
  sendLagMs: Distribution | null;
  /** Client event-loop delay during the window (ms, beyond the 10 ms sampling interval). */
  clientLoopDelayMs: { p50: number; p99: number; max: number };
  server: { cpuSeconds: number; cpuPercentOfOneCore: number; cpuSecondsPer1000Delivered: number; rssKbAfter: number } | null;
  /** CPU of the database (and Redis) processes over the window: the server's work costs that too. */
  companions: { name: string; cpuSeconds: number }[];
  /** Server plus companions, CPU seconds per 1,000 delivered messages (null without --pid). */
  totalCpuSecondsPer1000Delivered: number | null;
  client: { cpuSeconds: number; cpuPercentOfOneCore: number };
  /** What the server's event-loop thread was doing during the window (sampled). */
  serverMainThread: ThreadStates | null;
  system: SystemWindow;
  setup: { connectS: number; joinS: number };
}

interface Phase {
  /** Distinguishes warm-up traffic from measured traffic in message bodies. */
  tag: string;
  sent: number;
  acked: number;
  expected: number;
  delivered: number;
  outstanding: number;
  lastEventMs: number;
}

const SEPARATOR = "|";

export async function runThroughput(
  server: ServerHandle,
  rooms: BenchRoom[],
  cfg: ThroughputConfig,
  log: (line: string) => void,
): Promise<ThroughputResult> {
  // ---- connect and join -------------------------------------------------------------------
  const baseline = sampleProcess(server.pid);
  const members = rooms.flatMap((room) => room.members.slice(0, cfg.members).map((user, slot) => ({ room, user, slot })));
  const tConnect = nowMs();
  const sockets = await pool(members, 100, ({ user }) => openSocket(server, user.cookie));
  const connectS = (nowMs() - tConnect) / 1000;
  log(`  connected ${sockets.length} sockets in ${connectS.toFixed(1)} s`);

  const tJoin = nowMs();
  await pool(sockets, 100, async (socket, i) => {
    const res = await ask(socket, "channel:join", { channelId: members[i]!.room.channelId }, cfg.ackTimeoutMs);
    if (!res.ok) throw new Error(`channel:join failed: ${res.error.code} ${res.error.message}`);
  });
  const joinS = (nowMs() - tJoin) / 1000;
  log(`  joined ${sockets.length} sockets to ${rooms.length} channels in ${joinS.toFixed(1)} s`);

  // ---- receivers --------------------------------------------------------------------------
  const watch = new Watch();
  const deliveryLatency: number[] = [];
  let outOfOrder = 0;
  // Tags are unique per call: a second call (the capacity steps) sending the clientIds of the
  // first would get the stored originals back, which are not broadcast again.
  const call = ++calls;
  let phase: Phase = newPhase(`warm${call}`);
  let counting = false;
  const eventsReceived: Record<string, number> = {};

  sockets.forEach((socket) => {
    socket.onAny((event: string) => {
      if (counting) eventsReceived[event] = (eventsReceived[event] ?? 0) + 1;
    });
    let lastSeq = 0;
    socket.on("message:new", (message: ChatMessage) => {
      const received = nowMs();
      if (message.seq <= lastSeq) outOfOrder++;
      lastSeq = message.seq;
      const [, tag, sentAt] = message.body.split(SEPARATOR);
      if (tag !== phase.tag) return;
      phase.delivered++;
      phase.lastEventMs = received;
      if (tag === `run${call}`) deliveryLatency.push(received - Number(sentAt));
      watch.notify();
    });
  });

  // ---- senders ----------------------------------------------------------------------------
  const ackLatency: number[] = [];
  const sendLag: number[] = [];
  const ackErrors: Record<string, number> = {};
  let ackTimeouts = 0;
  const pad = cfg.bodyPad > 0 ? SEPARATOR + "x".repeat(cfg.bodyPad) : "";
  const senders = members.flatMap((m, i) => (m.slot < cfg.senders ? [{ socket: sockets[i]!, room: m.room, slot: m.slot }] : []));

  async function send(socket: BenchSocket, room: BenchRoom, slot: number, n: number, measure: boolean): Promise<void> {
    const current = phase;
    const clientId = `b${current.tag}-${room.index}-${slot}-${n}`.padEnd(8, "0");
    const sentAt = nowMs();
    const body = ["bench", current.tag, sentAt.toFixed(3), clientId].join(SEPARATOR) + pad;
    current.sent++;
    current.outstanding++;
    try {
      const res = await ask(socket, "message:send", { channelId: room.channelId, clientId, body }, cfg.ackTimeoutMs);
      const acked = nowMs();
      if (res.ok) {
        current.acked++;
        current.expected += cfg.members;
        current.lastEventMs = Math.max(current.lastEventMs, acked);
        if (measure) ackLatency.push(acked - sentAt);
      } else if (measure) {
        ackErrors[res.error.code] = (ackErrors[res.error.code] ?? 0) + 1;
      }
    } catch (err) {
      if (!measure) throw err;
      if (err instanceof AckTimeout) ackTimeouts++;
      else ackErrors[String(err)] = (ackErrors[String(err)] ?? 0) + 1;
    } finally {
      current.outstanding--;
      watch.notify();
    }
  }

  const settled = (p: Phase) => () => p.outstanding === 0 && p.delivered >= p.expected;

  // Warm-up: a few sends per sender, in turn, so JIT and caches are hot before measuring.
  await Promise.all(
    senders.map(async ({ socket, room, slot }) => {
      for (let n = 0; n < 3; n++) await send(socket, room, slot, n, false);
    }),
  );
  if (!(await watch.until(settled(phase), cfg.drainS * 1000))) throw new Error("warm-up messages did not all arrive");

  // Measured window.
  phase = newPhase(`run${call}`);
  const intervalMs = 1000 / cfg.rate;
  const durationMs = cfg.durationS * 1000;
  const loopResolutionMs = 10;
  const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });
  const serverBefore = sampleProcess(server.pid);
  const companionsBefore = server.companions.map((c) => sampleProcess(c.pid)?.cpuSeconds ?? 0);
  const systemBefore = sampleSystem();
  const clientBefore = process.cpuUsage();
  const mainThread = watchMainThread(server.pid);
  loopDelay.enable();
  counting = true;
  const t0 = nowMs();
  const sends: Promise<void>[] = [];
  await Promise.all(
    senders.map(async ({ socket, room, slot }) => {
      const offset = Math.random() * intervalMs; // spread senders over the interval
      for (let n = 0; ; n++) {
        const due = t0 + offset + n * intervalMs;
        if (due >= t0 + durationMs) break;
        await sleepUntil(due);
        sendLag.push(Math.max(0, nowMs() - due)); // timers may fire a fraction of a ms early
        sends.push(send(socket, room, slot, n, true));
      }
    }),
  );
  await Promise.all(sends);
  const drained = await watch.until(settled(phase), cfg.drainS * 1000);
  const tEnd = drained ? phase.lastEventMs : nowMs();
  loopDelay.disable();
  counting = false;
  const clientCpu = process.cpuUsage(clientBefore);
  const serverAfter = sampleProcess(server.pid);
  const companions = server.companions.map((c, i) => ({
    name: c.name,
    cpuSeconds: (sampleProcess(c.pid)?.cpuSeconds ?? 0) - companionsBefore[i]!,
  }));
  const systemAfter = sampleSystem();
  const serverMainThread = mainThread.stop();

  await closeAll(sockets);
  if (baseline) await waitForRelease(server, baseline);

  const windowS = (tEnd - t0) / 1000;
  const clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
  const serverCpuSeconds = serverBefore && serverAfter ? serverAfter.cpuSeconds - serverBefore.cpuSeconds : null;
  const run = phase;
  return {
    config: cfg,
    sockets: sockets.length,
    offered: {
      sendsPerSecond: senders.length * cfg.rate,
      deliveriesPerSecond: senders.length * cfg.rate * cfg.members,
    },
    sent: run.sent,
    acked: run.acked,
    ackErrors,
    ackTimeouts,
    delivered: run.delivered,
    expectedDeliveries: run.expected,
    eventsReceived,
    eventsPerSecond: Object.values(eventsReceived).reduce((a, b) => a + b, 0) / windowS,
    outOfOrder,
    drained,
    windowS,
    deliveredPerSecond: run.delivered / windowS,
    ackedPerSecond: run.acked / windowS,
    ackLatencyMs: distribution(ackLatency),
    deliveryLatencyMs: distribution(deliveryLatency),
    sendLagMs: distribution(sendLag),
    // The histogram records whole timer periods; what exceeds the period is the delay.
    clientLoopDelayMs: {
      p50: Math.max(0, loopDelay.percentile(50) / 1e6 - loopResolutionMs),
      p99: Math.max(0, loopDelay.percentile(99) / 1e6 - loopResolutionMs),
      max: Math.max(0, loopDelay.max / 1e6 - loopResolutionMs),
    },
    server:
      serverCpuSeconds !== null && serverAfter
        ? {
            cpuSeconds: serverCpuSeconds,
            cpuPercentOfOneCore: (serverCpuSeconds / windowS) * 100,
            cpuSecondsPer1000Delivered: run.delivered > 0 ? (serverCpuSeconds / run.delivered) * 1000 : Number.NaN,
            rssKbAfter: serverAfter.rssKb,
          }
        : null,
    companions,
    totalCpuSecondsPer1000Delivered:
      serverCpuSeconds !== null && run.delivered > 0
        ? ((serverCpuSeconds + companions.reduce((a, c) => a + c.cpuSeconds, 0)) / run.delivered) * 1000
        : null,
    client: { cpuSeconds: clientCpuSeconds, cpuPercentOfOneCore: (clientCpuSeconds / windowS) * 100 },
    serverMainThread,
    system: systemWindow(
      systemBefore,
      systemAfter,
      (nowMs() - t0) / 1000,
      serverCpuSeconds === null ? null : serverCpuSeconds + clientCpuSeconds + companions.reduce((a, c) => a + c.cpuSeconds, 0),
      os.availableParallelism(),
    ),
    setup: { connectS, joinS },
  };
}

let calls = 0;

function newPhase(tag: string): Phase {
  return { tag, sent: 0, acked: 0, expected: 0, delivered: 0, outstanding: 0, lastEventMs: 0 };
}
