import { APP_ROUTES } from "@/lib/api/contract";
import { openRoute } from "@/server/http";
import { startAppSession } from "@/server/services/app-sessions";

/** `{ email, password }` from an app client: a session token (see lib/api/contract.ts). */
export const POST = openRoute(APP_ROUTES.createSessionToken, async ({ body, req }) => startAppSession(body, req.headers));
