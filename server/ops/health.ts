import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { MysqlDb } from "@/db/dialect/mysql";
import { areaLog } from "./logger";
import { metrics } from "./metrics";

/** One dependency /readyz asks about; `run` rejects when it cannot be reached. */
export interface ReadinessCheck {
  name: string;
  run(): Promise<void>;
}

/** How long one check may take before it counts as down: a hung database must not hang the probe. */
export const READINESS_TIMEOUT_MS = 2000;

/** The database answers a SELECT 1 (on SQLite it waits its turn behind a running transaction, as a send would). */
export function databaseCheck(database: Database): ReadinessCheck {
  return {
    name: "database",
    run: async () => {
      const started = performance.now();
      if (database.kind === "mysql") await (database.db as unknown as MysqlDb).execute(sql`select 1`);
      else await database.db.run(sql`select 1`);
      metrics().databasePingSeconds.set((performance.now() - started) / 1000);
    },
  };
}

/**
 * With MONGODB_URL, the message store's MongoDB answers a `ping` command. Its failing path is
 * tested (nothing listening); its passing path is UNVERIFIED here: no MongoDB server could be
 * run where this was written.
 */
export function mongodbCheck(mongo: { ping(): Promise<void> }): ReadinessCheck {
  return { name: "mongodb", run: () => mongo.ping() };
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `/healthz`: the process is alive and its event loop turns (nothing is asked of anything
 * else: a restart would not fix a database outage). `/readyz`: every dependency answers, and
 * the node is not draining; a load balancer sends it traffic only then. The body names each
 * check and whether it passed; why it failed goes to the log, not to whoever asks.
 */
export function healthEndpoints(checks: ReadinessCheck[], draining: () => boolean) {
  const log = areaLog("readyz");
  const failing = new Set<string>();
  return {
    healthz(_req: IncomingMessage, res: ServerResponse) {
      json(res, 200, { ok: true });
    },
    async readyz(_req: IncomingMessage, res: ServerResponse) {
      if (draining()) return json(res, 503, { ok: false, draining: true });
      const results = await Promise.all(
        checks.map(async ({ name, run }) => {
          const started = performance.now();
          try {
            await withTimeout(run(), READINESS_TIMEOUT_MS);
            if (failing.delete(name)) log.info({ check: name }, "readiness check passes again");
            return [name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
          } catch (err) {
            // Once per outage, not on every probe.
            if (!failing.has(name)) log.warn({ check: name, err }, "readiness check fails");
            failing.add(name);
            return [name, { ok: false }] as const;
          }
        }),
      );
      const ok = results.every(([, r]) => r.ok);
      json(res, ok ? 200 : 503, { ok, checks: Object.fromEntries(results) });
    },
  };
}

function json(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}
