import { userRoute } from "@/server/http";
import { revokeInvite } from "@/server/services/spaces";

type Ctx = { params: Promise<{ spaceId: string; code: string }> };

export const DELETE = userRoute<Ctx>(async (user, _body, { params }) => {
  const { spaceId, code } = await params;
  return revokeInvite(user.id, spaceId, code);
});
