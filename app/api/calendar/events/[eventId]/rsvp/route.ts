import { CALENDAR_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listRsvps, setRsvp } from "@/server/services/calendar";

export const POST = apiRoute(CALENDAR_ROUTES.setRsvp, async ({ user, params, body }) =>
  setRsvp(user.id, params.eventId!, body.occurrence, body.answer),
);

export const GET = apiRoute(CALENDAR_ROUTES.listRsvps, async ({ user, params, query }) =>
  listRsvps(user.id, params.eventId!, query.occurrence),
);
