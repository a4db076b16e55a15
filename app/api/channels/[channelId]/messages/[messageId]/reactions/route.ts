import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { toggleReaction } from "@/server/services/messages";

export const POST = apiRoute(APP_ROUTES.toggleReaction, async ({ user, params, body }) => ({
  message: await toggleReaction(user, { channelId: params.channelId!, messageId: params.messageId!, emoji: body.emoji }),
}));
