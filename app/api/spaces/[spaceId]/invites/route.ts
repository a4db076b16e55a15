import { userRoute } from "@/server/http";
import { createInvite } from "@/server/services/spaces";

type Ctx = { params: Promise<{ spaceId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => createInvite(user.id, (await params).spaceId));
