import { CALENDAR_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { feedStatus, regenerateFeed, revokeFeed } from "@/server/services/calendar-feed";

export const GET = apiRoute(CALENDAR_ROUTES.feedStatus, async ({ user }) => feedStatus(user.id));
export const POST = apiRoute(CALENDAR_ROUTES.regenerateFeed, async ({ user }) => regenerateFeed(user.id));
export const DELETE = apiRoute(CALENDAR_ROUTES.revokeFeed, async ({ user }) => revokeFeed(user.id));
