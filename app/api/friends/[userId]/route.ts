import { userRoute } from "@/server/http";
import { removeFriend } from "@/server/services/friends";

type Ctx = { params: Promise<{ userId: string }> };

/** End the friendship with `userId`. */
export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => removeFriend(user.id, await params));
