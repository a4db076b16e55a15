import { userRoute } from "@/server/http";
import { openDm } from "@/server/services/dms";

export const POST = userRoute(async (user, body) => openDm(user.id, body));
