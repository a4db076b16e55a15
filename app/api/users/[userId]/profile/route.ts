import { userRoute } from "@/server/http";
import { getProfile } from "@/server/services/profiles";

type Ctx = { params: Promise<{ userId: string }> };

export const GET = userRoute<Ctx>(async (user, _body, { params }) => ({ profile: await getProfile(user.id, (await params).userId) }));
