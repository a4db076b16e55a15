import { userRoute } from "@/server/http";
import { undoPeopleChange } from "@/server/services/friends";

/** `{ token }` from an unfriend's or a block's answer: undo it (within 30 s, once). */
export const POST = userRoute(async (user, body) => undoPeopleChange(user.id, body));
