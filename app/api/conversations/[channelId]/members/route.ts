import { userRoute } from "@/server/http";
import { inviteToGroup } from "@/server/services/groups";

type Ctx = { params: Promise<{ channelId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => inviteToGroup(user, (await params).channelId, body));
