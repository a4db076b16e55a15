import { userRoute } from "@/server/http";
import { listActiveUsers } from "@/server/services/friends";

export const GET = userRoute(async (user) => listActiveUsers(user.id));
