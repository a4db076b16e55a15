import { APP_ROUTES } from "@/lib/api/contract";
import { apiRoute } from "@/server/http";
import { listMessages, postUserMessage } from "@/server/services/messages";
import { currentNameAndImage } from "@/server/services/profiles";

export const GET = apiRoute(APP_ROUTES.listMessages, async ({ user, params, query: { before, after, limit } }) =>
  listMessages(
    user.id,
    params.channelId!,
    after !== undefined ? { afterSeq: after } : before !== undefined ? { beforeSeq: before } : {},
    limit,
  ),
);

export const POST = apiRoute(
  APP_ROUTES.sendMessage,
  // The author's name and picture as they are now, read only once the send limit lets it through (as on the socket).
  async ({ user, params, body }) =>
    postUserMessage(
      user,
      { ...body, channelId: params.channelId! },
      { refreshAuthor: async () => ({ ...user, ...(await currentNameAndImage(user.id)) }) },
    ),
  { budget: "send" },
);
