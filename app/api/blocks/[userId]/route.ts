import { userRoute } from "@/server/http";
import { unblockUser } from "@/server/services/friends";

type Ctx = { params: Promise<{ userId: string }> };

export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => unblockUser(user.id, await params));
