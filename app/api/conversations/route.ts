import { userRoute } from "@/server/http";
import { createGroup, listConversations } from "@/server/services/conversations";

export const GET = userRoute(async (user) => ({ conversations: await listConversations(user.id) }));
export const POST = userRoute(async (user, body) => createGroup(user, body));
