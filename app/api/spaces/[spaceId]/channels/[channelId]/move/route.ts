import { userRoute } from "@/server/http";
import { moveChannel } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string; channelId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => moveChannel(user.id, (await params).channelId, body));
