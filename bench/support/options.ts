/** Command-line options of bench/chat-load.ts: `--name value` pairs and a few flags. */

export interface BenchOptions {
  /** Scenario A: rooms (spaces, one channel each). */
  rooms: number;
  /** Scenario A: connected members per room, each its own user and socket. */
  members: number;
  /** Scenario A: members per room that send. */
  senders: number;
  /** Scenario A: messages per second per sender. */
  rate: number;
  /** Scenario A: seconds of sending; 0 skips the scenario. */
  duration: number;
  /** Scenario A: characters of filler added to each message body. */
  bodyPad: number;
  /** Scenario B: idle socket counts, one run each; empty skips the scenario. */
  idle: number[];
  /** Scenario B: distinct users the idle sockets are spread over (many tabs each). */
  idleUsers: number;
  /** Scenario B: sockets connecting at once. */
  batch: number;
  /** Scenario B: seconds the idle sockets are held open before RSS is read. */
  idleHold: number;
  /** Scenario B: each idle socket also joins its space's channel, as an open tab does. */
  idleJoin: boolean;
  /** Milliseconds an ack may take before it counts as a timeout. */
  ackTimeout: number;
  /** Seconds allowed for in-flight messages to arrive after sending stops. */
  drain: number;
  /** Seconds the whole run may take before it is aborted. */
  maxTime: number;
  /** Target an already-running server instead of starting one. */
  url: string | null;
  /** AUTH_SECRET of the server given by --url, to mint session cookies. */
  secret: string | null;
  /** Pid of the server given by --url, for its CPU and memory figures. */
  pid: number | null;
  /** Keep the temporary DATA_DIR of a server this run started. */
  keepData: boolean;
  /** Where to write the JSON results; defaults to bench/results/<timestamp>.json. */
  out: string | null;
  /** Write a CPU profile of the spawned server here (node --cpu-prof), for where the time goes. */
  cpuProf: string | null;
  /** A mysql:// URL: the spawned server stores in MySQL/MariaDB (default: its own SQLite file). */
  database: string | null;
  /** A redis:// URL for the spawned server (the multi-node setup). */
  redis: string | null;
  /** Run bare Socket.IO (bench/support/bare-server.ts) first, under the same load, and report ratios to it. */
  bare: boolean;
  /** Capacity search: senders per room, one step each, until a step misses p99 ≤ 200 ms or loses anything. */
  capacity: number[];
  /** Capacity search: messages per second per sender. */
  capacityRate: number;
  /** Capacity search: seconds of sending per step. */
  capacityDuration: number;
}

const DEFAULTS: BenchOptions = {
  rooms: 20,
  members: 25,
  senders: 5,
  rate: 2,
  duration: 20,
  bodyPad: 0,
  idle: [],
  idleUsers: 50,
  batch: 200,
  idleHold: 3,
  idleJoin: false,
  ackTimeout: 10_000,
  drain: 15,
  maxTime: 600,
  url: null,
  secret: null,
  pid: null,
  keepData: false,
  out: null,
  cpuProf: null,
  database: null,
  redis: null,
  bare: true,
  capacity: [],
  capacityRate: 2.8,
  capacityDuration: 10,
};

export const USAGE = `Usage: npm run bench -- [options]   (node --require ./server/preload.cjs --import tsx bench/chat-load.ts)

Scenario A (throughput and latency)
  --rooms N         rooms (spaces), one channel each          [${DEFAULTS.rooms}]
  --members N       connected members per room                [${DEFAULTS.members}]
  --senders N       senders per room                          [${DEFAULTS.senders}]
  --rate N          messages per second per sender            [${DEFAULTS.rate}]
  --duration S      seconds of sending, 0 skips scenario A    [${DEFAULTS.duration}]
  --body-pad N      filler characters added to each body      [${DEFAULTS.bodyPad}]
  --ack-timeout MS  ack timeout                               [${DEFAULTS.ackTimeout}]
  --drain S         max seconds to wait for in-flight messages [${DEFAULTS.drain}]

Baseline and capacity
  --no-bare         skip the bare Socket.IO baseline (no ratios)
  --capacity N,N    senders per room for each capacity step, e.g. 5,10,15,20,25;
                    steps stop at the first with p99 > 200 ms or anything lost  [none]
  --capacity-rate N messages per second per sender in the steps  [${DEFAULTS.capacityRate}]
  --capacity-duration S  seconds per step                        [${DEFAULTS.capacityDuration}]

Scenario B (idle connections)
  --idle N,N        idle socket counts, "" or 0 skips         [${DEFAULTS.idle.join(",")}]
  --idle-users N    users the sockets are spread over         [${DEFAULTS.idleUsers}]
  --batch N         sockets connecting concurrently           [${DEFAULTS.batch}]
  --idle-hold S     seconds held open before RSS is read      [${DEFAULTS.idleHold}]
  --idle-join       idle sockets also join their channel

Server
  (default)         start "node --require ./server/preload.cjs --import tsx server/index.ts"
                    with NODE_ENV=production, a free PORT, a temp DATA_DIR and a random AUTH_SECRET
  --url URL         use a running server instead (needs --secret; --pid for CPU/RSS figures)
  --secret S        that server's AUTH_SECRET
  --pid N           that server's process id
  --database URL    mysql://… for the spawned server (MariaDB; its mariadbd CPU is counted)
  --redis URL       redis://… for the spawned server (redis-server CPU is counted)
  --cpu-prof DIR    profile the spawned server (node --cpu-prof) into DIR
  --keep-data       keep the temp DATA_DIR
  --max-time S      abort the whole run after S seconds       [${DEFAULTS.maxTime}]
  --out FILE        JSON output                               [bench/results/<timestamp>.json]
`;

type NumberKey = { [K in keyof BenchOptions]: BenchOptions[K] extends number ? K : never }[keyof BenchOptions];

const NUMBER_FLAGS: Record<string, NumberKey> = {
  "--rooms": "rooms",
  "--members": "members",
  "--senders": "senders",
  "--rate": "rate",
  "--duration": "duration",
  "--body-pad": "bodyPad",
  "--idle-users": "idleUsers",
  "--batch": "batch",
  "--idle-hold": "idleHold",
  "--ack-timeout": "ackTimeout",
  "--drain": "drain",
  "--max-time": "maxTime",
  "--capacity-rate": "capacityRate",
  "--capacity-duration": "capacityDuration",
};

export function parseOptions(argv: readonly string[]): BenchOptions | "help" {
  const options: BenchOptions = { ...DEFAULTS, idle: [...DEFAULTS.idle] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (flag === "--help" || flag === "-h") return "help";
    if (flag === "--idle-join") {
      options.idleJoin = true;
      continue;
    }
    if (flag === "--no-bare") {
      options.bare = false;
      continue;
    }
    if (flag === "--keep-data") {
      options.keepData = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const numberKey = NUMBER_FLAGS[flag];
    if (numberKey) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a non-negative number, got "${value}"`);
      options[numberKey] = n;
    } else if (flag === "--idle") {
      options.idle = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number)
        .filter((n) => n > 0);
      if (options.idle.some((n) => !Number.isInteger(n))) throw new Error(`--idle takes whole numbers, got "${value}"`);
    } else if (flag === "--capacity") {
      options.capacity = value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
        .map(Number);
      if (options.capacity.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--capacity takes whole numbers, got "${value}"`);
    } else if (flag === "--database") {
      if (!value.startsWith("mysql://")) throw new Error("--database takes a mysql:// URL");
      options.database = value;
    } else if (flag === "--redis") options.redis = value;
    else if (flag === "--cpu-prof") options.cpuProf = value;
    else if (flag === "--url") options.url = value.replace(/\/+$/, "");
    else if (flag === "--secret") options.secret = value;
    else if (flag === "--pid") options.pid = Number(value);
    else if (flag === "--out") options.out = value;
    else throw new Error(`unknown option ${flag}\n\n${USAGE}`);
  }
  for (const key of ["rooms", "members", "senders", "idleUsers", "batch"] as const) {
    if (!Number.isInteger(options[key])) throw new Error(`--${key} must be a whole number`);
  }
  if (options.rooms < 1 || options.members < 1) throw new Error("--rooms and --members must be at least 1");
  if (options.senders > options.members) throw new Error("--senders cannot exceed --members");
  if (options.capacity.some((n) => n > options.members)) throw new Error("--capacity steps cannot exceed --members");
  if (options.batch < 1) throw new Error("--batch must be at least 1");
  if (options.url && !options.secret) throw new Error("--url needs --secret (the server's AUTH_SECRET) to mint session cookies");
  if (options.pid !== null && !Number.isInteger(options.pid)) throw new Error("--pid must be a process id");
  return options;
}
