import "server-only";
import { ReplyError } from "ioredis";
import { AppError } from "@/lib/errors";

/**
 * Awaits a Redis command of a use case (presence, video rooms). While Redis is unreachable the
 * command client fails at once (no offline queue, a command timeout; see ./scale.ts), and that
 * becomes the typed `unavailable` error, which handlers ack without a stack trace: the outage
 * itself is logged once by the client's watcher. An error Redis replied with is a bug and stays loud.
 */
export async function redisCall<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (err) {
    if (err instanceof ReplyError) throw err;
    throw new AppError("unavailable", `Redis is unreachable (${err instanceof Error ? err.message : String(err)})`);
  }
}
