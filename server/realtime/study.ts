import "server-only";
import { AppError } from "@/lib/errors";
import { commandTimer, readTimer } from "../study/timer";
import { studyStatusesFor } from "../study/publish";
import type { SocketData } from "./socket-sink";
import { on, type AppSocket } from "./handler";

/**
 * Study (issue 13): the user's own timer, and "who is studying now" among people the user may
 * see. A command refused as stale tells this socket the timer as it is, so the tab redraws
 * before the user tries again.
 */
export function registerStudyHandlers(socket: AppSocket): void {
  const me = socket.data as SocketData;

  on(socket, "study:timer", async (command) => {
    try {
      return await commandTimer(me.userId, command);
    } catch (err) {
      if (err instanceof AppError && err.code === "timer_stale") socket.emit("study:timer:state", await readTimer(me.userId));
      throw err;
    }
  });

  on(socket, "study:statuses", async ({ userIds }) => {
    const now = Date.now();
    return { statuses: await studyStatusesFor(me.userId, userIds, now), serverNow: now };
  });
}
