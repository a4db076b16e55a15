import { userRoute } from "@/server/http";
import { acceptFriendRequest } from "@/server/services/friends";

type Ctx = { params: Promise<{ userId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => acceptFriendRequest(user.id, await params));
