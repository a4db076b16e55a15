import { userRoute } from "@/server/http";
import { listSwitcherTargets } from "@/server/services/switcher";

export const GET = userRoute(async (user) => listSwitcherTargets(user.id));
