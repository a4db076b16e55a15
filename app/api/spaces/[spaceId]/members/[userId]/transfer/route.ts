import { userRoute } from "@/server/http";
import { transferOwnership } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string; userId: string }> };

export const POST = userRoute<Ctx>(async (user, _body, { params }) => {
  const { spaceId, userId } = await params;
  return transferOwnership(user.id, spaceId, userId);
});
