import { userRoute } from "@/server/http";
import { cancelFriendRequest } from "@/server/services/friends";

type Ctx = { params: Promise<{ userId: string }> };

/** Take back the request the user sent to `userId`. */
export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => cancelFriendRequest(user.id, await params));
