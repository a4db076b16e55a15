import { userRoute } from "@/server/http";
import { leaveSpace } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => leaveSpace(user.id, (await params).spaceId));
