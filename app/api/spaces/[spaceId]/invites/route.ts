import { userRoute } from "@/server/http";
import { createInvite, listInvites } from "@/server/services/spaces";

type Ctx = { params: Promise<{ spaceId: string }> };

export const GET = userRoute<Ctx>(async (user, _body, { params }) => ({ invites: await listInvites(user.id, (await params).spaceId) }));
export const POST = userRoute<Ctx>(async (user, body, { params }) => createInvite(user.id, (await params).spaceId, body as never));
