import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listDrawer } from "@/server/services/drawer";

export const GET = apiRoute(APP_ROUTES.listDrawer, async ({ user, params, query }) => listDrawer(user.id, params.channelId!, query));
