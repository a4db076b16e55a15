/**
 * Chat load benchmark. Starts the production server as a child process (or uses --url), sets
 * up users and spaces through the HTTP API, then measures
 *   A. message throughput and latency: rooms × members sockets, senders at a fixed rate;
 *   B. idle connections: server memory per authenticated idle socket.
 * Before Moim, the same load runs against bare Socket.IO (./support/bare-server.ts: no auth, no
 * storage) in the same invocation, and Moim's CPU per delivery, p99 and capacity are reported
 * as ratios to it: on a shared machine the ratio is the robust figure.
 * Prints a table and writes JSON to bench/results/<timestamp>.json.
 *
 *   node --import tsx bench/chat-load.ts [--rooms 20 --members 25 --senders 5 --rate 2 --duration 20]
 *   … --database mysql://root@127.0.0.1:3306/moim_bench        (MariaDB; mariadbd's CPU counted)
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LIMITS } from "../lib/limits";
import { createRooms, createUsers, type BenchRoom, type BenchUser } from "./support/api";
import { runIdle, type IdleResult } from "./support/idle";
import { seedUsers } from "./support/seed";
import { parseOptions, USAGE, type BenchOptions } from "./support/options";
import { attachServer, clockTicksPerSecond, pidOf, startBareServer, startServer, type ServerHandle } from "./support/server";
import { fmt, fmtDist, nowMs, table } from "./support/stats";
import { runThroughput, type ThroughputResult } from "./support/throughput";

const log = (line: string) => console.error(`[bench] ${line}`);

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    clockTicks: clockTicksPerSecond(),
  };
}

function gitRevision(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "server", "lib", "db", "app"], { encoding: "utf8" }).trim();
    return dirty ? `${head} (+ uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}

/**
 * Users for both scenarios. Room r's members are users r·M … r·M+M−1; users beyond R·M
 * (when --idle-users asks for more) join room (i mod R) so every user has a channel.
 */
async function setUp(
  server: ServerHandle,
  options: BenchOptions,
  seeded: BenchUser[] | null,
): Promise<{ users: BenchUser[]; rooms: BenchRoom[] }> {
  const runTag = randomBytes(4).toString("hex");
  let t = nowMs();
  const users = seeded ?? (await createUsers(server, runTag, userCount(options)));
  if (!seeded) log(`signed up ${users.length} users in ${((nowMs() - t) / 1000).toFixed(1)} s`);
  t = nowMs();
  const roomOf = (user: BenchUser) =>
    user.index < options.rooms * options.members ? Math.floor(user.index / options.members) : user.index % options.rooms;
  const rooms = await createRooms(server, options.rooms, (room) => users.filter((u) => roomOf(u) === room));
  log(`created ${rooms.length} spaces with invites and memberships in ${((nowMs() - t) / 1000).toFixed(1)} s`);
  return { users, rooms };
}

function userCount(options: BenchOptions): number {
  return Math.max(options.rooms * options.members, options.idle.length > 0 ? options.idleUsers : 0);
}

/** Other processes competing for the 2 cores make every figure worse: say so next to them. */
function warnIfBusy(what: string, otherCpuSeconds: number | null, windowS: number): void {
  if (otherCpuSeconds === null || windowS <= 0) return;
  const cores = otherCpuSeconds / windowS;
  if (cores > 0.25) console.log(`warning: during ${what} other processes kept ${fmt(cores, 2)} cores busy; figures are pessimistic`);
}

function printThroughput(r: ThroughputResult): void {
  const c = r.config;
  console.log(
    `\nScenario A: throughput and latency — ${c.rooms} rooms × ${c.members} members (${r.sockets} sockets), ` +
      `${c.senders} senders/room at ${c.rate} msg/s, ${c.durationS} s`,
  );
  const errors = Object.entries(r.ackErrors).map(([code, n]) => `${code}: ${n}`);
  const rows: [string, string][] = [
    ["offered load", `${fmt(r.offered.sendsPerSecond, 0)} sends/s → ${fmt(r.offered.deliveriesPerSecond, 0)} deliveries/s`],
    ["sent / acked", `${r.sent} / ${r.acked}`],
    ["errors / ack timeouts", `${errors.length ? errors.join(", ") : "0"} / ${r.ackTimeouts}`],
    [
      "delivered / expected",
      `${r.delivered} / ${r.expectedDeliveries}${r.drained ? "" : " (not drained)"}${r.outOfOrder ? `, ${r.outOfOrder} out of order` : ""}`,
    ],
    ["measured window", `${fmt(r.windowS, 2)} s`],
    ["delivered messages/s", fmt(r.deliveredPerSecond, 0)],
    [
      "socket events received/s",
      `${fmt(r.eventsPerSecond, 0)} (${Object.entries(r.eventsReceived)
        .map(([event, n]) => `${event} ${n}`)
        .join(", ")})`,
    ],
    ["acked sends/s", fmt(r.ackedPerSecond, 1)],
    ["ack latency ms p50/p95/p99/max", fmtDist(r.ackLatencyMs)],
    ["send→receive ms p50/p95/p99/max", fmtDist(r.deliveryLatencyMs)],
    [
      "server CPU",
      r.server
        ? `${fmt(r.server.cpuSeconds, 2)} s (${fmt(r.server.cpuPercentOfOneCore, 0)}% of a core), ${fmt(r.server.cpuSecondsPer1000Delivered, 3)} s per 1,000 delivered`
        : "n/a (no --pid)",
    ],
    ...r.companions.map((c): [string, string] => [
      `${c.name} CPU`,
      `${fmt(c.cpuSeconds, 2)} s (${fmt((c.cpuSeconds / r.windowS) * 100, 0)}% of a core)`,
    ]),
    ["CPU s per 1,000 delivered (with those)", fmt(r.totalCpuSecondsPer1000Delivered, 3)],
    ["server RSS after", r.server ? `${fmt(r.server.rssKbAfter / 1024, 0)} MiB` : "n/a"],
    ["client CPU", `${fmt(r.client.cpuSeconds, 2)} s (${fmt(r.client.cpuPercentOfOneCore, 0)}% of a core)`],
    ["client send lag ms p50/p99/max", r.sendLagMs ? `${fmt(r.sendLagMs.p50)} / ${fmt(r.sendLagMs.p99)} / ${fmt(r.sendLagMs.max)}` : "n/a"],
    [
      "client loop delay ms p50/p99/max",
      `${fmt(r.clientLoopDelayMs.p50)} / ${fmt(r.clientLoopDelayMs.p99)} / ${fmt(r.clientLoopDelayMs.max)}`,
    ],
    [
      "server main thread",
      r.serverMainThread
        ? `on CPU/runnable ${fmt(r.serverMainThread.running, 0)}%, idle ${fmt(r.serverMainThread.sleeping, 0)}%, disk wait ${fmt(r.serverMainThread.diskWait, 0)}%`
        : "n/a",
    ],
    [
      "machine",
      `${fmt(r.system.machineBusyCores, 2)} cores busy (other processes ${fmt(r.system.otherCpuSeconds, 2)} s), ` +
        `irq ${fmt(r.system.irqPercent, 0)}%, steal ${fmt(r.system.stealPercent, 0)}%, iowait ${fmt(r.system.iowaitPercent, 0)}%`,
    ],
    [
      "pressure (PSI)",
      `cpu some ${fmt(r.system.cpuPressurePercent, 0)}%, io some ${fmt(r.system.ioPressureSomePercent, 0)}% / full ${fmt(r.system.ioPressureFullPercent, 0)}%`,
    ],
  ];
  console.log(table(["metric", "value"], rows));
  if (r.client.cpuPercentOfOneCore > 80) console.log("warning: the client process was near one full core; it may be the bottleneck");
  warnIfBusy("scenario A", r.system.otherCpuSeconds, r.windowS);
}

/** Rooms for the bare server: it has no users or spaces, only room names. */
function bareRooms(rooms: number, members: number): BenchRoom[] {
  return Array.from({ length: rooms }, (_, index) => ({
    index,
    spaceId: `bare-space-${index}`,
    channelId: `bare-${index}`,
    inviteCode: "",
    members: Array.from({ length: members }, (_, m) => ({
      index: index * members + m,
      id: `bare-user-${index}-${m}`,
      name: "bench",
      cookie: "",
    })),
  }));
}

const CAPACITY_P99_MS = 200;

/** A capacity step passes when every send was acked, every delivery arrived, and p99 ≤ 200 ms. */
function passes(r: ThroughputResult): boolean {
  return (
    r.drained &&
    r.ackTimeouts === 0 &&
    Object.keys(r.ackErrors).length === 0 &&
    r.acked === r.sent &&
    r.delivered >= r.expectedDeliveries &&
    r.outOfOrder === 0 &&
    (r.deliveryLatencyMs?.p99 ?? Infinity) <= CAPACITY_P99_MS
  );
}

interface CapacityStep {
  sendersPerRoom: number;
  offeredDeliveriesPerSecond: number;
  deliveredPerSecond: number;
  p99Ms: number | null;
  passed: boolean;
}
interface Capacity {
  steps: CapacityStep[];
  /** Deliveries/s of the highest passing step (null: none passed). */
  deliveriesPerSecond: number | null;
}

async function runCapacity(server: ServerHandle, rooms: BenchRoom[], opts: BenchOptions, label: string): Promise<Capacity> {
  const steps: CapacityStep[] = [];
  for (const senders of opts.capacity) {
    log(`capacity (${label}): ${senders} senders/room at ${opts.capacityRate} msg/s`);
    const r = await runThroughput(server, rooms, throughputConfig(opts, senders, opts.capacityRate, opts.capacityDuration), log);
    const step = {
      sendersPerRoom: senders,
      offeredDeliveriesPerSecond: r.offered.deliveriesPerSecond,
      deliveredPerSecond: r.deliveredPerSecond,
      p99Ms: r.deliveryLatencyMs?.p99 ?? null,
      passed: passes(r),
    };
    steps.push(step);
    log(`  → ${fmt(step.deliveredPerSecond, 0)} deliveries/s, p99 ${fmt(step.p99Ms)} ms, ${step.passed ? "passed" : "failed"}`);
    if (!step.passed) break;
  }
  const best = steps.filter((s) => s.passed).at(-1);
  return { steps, deliveriesPerSecond: best ? best.deliveredPerSecond : null };
}

function throughputConfig(opts: BenchOptions, senders: number, rate: number, durationS: number) {
  return {
    rooms: opts.rooms,
    members: opts.members,
    senders,
    rate,
    durationS,
    bodyPad: opts.bodyPad,
    ackTimeoutMs: opts.ackTimeout,
    drainS: opts.drain,
  };
}

interface Side {
  throughput: ThroughputResult | null;
  capacity: Capacity | null;
}

/** The figures the issue sets targets for, bare vs Moim, with Moim's as a multiple of bare's. */
function printSummary(bare: Side, moim: Side, backend: string): void {
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? `${fmt(b / a, 2)}×` : "n/a");
  const targets = backend === "sqlite" ? { cpu: "≤ 2×", p99: "≤ 5 ms", cap: "≥ 40,000" } : { cpu: "≤ 3×", p99: "≤ 10 ms", cap: "≥ 30,000" };
  const bt = bare.throughput;
  const mt = moim.throughput;
  const rows: string[][] = [
    [
      `CPU s per 1,000 delivered (server${mt?.companions.length ? " + " + mt.companions.map((c) => c.name).join(" + ") : ""})`,
      fmt(bt?.totalCpuSecondsPer1000Delivered, 3),
      fmt(mt?.totalCpuSecondsPer1000Delivered, 3),
      ratio(bt?.totalCpuSecondsPer1000Delivered, mt?.totalCpuSecondsPer1000Delivered),
      targets.cpu,
    ],
    [
      "p99 send→receive ms",
      fmt(bt?.deliveryLatencyMs?.p99),
      fmt(mt?.deliveryLatencyMs?.p99),
      ratio(bt?.deliveryLatencyMs?.p99, mt?.deliveryLatencyMs?.p99),
      targets.p99,
    ],
    [
      "p50 send→receive ms",
      fmt(bt?.deliveryLatencyMs?.p50),
      fmt(mt?.deliveryLatencyMs?.p50),
      ratio(bt?.deliveryLatencyMs?.p50, mt?.deliveryLatencyMs?.p50),
      "",
    ],
    [
      "delivered / expected",
      bt ? `${bt.delivered} / ${bt.expectedDeliveries}` : "n/a",
      mt ? `${mt.delivered} / ${mt.expectedDeliveries}` : "n/a",
      "",
      "all",
    ],
  ];
  if (bare.capacity || moim.capacity) {
    const cap = (c: Capacity | null) => (c ? (c.deliveriesPerSecond === null ? "none passed" : fmt(c.deliveriesPerSecond, 0)) : "n/a");
    const capRatio =
      bare.capacity?.deliveriesPerSecond && moim.capacity?.deliveriesPerSecond
        ? fmt(moim.capacity.deliveriesPerSecond / bare.capacity.deliveriesPerSecond, 2) + "×"
        : "n/a";
    const top = (c: Capacity | null) => (c && c.steps.every((s) => s.passed) ? " (every step passed)" : "");
    rows.push([
      `capacity deliveries/s (p99 ≤ ${CAPACITY_P99_MS} ms, none lost)`,
      cap(bare.capacity) + top(bare.capacity),
      cap(moim.capacity) + top(moim.capacity),
      capRatio,
      targets.cap,
    ]);
  }
  console.log(`\nSummary (${backend}): Moim against bare Socket.IO under the same load, same run`);
  console.log(table(["figure", "bare Socket.IO", "Moim", "Moim / bare", "target"], rows));
  const busy = [bt, mt].filter(Boolean).map((r) => (r!.system.otherCpuSeconds ?? 0) / r!.windowS);
  if (busy.some((c) => c > 0.25))
    console.log(
      `note: other processes kept ${busy.map((c) => fmt(c, 2)).join(" / ")} cores busy (bare / Moim): compare the ratios, not the absolute figures`,
    );
  if (mt?.companions.length)
    console.log("note: the database process may also serve other clients on this machine; its CPU over the window is counted whole");
}

function printIdle(results: IdleResult[]): void {
  if (results.length === 0) return;
  const join = results[0]?.config.join ? ", each joined to its channel" : "";
  console.log(`\nScenario B: idle authenticated sockets (websocket${join})`);
  const mib = (kb: number | undefined) => (kb === undefined ? "n/a" : fmt(kb / 1024, 0));
  console.log(
    table(
      [
        "sockets",
        "users",
        "ok",
        "failed",
        "connect s",
        "conn/s",
        "handshake ms p50/p95/p99",
        "RSS before MiB",
        "RSS held MiB",
        "KB/conn",
        "server CPU s",
      ],
      results.map((r) => [
        String(r.config.count),
        String(r.users),
        String(r.connected),
        String(r.failed + r.droppedWhileIdle),
        fmt(r.connectS, 1),
        fmt(r.connectsPerSecond, 0),
        r.handshakeMs ? `${fmt(r.handshakeMs.p50)} / ${fmt(r.handshakeMs.p95)} / ${fmt(r.handshakeMs.p99)}` : "n/a",
        mib(r.server?.before.rssKb),
        mib(r.server?.held.rssKb),
        r.server ? fmt(r.server.rssKbPerConnection, 1) : "n/a",
        r.server ? fmt(r.server.connectCpuSeconds, 2) : "n/a",
      ]),
    ),
  );
  for (const r of results) {
    for (const [message, n] of Object.entries(r.failures)) console.log(`  ${r.config.count}: ${n} × ${message}`);
    warnIfBusy(`scenario B (${r.config.count})`, r.system.otherCpuSeconds, r.connectS);
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | "help";
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

  if (opts.duration > 0 && opts.rate > LIMITS.sendPerSecond) {
    log(
      `note: --rate ${opts.rate} is above the server's per-user send limit (${LIMITS.sendPerSecond}/s after a burst of ${LIMITS.sendBurst}); ` +
        "expect rate_limited acks. Raise --senders instead to add load.",
    );
  }
  const backend = opts.database ? "mariadb" : "sqlite";
  let bare: Side = { throughput: null, capacity: null };
  if (opts.bare && !opts.url && (opts.duration > 0 || opts.capacity.length > 0)) {
    log("starting bare Socket.IO (the baseline)");
    const baseline = await startBareServer(30_000);
    try {
      const rooms = bareRooms(opts.rooms, opts.members);
      const throughput =
        opts.duration > 0
          ? await runThroughput(baseline, rooms, throughputConfig(opts, opts.senders, opts.rate, opts.duration), log)
          : null;
      const capacity = opts.capacity.length > 0 ? await runCapacity(baseline, rooms, opts, "bare") : null;
      bare = { throughput, capacity };
    } finally {
      await baseline.stop();
    }
  }

  log(opts.url ? `using the server at ${opts.url}` : `starting the production server (${backend})`);
  // Every bench user signs up and connects from 127.0.0.1: the per-address limits are not what is measured.
  const env: Record<string, string> = { SIGNUPS_PER_IP_PER_HOUR: "100000", CONNECTIONS_PER_IP_PER_MINUTE: "100000", SHUTDOWN_GRACE_MS: "1000" };
  if (opts.database) env.DATABASE_URL = opts.database;
  if (opts.redis) env.REDIS_URL = opts.redis;
  let seeded: BenchUser[] | null = null;
  const server = opts.url
    ? attachServer(opts.url, opts.secret!, opts.pid)
    : await startServer({
        keepData: opts.keepData,
        readyTimeoutMs: 60_000,
        env,
        nodeArgs: opts.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(opts.cpuProf)] : [],
        before: async (dataDir, secret) => {
          const t = nowMs();
          const database = opts.database
            ? ({ dialect: "mysql", url: opts.database } as const)
            : ({ dialect: "sqlite", url: `file:${path.join(dataDir, "moim.db")}` } as const);
          seeded = await seedUsers(database, secret, randomBytes(4).toString("hex"), userCount(opts));
          log(`seeded ${seeded.length} users with sessions in ${((nowMs() - t) / 1000).toFixed(1)} s`);
        },
      });
  for (const [flag, name] of [
    [opts.database, "mariadbd"],
    [opts.redis, "redis-server"],
  ] as const) {
    const pid = flag ? (pidOf(name) ?? (name === "mariadbd" ? pidOf("mysqld") : null)) : null;
    if (pid) server.companions.push({ name, pid });
    else if (flag) log(`note: no ${name} process found; its CPU is not counted`);
  }
  log(`server ${server.url}${server.pid ? ` (pid ${server.pid})` : ""}`);

  let aborted = false;
  const deadline = setTimeout(() => {
    aborted = true;
    console.error(`[bench] aborted: the run took longer than --max-time ${opts.maxTime} s`);
    void server.stop().finally(() => process.exit(1));
  }, opts.maxTime * 1000);
  const interrupt = () => {
    console.error("[bench] interrupted");
    void server.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);

  try {
    const work = async () => {
      const { users, rooms } = await setUp(server, opts, seeded);
      let throughput: ThroughputResult | null = null;
      if (opts.duration > 0) {
        log(
          `scenario A: ${opts.rooms} rooms × ${opts.members} members, ${opts.senders} senders at ${opts.rate} msg/s for ${opts.duration} s`,
        );
        throughput = await runThroughput(server, rooms, throughputConfig(opts, opts.senders, opts.rate, opts.duration), log);
      }
      const capacity = opts.capacity.length > 0 ? await runCapacity(server, rooms, opts, "Moim") : null;
      const idle: IdleResult[] = [];
      const idleUsers = users.slice(0, opts.idleUsers);
      const channelOf = new Map(rooms.flatMap((room) => room.members.map((u) => [u.id, room.channelId] as const)));
      for (const count of opts.idle) {
        log(`scenario B: ${count} idle sockets over ${idleUsers.length} users, ${opts.batch} connecting at once`);
        idle.push(
          await runIdle(
            server,
            idleUsers,
            (user) => channelOf.get(user.id)!,
            { count, batch: opts.batch, holdS: opts.idleHold, join: opts.idleJoin, ackTimeoutMs: opts.ackTimeout },
            log,
          ),
        );
      }
      return { throughput, capacity, idle };
    };
    const { throughput, capacity, idle } = await Promise.race([work(), server.exited]);

    const result = {
      startedAt: startedAt.toISOString(),
      revision: gitRevision(),
      machine: machine(),
      command: `node --import tsx bench/chat-load.ts ${process.argv.slice(2).join(" ")}`.trim(),
      options: { ...opts, secret: opts.secret ? "(given)" : null },
      server: { mode: server.mode, url: server.url, pid: server.pid, stderr: server.stderrLines.slice(0, 50) },
      backend,
      bare,
      throughput,
      capacity,
      idle,
    };
    const m = result.machine;
    console.log(`\nMoim chat load — ${result.revision}, ${m.nproc} CPUs (${m.cpuModel}), ${m.totalMemGiB} GiB, node ${m.node}`);
    if (bare.throughput) {
      console.log("\n[bare Socket.IO]");
      printThroughput(bare.throughput);
    }
    if (throughput) {
      console.log("\n[Moim]");
      printThroughput(throughput);
    }
    printIdle(idle);
    if (bare.throughput || throughput || capacity) printSummary(bare, { throughput, capacity }, backend);
    if (server.stderrLines.length > 0) {
      console.log(`\nserver stderr (${server.stderrLines.length} lines), first lines:`);
      for (const line of server.stderrLines.slice(0, 10)) console.log(`  ${line}`);
    }

    const out = opts.out ?? path.join(import.meta.dirname, "results", `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    return 0;
  } catch (err) {
    if (!aborted) console.error("[bench] failed:", err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  } finally {
    clearTimeout(deadline);
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
