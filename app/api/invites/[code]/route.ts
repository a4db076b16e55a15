import { userRoute } from "@/server/http";
import { acceptInvite } from "@/server/services/spaces";

type Ctx = { params: Promise<{ code: string }> };

// The invite's preview is rendered by app/invite/[code]/page.tsx; here one only accepts it.
export const POST = userRoute<Ctx>(async (user, _body, { params }) => acceptInvite(user.id, (await params).code));
