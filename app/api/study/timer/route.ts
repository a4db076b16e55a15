import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { commandTimer, readTimer } from "@/server/study/timer";

export const GET = apiRoute(APP_ROUTES.getStudyTimer, async ({ user }) => readTimer(user.id));

export const POST = apiRoute(APP_ROUTES.commandStudyTimer, async ({ user, body }) => commandTimer(user.id, body));
