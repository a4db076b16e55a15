import { userRoute } from "@/server/http";
import { getConversation } from "@/server/services/conversations";
import { updateGroup } from "@/server/services/groups";

type Ctx = { params: Promise<{ channelId: string }> };

export const GET = userRoute<Ctx>(async (user, _body, { params }) => ({
  conversation: await getConversation(user.id, (await params).channelId),
}));
export const PATCH = userRoute<Ctx>(async (user, body, { params }) => {
  await updateGroup(user, (await params).channelId, body);
  return {};
});
