import { userRoute } from "@/server/http";
import { listConversations } from "@/server/services/chat-list";
import { createGroup } from "@/server/services/groups";

export const GET = userRoute(async (user) => ({ conversations: await listConversations(user.id) }));
export const POST = userRoute(async (user, body) => createGroup(user, body));
