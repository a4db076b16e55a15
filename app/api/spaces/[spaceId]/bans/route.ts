import { userRoute } from "@/server/http";
import { listBans } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string }> };

export const GET = userRoute<Ctx>(async (user, _body, { params }) => listBans(user.id, (await params).spaceId));
