import { headers } from "next/headers";
import { stampedClientIp } from "@/server/client-ip";
import { jsonRoute } from "@/server/http";
import { signUp } from "@/server/services/users";

export const POST = jsonRoute(async (body) => ({ user: await signUp(body as never, { ip: stampedClientIp(await headers()) }) }));
