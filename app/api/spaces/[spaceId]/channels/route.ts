import { userRoute } from "@/server/http";
import { createChannel } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => createChannel(user.id, (await params).spaceId, body));
