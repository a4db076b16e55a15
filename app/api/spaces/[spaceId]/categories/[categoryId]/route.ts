import { userRoute } from "@/server/http";
import { deleteCategory, renameCategory } from "@/server/services/channels";

type Ctx = { params: Promise<{ spaceId: string; categoryId: string }> };

export const PATCH = userRoute<Ctx>(async (user, body, { params }) => renameCategory(user.id, (await params).categoryId, body));
export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => deleteCategory(user.id, (await params).categoryId));
