import { userRoute } from "@/server/http";
import { unbanMember } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string; userId: string }> };

export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => {
  const { spaceId, userId } = await params;
  return unbanMember(user.id, spaceId, userId);
});
