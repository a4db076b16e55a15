import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LIMITS } from "@/lib/limits";

const iceServers = z.array(
  z.object({
    urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

/**
 * Every environment variable Moim reads, parsed once. Nothing else reads `process.env`
 * (except next-auth itself, which reads NEXTAUTH_URL; we set it here).
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Public origin of the app, used for links and the socket origin allowlist. */
  APP_URL: z.url().optional(),
  /** Extra origins allowed to open sockets, comma separated. */
  ALLOWED_ORIGINS: z.string().optional(),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\//, "DATABASE_URL must be a mysql:// URL (leave it unset for the embedded SQLite file)")
    .optional(),
  REDIS_URL: z.string().optional(),
  MONGODB_URL: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  KAKAO_CLIENT_ID: z.string().optional(),
  KAKAO_CLIENT_SECRET: z.string().optional(),
  /** Only for tests: where the Kakao OAuth endpoints live (a local stand-in). */
  KAKAO_AUTH_BASE_URL: z.url().default("https://kauth.kakao.com"),
  KAKAO_API_BASE_URL: z.url().default("https://kapi.kakao.com"),
  /** Most people in one video room (mesh: every stream goes to every peer, so keep it small). */
  VIDEO_ROOM_CAP: z.coerce.number().int().min(2).max(50).default(LIMITS.videoRoomCap),
  /**
   * STUN/TURN servers for WebRTC, as JSON: [{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}].
   * Unset: host candidates only, which connect browsers on one network.
   */
  /**
   * Abuse limits (see "Limits and abuse" in docs/architecture.md). Tests and large installs on
   * one shared address raise them; 0 is not allowed (a limit that cannot be turned off by accident).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1000).default(LIMITS.socketsPerUser),
  CONNECTIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(LIMITS.connectionsPerIpPerMinute),
  SIGNIN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100_000).default(LIMITS.signInAttemptsPerAccount),
  SIGNIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(LIMITS.signInAttemptsPerIp),
  SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(LIMITS.signUpsPerIpPerHour),
  UPLOAD_QUOTA_MB: z.coerce.number().int().min(1).max(1_000_000).default(LIMITS.uploadQuotaMb),
  /** The largest photo, video and other file a chat message may carry, in MiB. */
  ATTACHMENT_MAX_MB_IMAGE: z.coerce.number().int().min(1).max(1024).default(LIMITS.attachmentMaxMb.image),
  ATTACHMENT_MAX_MB_VIDEO: z.coerce.number().int().min(1).max(4096).default(LIMITS.attachmentMaxMb.video),
  ATTACHMENT_MAX_MB_FILE: z.coerce.number().int().min(1).max(4096).default(LIMITS.attachmentMaxMb.file),
  /** Chat files in an S3-compatible bucket instead of DATA_DIR/files (docs/architecture.md#files-in-chat-attachments). */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).optional(),
  S3_PREFIX: z.string().max(200).regex(/^[A-Za-z0-9._\/-]*$/, "letters, digits, . _ - /").default(""),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** off: no link previews are fetched or shown (server/links). */
  LINK_PREVIEWS: z.enum(["on", "off"]).default("on"),
  /**
   * Test only: host names (comma separated, as written in the URL) link previews may fetch
   * from whatever address they resolve to and on any port, so a test can serve a page on
   * 127.0.0.1. Never set it in a real install: it lets users make the server fetch those hosts.
   */
  LINK_PREVIEW_ALLOW_HOSTS: z.string().optional(),
  /** Operating it (docs/architecture.md#operating-it): logs, metrics, shutdown. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json: one JSON object a line (for a log collector); pretty: readable lines. Default: pretty in development, json otherwise. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** `Authorization: Bearer <token>` opens /metrics on the app's port. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** A listener of its own for /metrics (and /healthz, /readyz), e.g. on an internal interface; /metrics then leaves the app's port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** How long SIGTERM waits for in-flight socket events and HTTP requests before closing what is left. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  ICE_SERVERS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return [];
      try {
        return iceServers.parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be a JSON array of {"urls", "username"?, "credential"?}' });
        return z.NEVER;
      }
    }),
});

export type Config = ReturnType<typeof buildConfig>;

export function buildConfig(env: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const appUrl = e.APP_URL ?? `http://localhost:${e.PORT}`;
  const allowedOrigins = new Set([
    new URL(appUrl).origin,
    `http://localhost:${e.PORT}`,
    `http://127.0.0.1:${e.PORT}`,
    ...(e.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  ]);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appUrl,
    allowedOrigins,
    dataDir,
    database: e.DATABASE_URL
      ? ({ dialect: "mysql", url: e.DATABASE_URL } as const)
      : ({ dialect: "sqlite", url: `file:${path.join(dataDir, "moim.db")}` } as const),
    redisUrl: e.REDIS_URL,
    videoRoomCap: e.VIDEO_ROOM_CAP,
    iceServers: e.ICE_SERVERS,
    mongodbUrl: e.MONGODB_URL,
    /** How many reverse proxies in front of Moim add X-Forwarded-For (0: use the socket's address). */
    trustProxy: e.TRUST_PROXY,
    abuse: {
      socketsPerUser: e.SOCKETS_PER_USER,
      connectionsPerIpPerMinute: e.CONNECTIONS_PER_IP_PER_MINUTE,
      signInAttemptsPerAccount: e.SIGNIN_ATTEMPTS_PER_ACCOUNT,
      signInAttemptsPerIp: e.SIGNIN_ATTEMPTS_PER_IP,
      signUpsPerIpPerHour: e.SIGNUPS_PER_IP_PER_HOUR,
      uploadQuotaBytes: e.UPLOAD_QUOTA_MB * 1024 * 1024,
      attachmentMaxMb: { image: e.ATTACHMENT_MAX_MB_IMAGE, video: e.ATTACHMENT_MAX_MB_VIDEO, file: e.ATTACHMENT_MAX_MB_FILE },
    },
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT ?? null,
          // Self-hosted S3-compatible servers mostly want paths; AWS itself wants host names.
          forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : Boolean(e.S3_ENDPOINT),
          prefix: e.S3_PREFIX,
          credentials:
            e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : null,
        }
      : null,
    linkPreviews: {
      enabled: e.LINK_PREVIEWS === "on",
      allowHosts: new Set(
        (e.LINK_PREVIEW_ALLOW_HOSTS ?? "")
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    },
    ops: {
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === "development" ? "pretty" : "json"),
      metrics: { token: e.METRICS_TOKEN ?? null, port: e.METRICS_PORT ?? null, host: e.METRICS_HOST },
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    authSecret: e.AUTH_SECRET ?? readOrCreateSecret(path.join(dataDir, "auth-secret")),
    kakao:
      e.KAKAO_CLIENT_ID && e.KAKAO_CLIENT_SECRET
        ? {
            clientId: e.KAKAO_CLIENT_ID,
            clientSecret: e.KAKAO_CLIENT_SECRET,
            authBaseUrl: e.KAKAO_AUTH_BASE_URL,
            apiBaseUrl: e.KAKAO_API_BASE_URL,
          }
        : null,
  };
}

/** A local install has no secret configured: make one once and keep it with the data. */
function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process made it first: theirs is the one to use.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readFileSync(file, "utf8").trim();
}

const registry = globalThis as unknown as { __moimConfig?: Config };

/** The config, built on first use and shared by the custom server and Next's bundles. */
export function getConfig(): Config {
  if (!registry.__moimConfig) {
    registry.__moimConfig = buildConfig(process.env);
    // next-auth reads these itself.
    process.env.NEXTAUTH_URL ??= registry.__moimConfig.appUrl;
    process.env.NEXTAUTH_SECRET ??= registry.__moimConfig.authSecret;
  }
  return registry.__moimConfig;
}
