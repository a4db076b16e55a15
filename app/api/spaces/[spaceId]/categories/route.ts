import { userRoute } from "@/server/http";
import { createCategory } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => createCategory(user.id, (await params).spaceId, body));
