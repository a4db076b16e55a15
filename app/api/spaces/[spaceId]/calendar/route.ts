import { CALENDAR_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { createEvent, listSpaceCalendar } from "@/server/services/calendar";

/** The space's occurrences in a range. */
export const GET = apiRoute(CALENDAR_ROUTES.listSpaceCalendar, async ({ user, params, query }) =>
  listSpaceCalendar(user.id, params.spaceId!, new Date(query.from), new Date(query.to)),
);

/** A new event in the space's calendar. */
export const POST = apiRoute(CALENDAR_ROUTES.createEvent, async ({ user, params, body }) => createEvent(user.id, params.spaceId!, body));
