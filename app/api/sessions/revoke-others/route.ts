import { userRoute } from "@/server/http";
import { endOtherSessions } from "@/server/services/sessions";

/** "Sign out everywhere else": ends the user's other sessions; answers `{ ended }`. */
export const POST = userRoute(async (user, _body, _ctx, sessionId) => endOtherSessions(user.id, sessionId));
