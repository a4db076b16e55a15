import { CALENDAR_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listMyCalendar } from "@/server/services/calendar";

/** The personal calendar: every space of the user's. */
export const GET = apiRoute(CALENDAR_ROUTES.listMyCalendar, async ({ user, query }) =>
  listMyCalendar(user.id, new Date(query.from), new Date(query.to)),
);
