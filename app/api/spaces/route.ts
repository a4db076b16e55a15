import { userRoute } from "@/server/http";
import { createSpace, listMySpaces } from "@/server/services/spaces";

export const GET = userRoute(async (user) => ({ spaces: await listMySpaces(user.id) }));
export const POST = userRoute(async (user, body) => createSpace(user.id, body as never));
