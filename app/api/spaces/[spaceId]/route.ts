import { userRoute } from "@/server/http";
import { deleteSpace, updateSpace } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string }> };

export const PATCH = userRoute<Ctx>(async (user, body, { params }) => updateSpace(user.id, (await params).spaceId, body));
export const DELETE = userRoute<Ctx>(async (user, body, { params }) => deleteSpace(user.id, (await params).spaceId, body));
