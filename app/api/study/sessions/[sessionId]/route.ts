import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { deleteSession, editSession } from "@/server/study/sessions";

export const PATCH = apiRoute(APP_ROUTES.editStudySession, async ({ user, params, body }) => editSession(user.id, params.sessionId!, body));

export const DELETE = apiRoute(APP_ROUTES.deleteStudySession, async ({ user, params }) => deleteSession(user.id, params.sessionId!));
