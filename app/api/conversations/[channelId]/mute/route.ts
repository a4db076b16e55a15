import { userRoute } from "@/server/http";
import { setMuted } from "@/server/services/conversations";

type Ctx = { params: Promise<{ channelId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => setMuted(user.id, (await params).channelId, body));
