import { userRoute } from "@/server/http";
import { blockUser } from "@/server/services/friends";

/** `{ userId }`: block them. */
export const POST = userRoute(async (user, body) => blockUser(user.id, body));
