import { userRoute } from "@/server/http";
import { setMemberRole } from "@/server/services/space-admin";

type Ctx = { params: Promise<{ spaceId: string; userId: string }> };

/** `{ role: "admin" | "member" }`: the owner promotes or demotes. */
export const PATCH = userRoute<Ctx>(async (user, body, { params }) => {
  const { spaceId, userId } = await params;
  return setMemberRole(user.id, spaceId, userId, body);
});
