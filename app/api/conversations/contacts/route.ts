import { userRoute } from "@/server/http";
import { listContacts } from "@/server/services/conversations";

export const GET = userRoute(async (user) => ({ contacts: await listContacts(user.id) }));
