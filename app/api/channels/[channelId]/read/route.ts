import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { markRead } from "@/server/services/reads";

export const POST = apiRoute(APP_ROUTES.markRead, async ({ user, params, body }) => ({
  lastReadSeq: await markRead(user.id, params.channelId!, body.seq),
}));
