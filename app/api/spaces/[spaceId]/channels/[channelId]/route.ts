import { userRoute } from "@/server/http";
import { deleteChannel, updateChannel } from "@/server/services/channels";

// The channel's own space is what the service authorizes against; spaceId only shapes the URL.
type Ctx = { params: Promise<{ spaceId: string; channelId: string }> };

export const PATCH = userRoute<Ctx>(async (user, body, { params }) => updateChannel(user.id, (await params).channelId, body));
export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => deleteChannel(user.id, (await params).channelId));
