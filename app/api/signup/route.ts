import { jsonRoute } from "@/server/http";
import { signUp } from "@/server/services/users";

export const POST = jsonRoute(async (body) => ({ user: await signUp(body as never) }));
