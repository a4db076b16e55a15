import { CALENDAR_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { cancelEvent, updateEvent } from "@/server/services/calendar";

export const PATCH = apiRoute(CALENDAR_ROUTES.updateEvent, async ({ user, params, body }) => updateEvent(user.id, params.eventId!, body));

export const DELETE = apiRoute(CALENDAR_ROUTES.cancelEvent, async ({ user, params, query }) =>
  cancelEvent(user.id, params.eventId!, query.scope, query.occurrence),
);
