import { userRoute } from "@/server/http";
import { addChannelMember, listChannelMembers } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string; channelId: string }> };

export const GET = userRoute<Ctx>(async (user, _body, { params }) => listChannelMembers(user.id, (await params).channelId));
export const POST = userRoute<Ctx>(async (user, body, { params }) => addChannelMember(user.id, (await params).channelId, body));
