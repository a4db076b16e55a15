import { APP_ROUTES } from "@/lib/api/contract";
import { LIMITS } from "@/lib/limits";
import { apiRoute } from "@/server/http";
import { addSession, listSessions } from "@/server/study/sessions";

export const GET = apiRoute(APP_ROUTES.listStudySessions, async ({ user, query }) =>
  listSessions(user.id, { before: query.before, limit: query.limit ?? LIMITS.studySessionsPageSize }),
);

export const POST = apiRoute(APP_ROUTES.addStudySession, async ({ user, body }) => addSession(user.id, body));
