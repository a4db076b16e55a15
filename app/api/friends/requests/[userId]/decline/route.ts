import { userRoute } from "@/server/http";
import { declineFriendRequest } from "@/server/services/friends";

type Ctx = { params: Promise<{ userId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => declineFriendRequest(user.id, await params));
