import { userRoute } from "@/server/http";
import { removeChannelMember } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string; channelId: string; userId: string }> };

export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => {
  const { channelId, userId } = await params;
  return removeChannelMember(user.id, channelId, userId);
});
