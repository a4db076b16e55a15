import { userRoute } from "@/server/http";
import { sendFriendRequest } from "@/server/services/friends";

/** `{ userId }`: ask to be friends (accepts their request if they already asked). */
export const POST = userRoute(async (user, body) => sendFriendRequest(user.id, body));
