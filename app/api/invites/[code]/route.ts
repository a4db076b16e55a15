import { jsonRoute, userRoute } from "@/server/http";
import { acceptInvite, getInvitePreview } from "@/server/services/spaces";

type Ctx = { params: Promise<{ code: string }> };

export const GET = jsonRoute<Ctx>(async (_body, { params }) => ({ invite: await getInvitePreview((await params).code) }));
export const POST = userRoute<Ctx>(async (user, _body, { params }) => acceptInvite(user.id, (await params).code));
