import { userRoute } from "@/server/http";
import { configureStudyRoom, readStudyRoom } from "@/server/study/rooms";

// The channel's own space is what the service authorizes against; spaceId only shapes the URL.
type Ctx = { params: Promise<{ spaceId: string; channelId: string }> };

export const PATCH = userRoute<Ctx>(async (user, body, { params }) => configureStudyRoom(user.id, (await params).channelId, body));
export const GET = userRoute<Ctx>(async (user, _body, { params }) => ({ room: (await readStudyRoom(user.id, (await params).channelId)).room }));
