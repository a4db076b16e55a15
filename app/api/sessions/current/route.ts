import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { endSession } from "@/server/services/sessions";

/** Sign out this session (an app's token, or the browser's cookie): it opens nothing more, and its sockets close. */
export const DELETE = apiRoute(APP_ROUTES.endSession, async ({ sessionId }) => {
  await endSession(sessionId);
  return {};
});
