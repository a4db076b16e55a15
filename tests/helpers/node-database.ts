import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { getDatabase, setDatabase } from "@/server/database";
import { freshDatabase } from "./database";

/**
 * A fresh database for a server process of its own (tests/helpers/nodes.ts): the test fills it
 * through the services, then `handOver()` leaves it to the node (SQLite: the test closes its
 * connection, as two writers on one file would trip over each other). `env` points the node at it.
 */
export async function databaseForNode(
  dialect: "sqlite" | "mysql",
): Promise<{ env: Record<string, string>; handOver: () => Promise<void>; drop: () => Promise<void> }> {
  if (dialect === "mysql") {
    const fresh = await freshDatabase("mysql");
    return { env: { DATABASE_URL: fresh.url }, handOver: async () => {}, drop: fresh.drop };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "moim-node-"));
  setDatabase(await openDatabase({ dialect: "sqlite", url: `file:${path.join(dir, "moim.db")}` }));
  let open = true;
  const handOver = async () => {
    if (!open) return;
    open = false;
    await (await getDatabase()).close();
    setDatabase(undefined);
  };
  return {
    env: { DATA_DIR: dir },
    handOver,
    drop: async () => {
      await handOver();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A process's resident memory in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}
