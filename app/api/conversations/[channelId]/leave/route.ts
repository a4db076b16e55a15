import { userRoute } from "@/server/http";
import { leaveGroup } from "@/server/services/groups";

type Ctx = { params: Promise<{ channelId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => {
  await leaveGroup(user, (await params).channelId);
  return {};
});
