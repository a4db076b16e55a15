import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { deleteMessage, editMessage } from "@/server/services/messages";

export const PATCH = apiRoute(APP_ROUTES.editMessage, async ({ user, params, body }) => ({
  message: await editMessage(user, { channelId: params.channelId!, messageId: params.messageId!, body: body.body }),
}));

export const DELETE = apiRoute(APP_ROUTES.deleteMessage, async ({ user, params }) => ({
  message: await deleteMessage(user, { channelId: params.channelId!, messageId: params.messageId! }),
}));
