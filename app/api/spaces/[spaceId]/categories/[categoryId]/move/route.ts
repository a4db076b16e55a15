import { userRoute } from "@/server/http";
import { moveCategory } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string; categoryId: string }> };

export const POST = userRoute<Ctx>(async (user, body, { params }) => moveCategory(user.id, (await params).categoryId, body));
